#include "engine/connection.hpp"

#include <cstring>
#include <memory>
#include <variant>

#include "engine/error_alert.hpp"
#include "engine/layers.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "record/handshake_deframer.hpp"
#include "x509/certificate.hpp"

namespace tlsock {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// RFC 8446 §5.1: "legacy_record_version ... MAY be 0x0301 for an initial ClientHello ... for
// maximum interoperability"; OpenSSL, BoringSSL and NSS do so. 0x0303 everywhere else.
constexpr uint16_t kInitialClientHelloRecordVersion = 0x0301;
constexpr uint16_t kRecordVersion = 0x0303;

// The handshake state of each role; each chooses its version itself (handshake/client.hpp,
// handshake/server.hpp).
struct Client {
  ClientConfig config;
  std::optional<ClientState> state;  // empty after a failure
};
struct Server {
  ServerConfig config;
  std::optional<ServerState> state;
};
using HandshakeSide = std::variant<Client, Server>;

bool is_tls12(const HandshakeSide& side) {
  if (auto* c = std::get_if<Client>(&side)) return c->state && std::holds_alternative<ClientState12>(*c->state);
  auto* s = std::get_if<Server>(&side);
  return s && s->state && std::holds_alternative<ServerState12>(*s->state);
}

// KeyUpdates (with or without update_requested) tolerated in a row while no application data
// arrives; then unexpected_message. Without a bound a peer keeps us rekeying, and answering
// update_requested, without ever sending data. 32 is BoringSSL's kMaxKeyUpdates (which also
// counts every KeyUpdate).
constexpr uint32_t kMaxConsecutiveKeyUpdates = 32;

// CertifiedKey::chain_signatures from the certificates themselves, for a server that has
// several chains to choose from by the client's signature_algorithms_cert. A certificate that
// does not parse, or whose algorithm we do not know, adds nothing.
void fill_chain_signatures(std::vector<CertifiedKey>& chains) {
  if (chains.size() < 2) return;
  for (CertifiedKey& c : chains) {
    if (!c.chain_signatures.empty()) continue;
    for (size_t i = 0; i < c.chain.size(); ++i) {
      auto cert = x509::Certificate::from_der(ByteView(c.chain[i]));
      if (!cert.ok()) continue;
      if (i + 1 == c.chain.size() && cert->self_issued()) break;  // its signature is not checked
      if (cert->signature_algorithm().algorithm) c.chain_signatures.push_back(*cert->signature_algorithm().algorithm);
    }
  }
}

Error closed_error(const char* what) {
  return Error{ErrorKind::closed, AlertDescription::close_notify, what};
}

}  // namespace

struct Connection::Impl {
  Impl(Role r, Provider p, ConnectionOptions& options)
      : role(r),
        provider(p),
        key_log(std::move(options.key_log)),
        auto_key_update(options.auto_key_update),
        min_version(options.min_version),
        max_version(options.max_version),
        observer(std::move(options.message_observer)) {
    if (options.verify) verifier = std::make_unique<X509CertVerifier>(std::move(*options.verify));
    if (auto_key_update) record.set_write_rekey_threshold(options.rekey_after_records);
  }

  Status start_client(ClientConfig config, std::optional<ClientSession13> session,
                      std::optional<ClientSession12> session12);
  Status handle_change_cipher_spec(const ReceivedRecord& r);
  Status send_warning(AlertDescription description);
  Status send_alert(Alert alert);
  Status count_request(uint32_t& run, uint32_t limit, const char* what);
  const ConnectionInfo12* info12() const;
  Status start_server(ServerConfig config, ClientHelloHook hook);

  Result<size_t> feed(ByteView data);
  MutableByteView input_space();
  Result<size_t> commit_input(size_t n);
  Status process();
  Status handle_record(const ReceivedRecord& record);
  Status handle_handshake_messages();
  Status handle_message(const HandshakeMessage& message);
  Status apply(Events& events);
  Status check_peer_flight_ended() const;
  Status apply_one(SendHandshake& e);
  Status apply_one(InstallKeys& e);
  Status apply_one(HandshakeDone& e);
  Status apply_one(const VersionSelected& e);
  Result<size_t> write_app(ByteView data);
  Result<size_t> read_app(MutableByteView out);
  Status close();
  Status key_update(bool request_peer);
  Status request_client_certificate();
  Status send_session_tickets(unsigned count);
  Error fail(Error e);
  // Tells the message observer, when there is one (ConnectionOptions::message_observer).
  void observe(MessageDirection direction, ContentType type, ByteView message) const {
    if (observer) observer(direction, type, message);
  }

