// Rows: alerts and closes around the end of the handshake, and the post-handshake messages a
// peer can flood (KeyUpdate in 1.3, HelloRequest in 1.2).
#include "hostile/probe.hpp"

namespace tlsock::hostile {
namespace {

// KeyUpdate(update_requested) and HelloRequest, header included (RFC 8446 §4.6.3, RFC 5246 §7.4.1.1).
const Bytes kKeyUpdateRequested = {static_cast<uint8_t>(HandshakeType::key_update), 0, 0, 1, 1};
const Bytes kHelloRequest = {static_cast<uint8_t>(HandshakeType::hello_request), 0, 0, 0};
const Bytes kCloseNotify = {static_cast<uint8_t>(AlertLevel::warning),
                            static_cast<uint8_t>(AlertDescription::close_notify)};

bool is_alert(const SeenRecord& s, AlertDescription d) {
  return s.type == ContentType::alert && s.opened && s.content.size() == 2 &&
         s.content[1] == static_cast<uint8_t>(d);
}

// After the handshake: `count` KeyUpdate(update_requested), each under the key the previous one
// moved to, then `data` (if any) and close_notify; returns the peer's verdict.
std::string key_updates(HostilePeer& peer, int count, const Bytes& data) {
  peer.relay_handshake();
  if (peer.engine().failed()) return drain_verdict(peer);
  Flight flight;
  size_t epoch = peer.protected_record(ContentType::handshake, {}).epoch.value_or(0);
  for (int i = 0; i < count; ++i)
    flight.push_back(OutRecord{ContentType::handshake, kKeyUpdateRequested, epoch++});
  if (!data.empty()) flight.push_back(OutRecord{ContentType::application_data, data, epoch});
  flight.push_back(OutRecord{ContentType::alert, kCloseNotify, epoch});
  peer.send(flight);
  return drain_verdict(peer);
}

// Waits for the facade's close_notify, answers with a KeyUpdate(update_requested), data and our
// close_notify, and reports whatever the facade sent after its close_notify.
std::string after_close_notify(HostilePeer& peer) {
  peer.relay_handshake();
  auto close_seen = [&] {
    for (const SeenRecord& s : peer.seen())
      if (is_alert(s, AlertDescription::close_notify)) return true;
    return false;
  };
  while (!close_seen() && peer.receive()) {
  }
  if (!close_seen()) return "no close_notify: " + drain_verdict(peer);
  size_t epoch = peer.protected_record(ContentType::handshake, {}).epoch.value_or(0);
  peer.send({OutRecord{ContentType::handshake, kKeyUpdateRequested, epoch},
             OutRecord{ContentType::application_data, {'l', 'a', 't', 'e'}, epoch + 1},
             OutRecord{ContentType::alert, kCloseNotify, epoch + 1}});
  peer.drain();
  std::string after;
  bool closed = false;
  for (const SeenRecord& s : peer.seen()) {
    if (closed) after += (after.empty() ? "" : ",") + name(s.type);
    if (is_alert(s, AlertDescription::close_notify)) closed = true;
  }
  return after.empty() ? "nothing after close_notify" : "sent " + after + " after close_notify";
}

// 1.2: HelloRequests after the handshake; the facade's no_renegotiation answers are counted.
std::string hello_request_flood(HostilePeer& peer) {
  constexpr int kRequests = 100;
  peer.relay_handshake();
  if (peer.engine().failed()) return drain_verdict(peer);
  Flight flight;
  for (int i = 0; i < kRequests; ++i) flight.push_back(peer.protected_record(ContentType::handshake, kHelloRequest));
  peer.send(flight);
  for (int i = 0; i < 5 && peer.receive(0.05);) ++i;
  (void)peer.engine().close();
  peer.send(peer.take_flight());
  peer.drain();
  size_t answers = 0;
  for (const SeenRecord& s : peer.seen())
    if (is_alert(s, AlertDescription::no_renegotiation)) ++answers;
  // BoringSSL and OpenSSL bound what one peer can make us send; 32 is kMaxConsecutiveEmptyRecords.
  return answers <= 32 ? "answers capped" : "answered " + std::to_string(answers) + " of 100";
}

// The client reads both NewSessionTickets, then closes: close_notify and FIN, or FIN alone.
std::string close_after_tickets(HostilePeer& peer, bool close_notify) {
  peer.relay_handshake();
  while (peer.engine().sessions_received() < 2 && peer.receive()) {
  }
  if (close_notify) {
    (void)peer.engine().close();
    peer.send(peer.take_flight());
  }
  peer.shutdown_write();
  return drain_verdict(peer);
}

}  // namespace

std::vector<Probe> post_handshake_probes() {
  std::vector<Probe> rows;
  rows.push_back({.name = "plaintext fatal alert after our ServerHello (server)",
                  .rfc = "RFC 8446 §6, §5.1",
                  .does = "answers the server's flight with a plaintext bad_certificate alert",
                  .facade = {.role = Role::server, .mode = Mode::blocking, .action = FacadeAction::handshake},
                  .script =
                      [](HostilePeer& peer) {
                        peer.relay(
                            [](Flight& f, size_t index) {
                              if (index == 1)
                                f = {OutRecord{ContentType::alert,
                                               {static_cast<uint8_t>(AlertLevel::fatal),
                                                static_cast<uint8_t>(AlertDescription::bad_certificate)}}};
                            },
                            [] { return false; });
                        return peer.verdict();
                      },
                  .expect_peer = "eof",
                  .expect_facade = "SSLError[SSLV3_ALERT_BAD_CERTIFICATE]"});
  for (Mode mode : {Mode::blocking, Mode::nonblocking, Mode::memory_bio}) {
    rows.push_back({.name = "close_notify right after the NewSessionTickets (server, " + name(mode) + ")",
                    .rfc = "RFC 8446 §6.1, §4.6.1",
                    .does = "reads the tickets, sends close_notify and FIN",
                    .facade = {.role = Role::server, .mode = mode, .action = FacadeAction::read_all},
                    .script = [](HostilePeer& peer) { return close_after_tickets(peer, true); },
                    .expect_peer = "eof",
                    .expect_facade = "ok:eof"});
  }
  // (An SSLObject reports a FIN without close_notify as SSLEOFError: only SSLSocket rows.)
  for (Mode mode : {Mode::blocking, Mode::nonblocking}) {
    rows.push_back({.name = "FIN right after the NewSessionTickets (server, " + name(mode) + ")",
                    .rfc = "Python ssl: suppress_ragged_eofs",
                    .does = "reads the tickets and closes TCP without close_notify",
                    .facade = {.role = Role::server, .mode = mode, .action = FacadeAction::read_all},
                    .script = [](HostilePeer& peer) { return close_after_tickets(peer, false); },
                    .expect_peer = "eof",
                    .expect_facade = "ok:eof"});
  }
  for (Role role : {Role::server, Role::client}) {
    rows.push_back({.name = std::string("33 KeyUpdate(update_requested) in a row (") +
                            (role == Role::server ? "server" : "client") + ")",
                    .rfc = "RFC 8446 §4.6.3",
                    .does = "sends 33 KeyUpdate(update_requested) with no data between",
                    .facade = {.role = role, .mode = Mode::blocking, .action = FacadeAction::read_all},
                    .script = [](HostilePeer& peer) { return key_updates(peer, 33, {}); },
                    .expect_peer = "alert:unexpected_message",
                    .expect_facade = "SSLError"});
  }
  rows.push_back({.name = "32 KeyUpdate(update_requested), then data (server)",
                  .rfc = "RFC 8446 §4.6.3",
                  .does = "sends 32 KeyUpdate(update_requested), 'ping' and close_notify",
                  .facade = {.role = Role::server, .mode = Mode::blocking, .action = FacadeAction::read_all},
                  .script = [](HostilePeer& peer) { return key_updates(peer, 32, {'p', 'i', 'n', 'g'}); },
                  .expect_peer = "eof",
                  .expect_facade = "ok:eof"});
  rows.push_back({.name = "1.2 HelloRequest flood (client)",
                  .rfc = "RFC 5246 §7.4.1.1",
                  .does = "sends 100 HelloRequests after the handshake",
                  .facade = {.role = Role::client, .mode = Mode::blocking, .action = FacadeAction::read_all},
                  .peer = peer_tls12(),
                  .script = hello_request_flood,
                  .expect_peer = "answers capped",
                  .expect_facade = ""});
  for (Role role : {Role::server, Role::client}) {
    std::string who = role == Role::server ? "server" : "client";
    rows.push_back({.name = "nothing sent after our close_notify (" + who + ")",
                    .rfc = "RFC 8446 §6.1",
                    .does = "answers the facade's close_notify with KeyUpdate(update_requested), data, close_notify",
                    .facade = {.role = role, .mode = Mode::blocking, .action = FacadeAction::unwrap},
                    .script = after_close_notify,
                    .expect_peer = "nothing after close_notify",
                    .expect_facade = "ok"});
  }
  return rows;
}

}  // namespace tlsock::hostile
