// Rows: the hellos. Versions (RFC 8446 App. D.5), sizes up to 2^17 bytes, inner lengths,
// key_share entries, the HelloRetryRequest's contents and early data after it (§4.2.10).
#include <algorithm>

#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/server_hello.hpp"
#include "hostile/probe.hpp"
#include "record/record_limits.hpp"

namespace tlsock::hostile {
namespace {

// Replaces the first `type` message of the peer's first flight with what `change` makes of it
// (whole message, header included), re-cut into records of at most 2^14 bytes.
Edit edit_first_message(HandshakeType type, std::function<void(Bytes& message)> change) {
  return [type, change](Flight& flight, size_t index) {
    if (index != 0) return;
    one_message_per_record(flight);
    if (OutRecord* m = find_message(flight, type)) change(m->content);
    split_records(flight, size_t{1} << 14);
  };
}

// The same, through the decoded ClientHello.
Edit edit_client_hello(std::function<void(ClientHello&)> change) {
  return edit_first_message(HandshakeType::client_hello, [change](Bytes& message) {
    auto ch = ClientHello::decode(ByteView(message).subspan(4));
    if (!ch.ok()) return;
    change(*ch);
    if (auto encoded = ch->encode(); encoded.ok()) message = std::move(*encoded);
  });
}

Edit edit_server_hello(std::function<void(ServerHello&)> change) {
  return edit_first_message(HandshakeType::server_hello, [change](Bytes& message) {
    auto sh = ServerHello::decode(ByteView(message).subspan(4));
    if (!sh.ok()) return;
    change(*sh);
    if (auto encoded = sh->encode(); encoded.ok()) message = std::move(*encoded);
  });
}

// Replaces (or adds) an extension, keeping its place.
void set_extension(Extensions& extensions, ExtensionType type, Bytes body) {
  Extensions out;
  bool replaced = false;
  for (const Extension& e : extensions) {
    if (e.type == type) {
      out.add(type, body);
      replaced = true;
    } else {
      out.add(e.type, e.body);
    }
  }
  if (!replaced) out.add(type, std::move(body));
  extensions = std::move(out);
}

Bytes u16_list(const std::vector<uint16_t>& values) {
  Bytes out{static_cast<uint8_t>(values.size() * 2 >> 8), static_cast<uint8_t>(values.size() * 2)};
  for (uint16_t v : values) {
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
  }
  return out;
}

// A key_share extension (ClientHello form) with one entry.
Bytes one_key_share(NamedGroup group, size_t length) {
  size_t entry = 4 + length;
  Bytes out{static_cast<uint8_t>(entry >> 8), static_cast<uint8_t>(entry),
            static_cast<uint8_t>(static_cast<uint16_t>(group) >> 8),
            static_cast<uint8_t>(group), static_cast<uint8_t>(length >> 8),
            static_cast<uint8_t>(length)};
  out.resize(out.size() + length, 0x04);
  return out;
}

// An empty client_shares list: the server must ask for a share (HelloRetryRequest).
const Bytes kNoKeyShares = {0x00, 0x00};

// The good half offers only a P-384 share, so that it can follow a HelloRetryRequest for the
// facade's preferred group (RFC 8446 §4.1.4: not one it already sent a share for).
PeerSpec p384_share_peer() {
  return {.client_setup = [](ClientConfig& config, ConnectionOptions&) {
    config.key_share_groups = {NamedGroup::secp384r1};
  }};
}

constexpr auto kBigExtension = static_cast<ExtensionType>(0xfde8);

void add_big_extension(ClientHello& ch) { ch.extensions.add(kBigExtension, Bytes(65000, 0x5a)); }

void many_signature_schemes(ClientHello& ch) {
  std::vector<uint16_t> schemes = {0x0403, 0x0804, 0x0805, 0x0503};
  for (uint16_t i = 0; schemes.size() < 32000; ++i) schemes.push_back(static_cast<uint16_t>(0x1000 + i));
  set_extension(ch.extensions, ExtensionType::signature_algorithms, u16_list(schemes));
}

// `count` suites, the offered real ones last: the server must walk past the unknown ones.
void many_cipher_suites(ClientHello& ch, size_t count) {
  std::vector<CipherSuite> suites;
  for (uint16_t i = 0; suites.size() + ch.cipher_suites.size() < count; ++i)
    suites.push_back(static_cast<CipherSuite>(0x1400 + i));
  suites.insert(suites.end(), ch.cipher_suites.begin(), ch.cipher_suites.end());
  ch.cipher_suites = std::move(suites);
}

// Sends the first flight through `edit` and reports the facade's answer: the kind of hello,
// or its alert. Then EOF, so the facade's handshake ends.
std::string answer_to(HostilePeer& peer, const Edit& edit) {
  // Only the first flight goes out: what the engine says to the answer (the facade hashed an
  // edited hello, so their keys differ) would only blur the picture.
  Edit first_only = [edit](Flight& flight, size_t index) {
    if (index == 0) {
      edit(flight, index);
    } else {
      flight.clear();
    }
  };
  peer.relay(first_only, [&] { return !peer.hellos().empty() || peer.eof(); });
  std::string seen = peer.hello_kind().empty() ? peer.verdict() : peer.hello_kind();
  peer.shutdown_write();
  peer.drain();
  return seen;
}


Probe refused_hello(std::string name, std::string rfc, std::string does, Role facade_role, Edit edit,
                    std::string alert, PeerSpec peer = {}) {
  return {.name = std::move(name),
          .rfc = std::move(rfc),
          .does = std::move(does),
          .facade = {.role = facade_role, .mode = Mode::blocking, .action = FacadeAction::handshake},
          .peer = std::move(peer),
          .script = [edit](HostilePeer& p) { return refusal(p, edit); },
          .expect_peer = "alert:" + alert,
          .expect_facade = "SSLError"};
}

Probe accepted_hello(std::string name, std::string does, Edit edit) {
  return {.name = std::move(name),
          .rfc = "RFC 8446 §4.1.2, §4 (2^17 limit)",
          .does = std::move(does),
          .facade = {.role = Role::server, .mode = Mode::blocking, .action = FacadeAction::handshake},
          .script = [edit](HostilePeer& p) { return answer_to(p, edit); },
          .expect_peer = "server_hello",
          .expect_facade = "SSLEOFError"};
}

// The HelloRetryRequest's extension types, sorted: "hrr:key_share,supported_versions".
std::string hrr_extensions(HostilePeer& peer) {
  for (const SeenRecord& s : peer.seen()) {
    if (s.type != ContentType::handshake || s.protected_record || s.content.size() < 4) continue;
    auto sh = ServerHello::decode(ByteView(s.content).subspan(4));
    if (!sh.ok() || !sh->is_hello_retry_request()) continue;
    std::vector<std::string> names;
    for (const Extension& e : sh->extensions) names.push_back(name(e.type));
    std::sort(names.begin(), names.end());
    std::string out = "hrr:";
    for (size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + names[i];
    return out;
  }
  return peer.verdict();
}

}  // namespace

std::vector<Probe> hello_probes() {
  std::vector<Probe> rows;
  rows.push_back(refused_hello(
      "ClientHello legacy_version 0x0300, supported_versions offers 1.3", "RFC 8446 App. D.5",
      "sends a ClientHello with legacy_version SSL 3.0", Role::server,
      edit_client_hello([](ClientHello& ch) { ch.legacy_version = ProtocolVersion::ssl3_0; }),
      "protocol_version"));
  rows.push_back(refused_hello(
      "ClientHello legacy_version 0x0300, no supported_versions", "RFC 8446 App. D.5",
      "sends an SSL 3.0 ClientHello", Role::server, edit_client_hello([](ClientHello& ch) {
        ch.legacy_version = ProtocolVersion::ssl3_0;
        ch.extensions.remove(ExtensionType::supported_versions);
      }),
      "protocol_version"));
  rows.push_back(refused_hello(
      "ClientHello legacy_version 0x0200, supported_versions offers 1.3", "RFC 8446 App. D.5",
      "sends a ClientHello with legacy_version 0x0200", Role::server,
      edit_client_hello([](ClientHello& ch) { ch.legacy_version = static_cast<ProtocolVersion>(0x0200); }),
      "protocol_version"));
  rows.push_back(refused_hello(
      "ServerHello (1.3) legacy_version 0x0300", "RFC 8446 App. D.5",
      "answers with a TLS 1.3 ServerHello whose legacy_version is SSL 3.0", Role::client,
      edit_server_hello([](ServerHello& sh) { sh.legacy_version = ProtocolVersion::ssl3_0; }),
      "protocol_version"));
  rows.push_back(refused_hello(
      "ServerHello (1.2) legacy_version 0x0300", "RFC 8446 App. D.5",
      "answers with an SSL 3.0 ServerHello", Role::client,
      edit_server_hello([](ServerHello& sh) { sh.legacy_version = ProtocolVersion::ssl3_0; }),
      "protocol_version", peer_tls12()));

  rows.push_back(accepted_hello("ClientHello with a 65,000-byte extension",
                                "adds an unknown extension of 65,000 bytes", edit_client_hello(add_big_extension)));
  rows.push_back(accepted_hello("ClientHello with 32,000 signature schemes",
                                "offers 4 real and 31,996 unknown signature schemes",
                                edit_client_hello(many_signature_schemes)));
  rows.push_back(accepted_hello("ClientHello with 11,000 cipher suites",
                                "offers 10,997 unknown suites before the real ones",
                                edit_client_hello([](ClientHello& ch) { many_cipher_suites(ch, 11000); })));
  rows.push_back(accepted_hello("ClientHello of ~129 KB (< 2^17)",
                                "32,000 suites and a 65,000-byte extension",
                                edit_client_hello([](ClientHello& ch) {
                                  many_cipher_suites(ch, 32000);
                                  add_big_extension(ch);
                                })));
  rows.push_back(refused_hello(
      "ClientHello in one record of 65 KB", "RFC 8446 §5.1",
      "sends a ClientHello with a 65,000-byte extension as a single record (limit 2^14)", Role::server,
      [](Flight& flight, size_t index) {
        if (index != 0) return;
        edit_client_hello(add_big_extension)(flight, index);
        Bytes message;
        for (const OutRecord& o : flight) message.insert(message.end(), o.content.begin(), o.content.end());
        flight = {OutRecord{ContentType::handshake, std::move(message)}};
      },
      "record_overflow"));
  rows.push_back(refused_hello(
      "ClientHello header one byte over the longest decodable, body not sent", "RFC 8446 §4.1.2, §6.2",
      "sends only a ClientHello header claiming 131,397 bytes and keeps the socket open",
      Role::server, [](Flight& flight, size_t index) {
        if (index != 0) return;
        auto length = static_cast<uint32_t>(kMaxClientHelloLength + 1);
        flight = {OutRecord{ContentType::handshake, handshake_header(HandshakeType::client_hello, length)}};
      },
      "decode_error"));
  rows.push_back(refused_hello(
      "ClientHello with 3 trailing bytes", "RFC 8446 §4.1.2, §6.2",
      "appends 3 bytes after the extensions (header length covers them)", Role::server,
      edit_first_message(HandshakeType::client_hello,
                         [](Bytes& m) {
                           m.insert(m.end(), {0, 0, 0});
                           Bytes h = handshake_header(HandshakeType::client_hello, static_cast<uint32_t>(m.size() - 4));
                           std::copy(h.begin(), h.end(), m.begin());
                         }),
      "decode_error"));
  rows.push_back(refused_hello(
      "ClientHello with cipher_suites cut short", "RFC 8446 §4.1.2, §6.2",
      "sets the cipher_suites length past the end of the message", Role::server,
      edit_first_message(HandshakeType::client_hello,
                         [](Bytes& m) {
                           // header 4, version 2, random 32, session id 1 + n: then the suites' length.
                           size_t at = 4 + 2 + 32 + 1 + m[4 + 2 + 32];
                           m[at] = 0xff;
                           m[at + 1] = 0xfe;
                         }),
      "decode_error"));
  rows.push_back(refused_hello(
      "key_share: empty x25519 share", "RFC 8446 §4.2.8.2",
      "offers one x25519 key share of 0 bytes", Role::server,
      edit_client_hello([](ClientHello& ch) {
        set_extension(ch.extensions, ExtensionType::key_share, one_key_share(NamedGroup::x25519, 0));
      }),
      "illegal_parameter"));
  rows.push_back(refused_hello(
      "key_share: 64-byte P-256 share", "RFC 8446 §4.2.8.2",
      "offers one secp256r1 key share of 64 bytes (65 expected)", Role::server,
      edit_client_hello([](ClientHello& ch) {
        set_extension(ch.extensions, ExtensionType::key_share, one_key_share(NamedGroup::secp256r1, 64));
      }),
      "illegal_parameter"));

  rows.push_back({.name = "HelloRetryRequest holds supported_versions and key_share only",
                  .rfc = "RFC 8446 §4.1.4",
                  .does = "offers no key share, so the server must ask for one",
                  .facade = {.role = Role::server, .mode = Mode::blocking, .action = FacadeAction::handshake},
                  .peer = p384_share_peer(),
                  .script =
                      [](HostilePeer& peer) {
                        answer_to(peer, edit_client_hello([](ClientHello& ch) {
                                    set_extension(ch.extensions, ExtensionType::key_share, kNoKeyShares);
                                  }));
                        return hrr_extensions(peer);
                      },
                  .expect_peer = "hrr:key_share,supported_versions",
                  .expect_facade = "SSLEOFError"});
  rows.push_back(
      {.name = "early data after HelloRetryRequest is skipped until ClientHello2",
       .rfc = "RFC 8446 §4.2.10",
       .does = "offers early_data and no key share, sends two 0-RTT records, then ClientHello2",
       .facade = {.role = Role::server, .mode = Mode::blocking, .action = FacadeAction::handshake},
       .peer = p384_share_peer(),
       .script =
           [](HostilePeer& peer) {
             Edit edit = [](Flight& flight, size_t index) {
               if (index != 0) return;
               edit_client_hello([](ClientHello& ch) {
                 set_extension(ch.extensions, ExtensionType::key_share, kNoKeyShares);
                 ch.extensions.add_empty(ExtensionType::early_data);
               })(flight, 0);
               // 0-RTT records the server cannot open (it accepted no PSK).
               for (int i = 0; i < 2; ++i)
                 flight.push_back(OutRecord{ContentType::application_data, Bytes(100, static_cast<uint8_t>(0xe0 + i))});
             };
             // ClientHello1 with early data, ClientHello2, and nothing after (see answer_to).
             Edit two_flights = [edit](Flight& flight, size_t index) {
               if (index == 0) edit(flight, index);
               if (index > 1) flight.clear();
             };
             peer.relay(two_flights, [&] { return peer.hellos().size() >= 2 || peer.eof(); });
             std::string seen = peer.hellos().size() >= 2 ? peer.hellos()[1] : peer.verdict();
             peer.shutdown_write();
             peer.drain();
             return seen;
           },
       .expect_peer = "server_hello",
       .expect_facade = "SSLEOFError"});
  return rows;
}

}  // namespace tlsock::hostile