  // Runs one transition on the state in `slot`; the state is consumed, so a failed transition
  // leaves the slot empty (and the connection failed).
  template <typename State, typename Step>
  Status advance(std::optional<State>& slot, Step&& step) {
    if (!slot) return internal_error("engine: the handshake state is gone");
    auto t = step(std::move(*slot));
    slot.reset();
    if (!t.ok()) return std::move(t).error();
    slot.emplace(std::move(t->state));
    TLSOCK_TRY(apply(t->events));
    // TLS 1.2 transitions may ask for a warning alert (renegotiation refused, RFC 5746 §4),
    // as many in a row as we accept warnings from the peer (record_limits.hpp).
    if constexpr (requires { t->warning_alert; }) {
      if (t->warning_alert) {
        TLSOCK_TRY(count_request(renegotiations_refused, kMaxConsecutiveWarningAlerts,
                                 "renegotiation attempts"));
        return send_warning(*t->warning_alert);
      }
    }
    return {};
  }

  // For the calls the application makes after the handshake (key_update(),
  // request_client_certificate(), send_session_tickets()): `step` takes the state by rvalue
  // reference and, when it refuses (config_error), has not touched it. The refusal is handed
  // back and the connection goes on; any other error is fatal as in advance().
  template <typename State, typename Step>
  Status advance_unless_refused(std::optional<State>& slot, Step&& step) {
    if (!slot) return internal_error("engine: the handshake state is gone");
    auto t = step(std::move(*slot));
    if (!t.ok() && t.error().kind == ErrorKind::config) return std::move(t).error();
    slot.reset();
    if (!t.ok()) return fail(std::move(t).error());
    slot.emplace(std::move(t->state));
    Status s = apply(t->events);
    if (!s.ok()) return fail(s.error());
    return {};
  }

  void keep_peer_chain(std::vector<Bytes> chain) {
    peer_chain.clear();
    for (Bytes& der : chain) {
      std::shared_ptr<const Bytes> owner;
      if (verifier) {
        for (const auto& verified : verifier->verified_chain()) {
          if (*verified == der) owner = verified;
        }
      }
      peer_chain.push_back(owner ? std::move(owner) : std::make_shared<const Bytes>(std::move(der)));
    }
  }

  bool key_update_owed() const {
    if (auto* c = std::get_if<Client>(&side)) return c->state && client_key_update_owed(*c->state);
    if (auto* s = std::get_if<Server>(&side)) return s->state && server_key_update_owed(*s->state);
    return false;
  }
  const ServerConnected* server_connected() const {
    auto* s = std::get_if<Server>(&side);
    return s && s->state ? server13_connected(*s->state) : nullptr;
  }
  bool can_write_app() const {
    return handshake_done && !failure && !close_sent && record.output().size() < kOutputHighWater;
  }

  Role role;
  Provider provider;
  KeyLogCallback key_log;
  bool auto_key_update;
  std::unique_ptr<X509CertVerifier> verifier;  // when ConnectionOptions::verify was given
  ProtocolVersion min_version;
  ProtocolVersion max_version;
  MessageObserver observer;
  std::optional<ClientSession12> latest_session12;

  HandshakeSide side;
  RecordLayer record;
  HandshakeDeframer handshake_deframer;  // handshake messages joined across records
  AlertReceiver alerts;
  bool input_offered = false;  // input_space() handed out the record layer's space

  MutableByteView app;                   // decrypted application data not yet read
  Epoch write_epoch = Epoch::initial;
  bool version_set = false;
  size_t receive_plaintext_limit = 0;    // RFC 6066 max_fragment_length; 0: none
  bool handshake_done = false;
  bool peer_finished = false;            // the peer's Finished was verified
  // Requests answered since application data last arrived (count_request()).
  uint32_t key_updates = 0;
  uint32_t renegotiations_refused = 0;
  bool peer_closed = false;
  bool close_sent = false;
  std::optional<Error> failure;

  std::optional<HandshakeSummary> summary;
  // Certificates the verifier accepted share its DER owner: each is held once.
  std::vector<std::shared_ptr<const Bytes>> peer_chain;
  std::string alpn;
  Bytes client_finished;  // verify_data of the first Finished each side sent
  Bytes server_finished;
  std::optional<ClientSession13> latest_session;
  size_t sessions_received = 0;
};

// --- start ------------------------------------------------------------------------------------

