// The TLS 1.2 server handshake (RFC 5246 §7.3) as a state machine of per-state types, the
// same shape as server_13.hpp.
//
//  full:    (server12_accept) [SH, Certificate, ServerKeyExchange, (CertificateRequest),
//           ServerHelloDone] --> (ExpectClientCertificate --Cert-->) ExpectClientKeyExchange
//           --CKE--> (ExpectCertificateVerify --CV-->) ExpectChangeCipherSpec --CCS-->
//           (ExpectNextProtocol --NP-->) ExpectFinished --Finished--> [(NST), CCS, Finished]
//           --> Connected
//  resumed: (server12_accept) [SH, (NST), CCS, Finished] --> ExpectChangeCipherSpec
//           --CCS--> (ExpectNextProtocol --NP-->) ExpectFinished --Finished--> Connected
//
// Choices (the server's to make): cipher suite by the server's preference among those for which
// a certificate, a signature scheme the client accepts and a common ECDHE group exist; group by
// the server's preference; certificate by SNI, then by key type and signature_algorithms; ALPN
// by the server's preference (no overlap: no ALPN, no alert, as in server_13). Resumption by
// ticket (RFC 5077) before session ID; only sessions with an extended master secret are ever
// stored, so only those resume (RFC 7627 §5.3).
//
// ChangeCipherSpec from the client comes in through server12_change_cipher_spec. Once
// Connected, a ClientHello is refused with a no_renegotiation warning (RFC 5746 §4.4) and
// anything else is unexpected_message.
//
// Version negotiation: the version-neutral ExpectClientHello (server.hpp) reads the
// ClientHello and, when it chooses 1.2, hands the offer to server12_accept. A server that could
// negotiate 1.3 (ServerConfig::tls13_capable) writes the downgrade sentinel.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "crypto/key_exchange.hpp"
#include "crypto/provider.hpp"
#include "handshake/client_hello_offer.hpp"
#include "handshake/events_12.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/server_config.hpp"
#include "handshake/session_lifetime.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

struct ServerHandshake12 {
  CipherSuiteInfo suite;
  NamedGroup group{};
  Random client_random{};
  Random server_random{};
  PendingTranscript transcript;  // messages kept: CertificateVerify signs them (RFC 5246 §7.4.8)
  Bytes session_id;              // ours (empty: not cached)
  std::shared_ptr<KeyExchange> kx;  // our ECDHE key (full handshake)
  bool resumed = false;
  std::optional<SessionLifetime> resumed_session;  // the session being resumed
  bool extended_master_secret = false;
  bool issue_ticket = false;
  bool npn_negotiated = false;
  bool secure_renegotiation = false;
  bool client_authenticated = false;
  std::optional<SignatureScheme> client_scheme;
  std::string server_name;
  std::string alpn;
  std::string npn;
  uint8_t max_fragment_length = 0;
  Secret master_secret;  // set from the ClientKeyExchange, or the resumed session
  KeyBlock12 keys;
  Bytes tls_unique;
};

struct ServerExpectClientCertificate12 {
  static constexpr const char* kName = "ExpectClientCertificate";
  ServerHandshake12 hs;
};
struct ServerExpectClientKeyExchange12 {
  static constexpr const char* kName = "ExpectClientKeyExchange";
  ServerHandshake12 hs;
  std::optional<PublicKey> client_key;
};
struct ServerExpectCertificateVerify12 {
  static constexpr const char* kName = "ExpectCertificateVerify";
  ServerHandshake12 hs;
  PublicKey client_key;
};
struct ServerExpectChangeCipherSpec12 {
  static constexpr const char* kName = "ExpectChangeCipherSpec";
  ServerHandshake12 hs;
};
struct ServerExpectNextProtocol12 {
  static constexpr const char* kName = "ExpectNextProtocol";
  ServerHandshake12 hs;
};
struct ServerExpectFinished12 {
  static constexpr const char* kName = "ExpectFinished";
  ServerHandshake12 hs;
};
struct ServerConnected12 {
  static constexpr const char* kName = "Connected";
  ConnectionInfo12 info;
};

using ServerState12 =
    std::variant<ServerExpectClientCertificate12, ServerExpectClientKeyExchange12,
                 ServerExpectCertificateVerify12, ServerExpectChangeCipherSpec12,
                 ServerExpectNextProtocol12, ServerExpectFinished12, ServerConnected12>;

struct ServerTransition12 {
  ServerState12 state;
  Events events;
  // Send this alert at level warning after the events (renegotiation refused).
  std::optional<AlertDescription> warning_alert;
};

// The first flight, for a ClientHello read by server.hpp's ExpectClientHello that chose 1.2.
Result<ServerTransition12> server12_accept(const ClientHelloOffer& offer, const ServerConfig& config,
                                           Provider& provider);

Result<ServerTransition12> server12_handle(ServerState12 state, const HandshakeMessage& message,
                                           const ServerConfig& config, Provider& provider);

// The client's ChangeCipherSpec record arrived.
Result<ServerTransition12> server12_change_cipher_spec(ServerState12 state);

const char* server12_state_name(const ServerState12& state);

}  // namespace tlsock
