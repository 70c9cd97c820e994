// The TLS 1.3 server handshake (RFC 8446 §2, §4) as a state machine of per-state types.
//
//   server.hpp's ExpectClientHello chose 1.3 --server13_accept--> (HelloRetryRequest:
//     ExpectSecondClientHello --CH2-->) the whole first flight (SH, EE, [CR], [Cert, CV],
//     Finished) at once, then ExpectClientCertificate --Cert--> ExpectClientCertificateVerify
//     --CV--> ExpectClientFinished --Finished--> Connected (+ NewSessionTickets)
//   Without client authentication ExpectClientFinished follows the first flight directly.
//   Connected handles KeyUpdate and, after server13_request_certificate, the client's
//   post-handshake Certificate/CertificateVerify/Finished (RFC 8446 §4.6.2).
//
// Each ClientHello goes check (read_client_hello, client_hello_offer.hpp) -> negotiate (the
// PSK here, the rest in server_negotiation.hpp) -> emit (a HelloRetryRequest or the flight).
// Choices (RFC 8446 leaves them to the server): cipher suite and group by the server's
// preference; a group for which the client sent a share is preferred over sending a
// HelloRetryRequest; the HelloRetryRequest carries a cookie only when
// ServerConfig::send_hello_retry_cookie says so, and the second ClientHello is checked against
// the first either way; ALPN by the server's preference (no overlap: no ALPN, no alert);
// certificate by SNI, then by the client's signature_algorithms. Offered 0-RTT is declined.
#pragma once

#include <optional>
#include <variant>

#include "crypto/provider.hpp"
#include "handshake/client_hello_offer.hpp"
#include "handshake/events.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/server_config.hpp"
#include "handshake/session_lifetime.hpp"
#include "handshake/traffic_13.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

struct ServerExpectSecondClientHello {
  static constexpr const char* kName = "ExpectSecondClientHello";
  Transcript transcript;  // message_hash(ClientHello1), HelloRetryRequest
  CipherSuiteInfo suite;
  NamedGroup group;
  Bytes cookie;  // empty: the HelloRetryRequest had none
  ClientHello first_hello;  // the second must match it (RFC 8446 §4.1.2)
  bool sent_ccs = false;
};

// What every state after the first flight carries.
struct ServerHandshake {
  CipherSuiteInfo suite;
  NamedGroup group{};
  Random client_random{};
  Transcript transcript;
  MasterSecret master_secret;
  Secret client_hs_secret;
  Secret client_ap_secret;
  Secret server_ap_secret;
  Secret exporter_master_secret;
  Bytes certificate_request_context;
  Extensions certificate_request_extensions;  // what our CertificateRequest asked for
  std::string server_name;
  std::string alpn;
  bool resumed = false;
  bool client_offered_psk_dhe = false;       // tickets are welcome (RFC 8446 §4.2.9)
  bool client_offered_post_handshake_auth = false;
  uint16_t peer_record_size_limit = 0;
  std::optional<SessionLifetime> resumed_session;  // the session of the accepted ticket
};

struct ServerExpectClientCertificate {
  static constexpr const char* kName = "ExpectClientCertificate";
  ServerHandshake hs;
};
struct ServerExpectClientCertificateVerify {
  static constexpr const char* kName = "ExpectClientCertificateVerify";
  ServerHandshake hs;
  PublicKey client_key;
};
struct ServerExpectClientFinished {
  static constexpr const char* kName = "ExpectClientFinished";
  ServerHandshake hs;
  std::optional<SignatureScheme> client_scheme;
  bool client_authenticated = false;
};

// A post-handshake CertificateRequest we sent and the client has not fully answered yet.
struct ServerPostHandshakeAuth {
  enum class Stage : uint8_t { certificate, certificate_verify, finished } stage;
  Bytes context;
  Extensions request_extensions;
  Transcript transcript;  // base + CertificateRequest + what the client sent so far
  std::optional<PublicKey> client_key;
};

struct ServerConnected {
  static constexpr const char* kName = "Connected";
  TrafficSecrets traffic;
  Secret resumption_master_secret;
  // ClientHello..client Finished, kept only when post-handshake auth can follow (the client
  // offered it and a client verifier is configured).
  std::optional<Transcript> transcript;
  std::string server_name;
  std::string alpn;
  bool client_offered_psk_dhe = false;
  bool client_offered_post_handshake_auth = false;
  uint64_t tickets_sent = 0;
  uint64_t post_handshake_requests = 0;
  std::optional<ServerPostHandshakeAuth> pending_auth;
  SessionLifetime session;  // bounds every ticket issued on this connection
};

using ServerState13 =
    std::variant<ServerExpectSecondClientHello,
                 ServerExpectClientCertificate, ServerExpectClientCertificateVerify,
                 ServerExpectClientFinished, ServerConnected>;

struct ServerTransition13 {
  ServerState13 state;
  Events events;
};

// The first flight (or a HelloRetryRequest), for a ClientHello read by server.hpp's
// ExpectClientHello that chose 1.3.
Result<ServerTransition13> server13_accept(const ClientHelloOffer& offer, const ServerConfig& config,
                                           Provider& provider);

Result<ServerTransition13> server13_handle(ServerState13 state, const HandshakeMessage& message,
                                         const ServerConfig& config, Provider& provider);

// Calls made by the application after the handshake. Each takes the state by rvalue
// reference: a refusal (config_error: not Connected, or the precondition named below) returns
// before `state` is touched, so the caller keeps it and the connection stays usable; on
// success the state is moved into the returned transition.
//
// Connected only: send a KeyUpdate.
Result<ServerTransition13> server13_key_update(ServerState13&& state, bool request_peer);
// Connected and the client asked for a KeyUpdate we have not sent yet (RFC 8446 §4.6.3): send
// one (server13_key_update, request_peer false) before the next application data.
bool server13_key_update_owed(const ServerState13& state);
// Connected only: issue `count` more NewSessionTickets (needs config.tickets).
Result<ServerTransition13> server13_send_tickets(ServerState13&& state, unsigned count,
                                               const ServerConfig& config, Provider& provider);
// Connected only: post-handshake CertificateRequest (RFC 8446 §4.6.2). Refused when the
// client did not offer post_handshake_auth, a request is still outstanding, or no
// client_verifier is configured.
Result<ServerTransition13> server13_request_certificate(ServerState13&& state, const ServerConfig& config,
                                                      Provider& provider);

const char* server13_state_name(const ServerState13& state);

}  // namespace tlsock