Status Connection::Impl::start_client(ClientConfig config, std::optional<ClientSession13> session,
                                      std::optional<ClientSession12> session12) {
  if (verifier) config.verifier = verifier.get();
  config.key_log = static_cast<bool>(key_log);
  if (min_version > max_version || min_version < ProtocolVersion::tls1_2 ||
      max_version > ProtocolVersion::tls1_3) {
    return config_error("ConnectionOptions: versions must satisfy 1.2 <= min <= max <= 1.3");
  }
  // The versions the ClientHello offers, highest first; the handshake negotiates among them.
  config.supported_versions.clear();
  for (ProtocolVersion v : {ProtocolVersion::tls1_3, ProtocolVersion::tls1_2}) {
    if (v >= min_version && v <= max_version) config.supported_versions.push_back(v);
  }
  auto& c = side.emplace<Client>(Client{std::move(config), std::nullopt});
  TLSOCK_TRY_ASSIGN(ClientTransition t,
                    client_start(c.config, provider, std::move(session), std::move(session12)));
  c.state.emplace(std::move(t.state));
  if (max_version == ProtocolVersion::tls1_2) {
    // Only TLS 1.2 offered: the server's records carry 0x0303 from the first (RFC 5246 §6.2.1).
    record.set_version(RecordVersion::tls12);
    version_set = true;
  } else {
    // RFC 8446 §5: a compatibility ChangeCipherSpec may arrive from now until the server's
    // Finished.
    record.set_compat_ccs_allowed(true);
  }
  record.set_plaintext_record_version(kInitialClientHelloRecordVersion);
  Status s = apply(t.events);
  record.set_plaintext_record_version(kRecordVersion);
  return s;
}

Status Connection::Impl::start_server(ServerConfig config, ClientHelloHook hook) {
  if (min_version > max_version || min_version < ProtocolVersion::tls1_2 ||
      max_version > ProtocolVersion::tls1_3) {
    return config_error("ConnectionOptions: versions must satisfy 1.2 <= min <= max <= 1.3");
  }
  config.min_version = min_version;
  config.max_version = max_version;
  if (verifier) config.client_verifier = verifier.get();
  config.key_log = static_cast<bool>(key_log);
  fill_chain_signatures(config.certificates);
  if (hook) {
    // What the engine itself put into the configuration stays, whatever the hook did.
    config.client_hello = [this, hook = std::move(hook)](const ClientHelloOffer& hello,
                                                         ServerConfig& c) {
      std::optional<AlertDescription> alert = hook(hello, c);
      if (verifier) c.client_verifier = verifier.get();
      c.key_log = static_cast<bool>(key_log);
      return alert;
    };
  }
  side.emplace<Server>(Server{std::move(config), server_start()});
  return {};
}

// --- failure ----------------------------------------------------------------------------------

Error Connection::Impl::fail(Error e) {
  if (failure) return *failure;
  failure = e;
  app = {};
  // The handshake state holds secrets: drop it now (Secret wipes itself).
  std::visit([](auto& s) { s.state.reset(); }, side);
  // RFC 8446 §6.2: an error alert is sent once, then the connection is closed. Nothing is sent
  // after our close_notify.
  if (auto alert = alert_for_error(e); alert && !close_sent) (void)send_alert(*alert);
  return e;
}

// --- input ------------------------------------------------------------------------------------

Result<size_t> Connection::Impl::feed(ByteView data) {
  if (failure) return *failure;
  size_t consumed = 0;
  while (consumed < data.size() && !peer_closed && app.empty() && !failure) {
    // The record layer takes at most the record now arriving; it is processed before more.
    size_t took = record.feed(data.subspan(consumed));
    consumed += took;
    Status s = process();
    if (!s.ok()) return s.error();
    if (took == 0) break;  // the record layer failed (and process() said so)
  }
  if (failure) return *failure;
  return consumed;
}

MutableByteView Connection::Impl::input_space() {
  input_offered = !failure && !peer_closed && app.empty();
  return input_offered ? record.input_space() : MutableByteView();
}

Result<size_t> Connection::Impl::commit_input(size_t n) {
  if (failure) return *failure;
  size_t took = std::exchange(input_offered, false) ? record.commit_input(n) : 0;
  Status s = process();
  if (!s.ok()) return s.error();
  if (failure) return *failure;
  return took;
}

Status Connection::Impl::process() {
  while (!failure && !peer_closed && app.empty()) {
    auto next = record.read();
    if (!next.ok()) return fail(std::move(next).error());
    if (!next->has_value()) break;
    Status s = handle_record(**next);
    if (!s.ok()) return fail(s.error());
  }
  if (!failure) handshake_deframer.release_if_idle();
  // Nothing of the receive buffer is in use once application data is read (`app` is a view
  // into it): an idle connection gives the buffer back.
  if (!failure && app.empty()) record.release_if_idle();
  return {};
}

