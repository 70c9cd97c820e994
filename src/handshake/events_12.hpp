// What the TLS 1.2 state machines give the engine besides the shared Events (events.hpp).
//
// The 1.2 machines use the same Event types as 1.3, with these TLS 1.2 meanings:
//  - SendHandshake{message, Epoch::initial} before our ChangeCipherSpec, and
//    SendHandshake{message, Epoch::application} after it (our Finished, NextProtocol). TLS 1.2
//    has no handshake epoch: the keys that protect Finished are the application keys.
//  - SendChangeCipherSpec: a real ChangeCipherSpec record (RFC 5246 §7.1), always followed by
//    InstallKeys{write}.
//  - InstallKeys{direction, Epoch::application, suite (a TLS 1.2 suite id), generation 0,
//    traffic_secret EMPTY, keys{key = write key, iv = fixed IV}}: the key block entries of
//    RFC 5246 §6.3. keys.iv is fixed_iv_length_12(aead) bytes (4 for AES-GCM, RFC 5288 §3;
//    12 for ChaCha20-Poly1305, RFC 7905 §2): build the protector with
//    RecordProtector::create_12(aead, keys.key, keys.iv). tls12_suite(suite) tells a 1.2
//    InstallKeys from a 1.3 one.
//  - InstallKeys{read} comes from client12/server12_change_cipher_spec(), called when the
//    peer's ChangeCipherSpec record arrives (the engine checks it is exactly one byte 0x01 and
//    that no partial handshake message is buffered: a key change at a record boundary).
//  - KeyLogSecret{"CLIENT_RANDOM", client_random, master_secret} (NSS format).
//  - LimitRecordPlaintext{bytes} right after the ServerHello when max_fragment_length was
//    negotiated (RFC 6066 §4): records sent and received from then on are at most that long.
//  - HandshakeDone{summary} with summary.version = tls1_2 and an empty
//    exporter_master_secret: TLS 1.2 exporters come from ConnectionInfo12.
// A transition may also ask for a warning alert (warning_alert): the refusal of
// renegotiation, RFC 5746 §4.2 / §4.4 (no_renegotiation, level warning).
#pragma once

#include <optional>
#include <string>

#include "handshake/cipher_suites.hpp"
#include "handshake/events.hpp"
#include "handshake/messages/client_hello.hpp"

namespace tlsock {

// What a completed TLS 1.2 handshake leaves for the connection's lifetime.
struct ConnectionInfo12 {
  CipherSuiteInfo suite{};
  NamedGroup group{};  // the ECDHE group (of the original full handshake when resumed:
                       // unknown, left as the default value)
  Random client_random{};
  Random server_random{};
  Secret master_secret;
  bool extended_master_secret = false;
  bool resumed = false;
  // RFC 5929 §3.1: tls-unique is the first Finished message of the latest handshake: the
  // client's in a full handshake, the server's in an abbreviated one (its verify_data).
  Bytes tls_unique;
  std::string alpn;
  std::string npn;           // NPN protocol the client selected; empty: none
  std::string server_name;
  uint8_t max_fragment_length = 0;  // RFC 6066 code negotiated; 0: none
  bool secure_renegotiation = false;  // the peer signalled RFC 5746 support
};

// RFC 5705 exporter over a connection's master secret and randoms.
Result<Secret> export_keying_material(const ConnectionInfo12& info, std::string_view label,
                                      std::optional<ByteView> context, size_t length);

}  // namespace tlsock