Status Connection::Impl::handle_record(const ReceivedRecord& r) {
  // RFC 6066 §4: with a negotiated max_fragment_length, "a TLS record with ... plaintext
  // length ... that is larger than the negotiated length" -> record_overflow.
  if (receive_plaintext_limit != 0 && r.content.size() > receive_plaintext_limit) {
    return protocol_error(AlertDescription::record_overflow,
                          "record of " + std::to_string(r.content.size()) +
                              " bytes exceeds the negotiated max_fragment_length of " +
                              std::to_string(receive_plaintext_limit));
  }
  switch (r.type) {
    case ContentType::handshake:
      alerts.reset_warning_run();
      TLSOCK_TRY(handshake_deframer.add(r.content));
      return handle_handshake_messages();
    case ContentType::alert: {
      TLSOCK_TRY(handshake_deframer.check_not_interleaved(r.type));
      observe(MessageDirection::received, ContentType::alert, r.content);
      TLSOCK_TRY_ASSIGN(AlertOutcome outcome, alerts.receive(r.content, record.version()));
      // RFC 8446 §6.1: after close_notify "any data received ... MUST be ignored".
      if (outcome == AlertOutcome::closed) peer_closed = true;
      return {};
    }
    case ContentType::application_data:
      TLSOCK_TRY(handshake_deframer.check_not_interleaved(r.type));
      // Application data only once the peer's Finished is verified, empty or padded records
      // included: not in the clear (the record layer refuses that), not under handshake keys
      // (RFC 8446 §2: data is sent "after" Finished), not in TLS 1.2 between the peer's
      // ChangeCipherSpec and its Finished (RFC 5246 §7.4.9: Finished "is the first one
      // protected with the just negotiated algorithms, keys, and secrets").
      if (!peer_finished) {
        return protocol_error(AlertDescription::unexpected_message,
                              "application data before the peer's Finished");
      }
      // An empty record carries nothing: it neither ends a run of warnings or requests nor
      // gives read_app() anything (the record layer bounds a run of them).
      if (r.content.empty()) return {};
      alerts.reset_warning_run();
      key_updates = 0;
      renegotiations_refused = 0;
      app = r.content;
      return {};
    case ContentType::change_cipher_spec:
      if (is_tls12(side)) return handle_change_cipher_spec(r);
      [[fallthrough]];
    default:
      // TLS 1.3 ChangeCipherSpec never gets here (the record layer drops or refuses it).
      return protocol_error(AlertDescription::unexpected_message,
                            "unexpected " + name(r.type) + " record");
  }
}

// TLS 1.2 ChangeCipherSpec (RFC 5246 §7.1): the peer's next records use the new read keys,
// which the 1.2 machine hands out now.
Status Connection::Impl::handle_change_cipher_spec(const ReceivedRecord& r) {
  alerts.reset_warning_run();
  observe(MessageDirection::received, ContentType::change_cipher_spec, r.content);
  // The record layer already refuses anything but one byte 0x01; checked again because the
  // keys change on it.
  if (r.content.size() != 1 || r.content[0] != 1) {
    return protocol_error(AlertDescription::unexpected_message, "ChangeCipherSpec is not 0x01");
  }
  // A key change at a record boundary: no part of a handshake message may straddle it.
  TLSOCK_TRY(handshake_deframer.check_key_change_boundary());
  return std::visit(
      Overloaded{
          [&](Client& c) {
            return advance(c.state, [&](ClientState st) { return client_change_cipher_spec(std::move(st)); });
          },
          [&](Server& sv) {
            return advance(sv.state, [&](ServerState st) { return server_change_cipher_spec(std::move(st)); });
          },
      },
      side);
}

// One more request of a run (a KeyUpdate, a renegotiation to refuse);
// unexpected_message past `limit` of them with no application data in between.
Status Connection::Impl::count_request(uint32_t& run, uint32_t limit, const char* what) {
  if (++run > limit) {
    return protocol_error(AlertDescription::unexpected_message,
                          "more than " + std::to_string(limit) + " " + what +
                              " in a row without application data");
  }
  return {};
}

Status Connection::Impl::send_warning(AlertDescription description) {
  if (close_sent) return {};
  return send_alert(Alert{AlertLevel::warning, description});
}

Status Connection::Impl::send_alert(Alert alert) {
  auto encoded = encode_alert(alert);
  TLSOCK_TRY(record.seal(ContentType::alert, encoded));
  observe(MessageDirection::sent, ContentType::alert, encoded);
  return {};
}

const ConnectionInfo12* Connection::Impl::info12() const {
  if (auto* c = std::get_if<Client>(&side); c && c->state) {
    if (auto* done = client_connected12(*c->state)) return &done->info;
  }
  if (auto* sv = std::get_if<Server>(&side); sv && sv->state) {
    if (auto* done = server12_connected(*sv->state)) return &done->info;
  }
  return nullptr;
}

Status Connection::Impl::handle_handshake_messages() {
  for (;;) {
    TLSOCK_TRY_ASSIGN(std::optional<HandshakeMessage> m, handshake_deframer.next());
    if (!m) return {};
    TLSOCK_TRY(handle_message(*m));
    if (failure || peer_closed) return {};
  }
}

Status Connection::Impl::handle_message(const HandshakeMessage& message) {
  const HandshakeMessage& m = message;
  observe(MessageDirection::received, ContentType::handshake, m.encoded);
  // The peer's first Finished, for tls-unique (taken before the state moves on).
  bool first_peer_finished = m.type == HandshakeType::finished && !handshake_done;
  Bytes finished_copy;
  if (first_peer_finished) finished_copy.assign(m.body.begin(), m.body.end());

  // RFC 8446 §4.6.3: each KeyUpdate costs a rekey, one with update_requested an answer too; a
  // run of them without data in between is refused before it is acted on.
  if (m.type == HandshakeType::key_update && handshake_done) {
    TLSOCK_TRY(count_request(key_updates, kMaxConsecutiveKeyUpdates, "KeyUpdates"));
  }
  Status s = std::visit(
      Overloaded{
          [&](Client& c) {
            return advance(c.state, [&](ClientState st) {
              return client_handle(std::move(st), message, c.config, provider);
            });
          },
          [&](Server& sv) {
            return advance(sv.state, [&](ServerState st) {
              return server_handle(std::move(st), message, sv.config, provider);
            });
          },
      },
      side);
  TLSOCK_TRY(s);
  if (auto* c = std::get_if<Client>(&side); c && c->state && !latest_session12) {
    if (auto* done = client_connected12(*c->state)) latest_session12 = done->session;
  }
  if (first_peer_finished) {
    Bytes& slot = role == Role::client ? server_finished : client_finished;
    if (slot.empty()) slot = std::move(finished_copy);
  }
  if (m.type == HandshakeType::finished) peer_finished = true;  // verified: the state moved on
  return {};
}

// --- events -----------------------------------------------------------------------------------

Status Connection::Impl::apply(Events& events) {
  for (Event& event : events) {
    if (failure) return *failure;
    TLSOCK_TRY(std::visit(
        Overloaded{
            [&](SendHandshake& e) { return apply_one(e); },
            [&](SendChangeCipherSpec&) -> Status {
              if (close_sent) return {};  // nothing after our close_notify (RFC 8446 §6.1)
              TLSOCK_TRY(check_peer_flight_ended());
              constexpr uint8_t kChangeCipherSpec[] = {1};
              TLSOCK_TRY(record.seal(ContentType::change_cipher_spec, kChangeCipherSpec));
              observe(MessageDirection::sent, ContentType::change_cipher_spec, kChangeCipherSpec);
              return {};
            },
            [&](InstallKeys& e) { return apply_one(e); },
            [&](PeerCertificates& e) -> Status {
              keep_peer_chain(std::move(e.chain));
              return {};
            },
            [&](AlpnSelected& e) -> Status {
              alpn = std::move(e.protocol);
              return {};
            },
            [&](SkipEarlyData& e) -> Status {
              if (e.until_second_client_hello) {
                record.skip_early_data_until_client_hello(e.max_bytes);
              } else {
                record.skip_early_data(e.max_bytes);
              }
              return {};
            },
            [&](KeyLogSecret& e) -> Status {
              if (key_log) key_log(nss_key_log_line(e.label, e.client_random, e.secret));
              return {};
            },
            [&](SessionTicketReceived& e) -> Status {
              latest_session = std::move(e.session);
              ++sessions_received;
              return {};
            },
            [&](RecordSizeLimits& e) -> Status {
              if (e.send != 0) {
                TLSOCK_TRY_ASSIGN(size_t limit,
                                  fragment_limit_from_record_size_limit(e.send, RecordVersion::tls13));
                record.fragmenter().set_max_fragment_length(limit);
              }
              if (e.receive != 0) record.set_receive_record_size_limit(e.receive);
              return {};
            },
            [&](HandshakeDone& e) { return apply_one(e); },
            [&](LimitRecordPlaintext& e) -> Status {
              record.fragmenter().set_max_fragment_length(e.max_plaintext);
              receive_plaintext_limit = e.max_plaintext;
              return {};
            },
            [&](VersionSelected& e) { return apply_one(e); },
        },
        event));
  }
  return {};
}

// During the handshake we send only to answer the message just received, which ended the
// peer's flight: the peer waits for our answer, so no byte of a further message may follow it
// (BoGo's Partial* tests, e.g. PartialNewSessionTicketWithServerHelloDone). Checked before
// anything of the answer is written.
Status Connection::Impl::check_peer_flight_ended() const {
  if (handshake_done) return {};
  return handshake_deframer.check_end_of_flight();
}

Status Connection::Impl::apply_one(SendHandshake& e) {
  // The state machine names the epoch it means; it must be the one installed (a mismatch is
  // a bug between the events and the engine, never the peer's doing).
  if (e.epoch != write_epoch) {
    return internal_error("engine: handshake message for another epoch than the write keys'");
  }
  // RFC 8446 §6.1: close_notify says "the sender will not send any more messages on this
  // connection": a KeyUpdate, ticket or Certificate the state machine would answer with after
  // our close() is not sent.
  if (close_sent) return {};
  TLSOCK_TRY(check_peer_flight_ended());
  if (!handshake_done && !e.message.empty() &&
      e.message[0] == static_cast<uint8_t>(HandshakeType::finished) && e.message.size() > 4) {
    Bytes& slot = role == Role::client ? client_finished : server_finished;
    if (slot.empty()) slot.assign(e.message.begin() + 4, e.message.end());
  }
  TLSOCK_TRY(record.seal(ContentType::handshake, e.message));
  observe(MessageDirection::sent, ContentType::handshake, e.message);
  return {};
}

Status Connection::Impl::apply_one(InstallKeys& e) {
  if (auto suite12 = tls12_suite(e.suite)) {
    // TLS 1.2 (handshake/events_12.hpp): key + fixed IV from the key block, RFC 5246 §6.3.
    TLSOCK_TRY_ASSIGN(RecordProtector p,
                      RecordProtector::create_12(suite12->aead, e.keys.key, e.keys.iv));
    if (e.direction == Direction::read) {
      TLSOCK_TRY(handshake_deframer.check_key_change_boundary());
      record.install_read_protector(std::move(p));
    } else {
      record.install_write_protector(std::move(p));
      write_epoch = e.epoch;
    }
    return {};
  }
  auto suite = tls13_suite(e.suite);
  if (!suite) return internal_error("engine: keys for a suite that is not TLS 1.3");
  TLSOCK_TRY_ASSIGN(RecordProtector p, RecordProtector::create_13(suite->aead, e.keys.key, e.keys.iv));
  if (!version_set) {
    record.set_version(RecordVersion::tls13);
    version_set = true;
  }
  if (e.direction == Direction::read) {
    // RFC 8446 §5.1: the message before a key change must end at a record boundary.
    TLSOCK_TRY(handshake_deframer.check_key_change_boundary());
    record.install_read_protector(std::move(p));
    // RFC 8446 Appendix A.1: a client that cannot process our ServerHello sends its alert in
    // the clear.
    if (role == Role::server && e.epoch == Epoch::handshake) record.allow_plaintext_alert();
    if (e.epoch == Epoch::handshake && record.early_data_trial_wanted()) {
      // RFC 8446 §4.2.10: the client's handshake keys tell its flight from its early data.
      TLSOCK_TRY_ASSIGN(RecordProtector trial,
                        RecordProtector::create_13(suite->aead, e.keys.key, e.keys.iv));
      record.set_early_data_trial(std::move(trial));
    }
    // RFC 8446 §5: the compatibility window ends with the peer's Finished, after which
    // application keys are installed for reading.
    if (e.epoch == Epoch::application) record.set_compat_ccs_allowed(false);
  } else {
    record.install_write_protector(std::move(p));
    write_epoch = e.epoch;
  }
  return {};
}

// The handshake settled the version (the client on the ServerHello, the server on the first
// ClientHello): the record layer takes that version's rules.
Status Connection::Impl::apply_one(const VersionSelected& e) {
  if (e.version == ProtocolVersion::tls1_2) {
    // No compatibility ChangeCipherSpec in TLS 1.2: the real one changes keys (RFC 5246 §7.1).
    record.set_compat_ccs_allowed(false);
    record.set_version(RecordVersion::tls12);
    version_set = true;
  } else if (role == Role::server) {
    // RFC 8446 §5: compatibility ChangeCipherSpec records are dropped from the first
    // ClientHello on.
    record.set_compat_ccs_allowed(true);
  } else {
    record.set_version(RecordVersion::tls13);
    version_set = true;
  }
  return {};
}

Status Connection::Impl::apply_one(HandshakeDone& e) {
  const HandshakeSummary& s = summary.emplace(std::move(e.summary));
  handshake_done = true;
  if (!s.alpn.empty()) alpn = s.alpn;
  return {};
}

// --- output -----------------------------------------------------------------------------------

Result<size_t> Connection::Impl::write_app(ByteView data) {
  if (failure) return *failure;
  if (close_sent) return closed_error("write after close()");
  if (!can_write_app() || data.empty()) return size_t{0};
  // RFC 8446 §5.5: rekey before the AES-GCM limit; the record layer reports when it is near.
  // TLS 1.2 has no KeyUpdate (and renegotiation is refused): its records go on to the hard
  // limit, where sealing fails with a limit error and the connection fails.
  // RFC 8446 §4.6.3: a KeyUpdate the peer asked for goes out before our next data record.
  bool near_limit = auto_key_update && record.write_key_usage() == KeyUsage::near_limit;
  if (!is_tls12(side) && (near_limit || key_update_owed())) TLSOCK_TRY(key_update(false));
  Status s = record.seal(ContentType::application_data, data);
  if (!s.ok()) return fail(s.error());
  return data.size();
}

Result<size_t> Connection::Impl::read_app(MutableByteView dst) {
  if (failure) return *failure;
  if (app.empty()) TLSOCK_TRY(process());
  size_t n = std::min(dst.size(), app.size());
  if (n == 0) return size_t{0};
  std::memcpy(dst.data(), app.data(), n);
  app = app.subspan(n);
  // The record is drained: records still buffered (post-handshake messages, alerts) go on.
  if (app.empty()) TLSOCK_TRY(process());
  return n;
}

// --- control ----------------------------------------------------------------------------------

Status Connection::Impl::close() {
  if (failure || close_sent) return {};
  close_sent = true;
  Status s = send_alert(alert_for(AlertDescription::close_notify));
  if (!s.ok()) return fail(s.error());
  return {};
}

Status Connection::Impl::key_update(bool request_peer) {
  if (failure) return *failure;
  if (!handshake_done) return config_error("key_update() before the handshake is done");
  if (close_sent) return closed_error("key_update() after close()");
  if (is_tls12(side)) return config_error("key_update() is TLS 1.3 only");
  return std::visit(
      Overloaded{
          [&](Client& c) {
            return advance_unless_refused(c.state, [&](ClientState&& st) {
              return client_key_update(std::move(st), request_peer);
            });
          },
          [&](Server& sv) {
            return advance_unless_refused(sv.state, [&](ServerState&& st) {
              return server_key_update(std::move(st), request_peer);
            });
          },
      },
      side);
}

// Server only. The handshake machine checks the rest (connected, post_handshake_auth offered,
// nothing outstanding, a client verifier) and its refusal leaves the connection as it was, as
// Python's verify_client_post_handshake() only raises.
Status Connection::Impl::request_client_certificate() {
  if (failure) return *failure;
  auto* sv = std::get_if<Server>(&side);
  if (sv == nullptr || is_tls12(side)) {
    return config_error("only a TLS 1.3 server requests a client certificate");
  }
  if (close_sent) return closed_error("post-handshake auth after close()");
  return advance_unless_refused(sv->state, [&](ServerState&& st) {
    return server_request_certificate(std::move(st), sv->config, provider);
  });
}

Status Connection::Impl::send_session_tickets(unsigned count) {
  if (failure) return *failure;
  auto* sv = std::get_if<Server>(&side);
  if (sv == nullptr || is_tls12(side)) {
    return config_error("only a TLS 1.3 server sends session tickets");
  }
  if (close_sent) return closed_error("tickets after close()");
  return advance_unless_refused(sv->state, [&](ServerState&& st) {
    return server_send_tickets(std::move(st), count, sv->config, provider);
  });
}

// --- Connection -------------------------------------------------------------------------------

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

Result<Connection> Connection::client(ClientConfig config, Provider provider, ConnectionOptions options) {
  std::optional<ClientSession13> session = std::move(options.session);
  std::optional<ClientSession12> session12 = std::move(options.session12);
  auto impl = std::make_unique<Impl>(Role::client, provider, options);
  TLSOCK_TRY(impl->start_client(std::move(config), std::move(session), std::move(session12)));
  return Connection(std::move(impl));
}

Result<Connection> Connection::server(ServerConfig config, Provider provider, ConnectionOptions options) {
  if (config.certificates.empty()) return config_error("a server needs at least one certificate");
  auto impl = std::make_unique<Impl>(Role::server, provider, options);
  TLSOCK_TRY(impl->start_server(std::move(config), std::move(options.client_hello)));
  return Connection(std::move(impl));
}

Role Connection::role() const { return impl_->role; }

Result<size_t> Connection::feed(ByteView data) { return impl_->feed(data); }
ByteView Connection::pending_output() const { return impl_->record.output().pending(); }
void Connection::consume_output(size_t n) { impl_->record.output().consume(n); }
size_t Connection::take_output(MutableByteView out) { return impl_->record.output().take(out); }
size_t Connection::take_output_buffer(Bytes& out) { return impl_->record.output().hand_over(out); }
MutableByteView Connection::input_space() { return impl_->input_space(); }
Result<size_t> Connection::commit_input(size_t n) { return impl_->commit_input(n); }
bool Connection::has_output() const { return !impl_->record.output().empty(); }

Result<size_t> Connection::write_app(ByteView data) { return impl_->write_app(data); }
Result<size_t> Connection::read_app(MutableByteView out) { return impl_->read_app(out); }
size_t Connection::pending_app() const { return impl_->app.size(); }

Status Connection::close() { return impl_->close(); }
Status Connection::key_update(bool request_peer) { return impl_->key_update(request_peer); }
Status Connection::request_client_certificate() { return impl_->request_client_certificate(); }
Status Connection::send_session_tickets(unsigned count) { return impl_->send_session_tickets(count); }

unsigned Connection::status() const {
  unsigned s = 0;
  if (has_output()) s |= kSendRecord;
  if (wants_input()) s |= kRecvRecord;
  if (impl_->can_write_app()) s |= kSendApp;
  if (!impl_->app.empty()) s |= kRecvApp;
  if (impl_->failure || (impl_->close_sent && impl_->peer_closed)) s |= kEnded;
  return s;
}
bool Connection::handshake_done() const { return impl_->handshake_done; }
bool Connection::wants_input() const {
  return !impl_->failure && !impl_->peer_closed && impl_->app.empty();
}
bool Connection::peer_closed() const { return impl_->peer_closed; }
bool Connection::close_notify_queued() const { return impl_->close_sent; }
bool Connection::failed() const { return impl_->failure.has_value(); }
const Error* Connection::error() const { return impl_->failure ? &*impl_->failure : nullptr; }
bool Connection::post_handshake_auth_pending() const {
  const ServerConnected* c = impl_->server_connected();
  return c != nullptr && c->pending_auth.has_value();
}

std::optional<ProtocolVersion> Connection::version() const {
  if (!impl_->summary) return std::nullopt;
  return impl_->summary->version;
}
std::optional<CipherSuite> Connection::cipher_suite() const {
  if (!impl_->summary) return std::nullopt;
  return impl_->summary->suite;
}
std::optional<NamedGroup> Connection::group() const {
  if (!impl_->summary) return std::nullopt;
  return impl_->summary->group;
}
std::optional<SignatureScheme> Connection::peer_signature_scheme() const {
  if (!impl_->summary) return std::nullopt;
  return impl_->summary->peer_signature_scheme;
}
std::string_view Connection::alpn() const { return impl_->alpn; }
std::string_view Connection::npn() const {
  const ConnectionInfo12* info = impl_->info12();
  return info ? std::string_view(info->npn) : std::string_view();
}
bool Connection::extended_master_secret() const {
  const ConnectionInfo12* info = impl_->info12();
  return info && info->extended_master_secret;
}
std::string_view Connection::server_name() const {
  if (!impl_->summary) return {};
  return impl_->summary->server_name;
}
bool Connection::resumed() const { return impl_->summary && impl_->summary->resumed; }
bool Connection::peer_authenticated() const {
  return impl_->summary && impl_->summary->peer_authenticated;
}
uint16_t Connection::peer_record_size_limit() const {
  return impl_->summary ? impl_->summary->peer_record_size_limit : 0;
}
std::vector<ByteView> Connection::peer_chain() const {
  std::vector<ByteView> chain;
  for (const auto& der : impl_->peer_chain) chain.emplace_back(*der);
  return chain;
}
std::vector<ByteView> Connection::verified_chain() const {
  std::vector<ByteView> chain;
  if (!impl_->verifier) return chain;
  for (const auto& der : impl_->verifier->verified_chain()) chain.emplace_back(*der);
  return chain;
}
const x509::VerifyOutcome* Connection::verify_outcome() const {
  if (!impl_->verifier || !impl_->verifier->outcome()) return nullptr;
  return &*impl_->verifier->outcome();
}

Result<Secret> Connection::export_keying_material(std::string_view label,
                                                  std::optional<ByteView> context,
                                                  size_t length) const {
  if (!impl_->summary) return config_error("exporter before the handshake is done");
  // TLS 1.2: RFC 5705 over the master secret and randoms (no context differs from empty).
  if (const ConnectionInfo12* info = impl_->info12()) {
    return tlsock::export_keying_material(*info, label, context, length);
  }
  auto suite = tls13_suite(impl_->summary->suite);
  if (!suite) return internal_error("exporter: unknown suite");
  // RFC 8446 §7.5: no context is the same as an empty context in TLS 1.3.
  return tlsock::export_keying_material(suite->hash, impl_->summary->exporter_master_secret, label,
                                        context.value_or(ByteView()), length);
}

ByteView Connection::tls_unique() const {
  if (!impl_->handshake_done) return {};
  if (const ConnectionInfo12* info = impl_->info12()) return info->tls_unique;
  return resumed() ? ByteView(impl_->server_finished) : ByteView(impl_->client_finished);
}

const std::optional<ClientSession13>& Connection::latest_session() const {
  return impl_->latest_session;
}
size_t Connection::sessions_received() const { return impl_->sessions_received; }
const std::optional<ClientSession12>& Connection::latest_session12() const {
  return impl_->latest_session12;
}

}  // namespace tlsock
