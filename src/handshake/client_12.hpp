// The TLS 1.2 client handshake (RFC 5246 §7.3) as a state machine of per-state types, the
// same shape as client_13.hpp.
//
//  full:  ExpectServerHello (client.hpp, version-neutral) --SH--> ExpectCertificate --Cert-->
//         ExpectServerKeyExchange --SKE--> ExpectCertificateRequestOrDone --(CR)-->
//         ExpectServerHelloDone --SHD--> [our Certificate, ClientKeyExchange,
//         CertificateVerify, CCS, NextProtocol, Finished] --> (ExpectNewSessionTicket --NST-->)
//         ExpectChangeCipherSpec --CCS--> ExpectFinished --Finished--> Connected
//  resumed (the ServerHello echoes the session ID we offered, RFC 5246 §7.3 / RFC 5077 §3.4):
//         ExpectServerHello --SH--> (ExpectNewSessionTicket --NST-->) ExpectChangeCipherSpec
//         --CCS--> ExpectFinished --Finished--> [CCS, NextProtocol, Finished] --> Connected
//
// A ChangeCipherSpec is not a handshake message: the engine calls client12_change_cipher_spec
// when the record arrives (in any other state it is unexpected_message). HelloRequest is
// ignored during the handshake (RFC 5246 §7.4.1.1) and refused with a no_renegotiation
// warning after it (RFC 5746 §4.2); nothing else is accepted once Connected.
//
// Version negotiation happens before: the one ClientHello (client_offer.hpp) offers 1.2 alone
// or beside 1.3, and the version-neutral ExpectServerHello (client.hpp) hands a ServerHello
// that selects 1.2 to client12_server_hello.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "crypto/provider.hpp"
#include "crypto/signature.hpp"
#include "handshake/client_config.hpp"
#include "handshake/client_offer.hpp"
#include "handshake/events_12.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/session_12.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// What our ClientHello offered that TLS 1.2 checks the server's messages against.
struct ClientOffer12 {
  ClientHello hello;  // as sent: its extensions are the requests the server answers
  std::optional<ClientSession12> resumption;  // the session offered, if any
};

// What every state after the ServerHello carries. The transcript keeps the messages
// themselves (not a running hash): a TLS 1.2 CertificateVerify signs handshake_messages with
// the signature scheme's hash, which may differ from the PRF hash (RFC 5246 §7.4.8).
struct ClientHandshake12 {
  CipherSuiteInfo suite;
  ClientOffer12 offer;
  Random server_random{};
  PendingTranscript transcript;
  Bytes session_id;  // the server's
  bool extended_master_secret = false;
  bool expect_ticket = false;  // the ServerHello carried session_ticket (RFC 5077 §3.2)
  bool secure_renegotiation = false;
  std::string alpn;
  std::optional<std::vector<std::string>> server_npn;  // NPN negotiated: the server's list
  uint8_t max_fragment_length = 0;
};

// The server's ECDHE parameters, checked, with our side of the exchange done.
struct ClientKeyExchangeState12 {
  NamedGroup group{};
  SignatureScheme server_scheme{};
  Secret pre_master_secret;
  Bytes our_point;
};

struct ClientExpectCertificate12 {
  static constexpr const char* kName = "ExpectCertificate";
  ClientHandshake12 hs;
};
struct ClientExpectServerKeyExchange12 {
  static constexpr const char* kName = "ExpectServerKeyExchange";
  ClientHandshake12 hs;
  PublicKey server_key;
};
struct ClientExpectCertificateRequestOrDone12 {
  static constexpr const char* kName = "ExpectCertificateRequestOrDone";
  ClientHandshake12 hs;
  ClientKeyExchangeState12 kx;
};
struct ClientExpectServerHelloDone12 {
  static constexpr const char* kName = "ExpectServerHelloDone";
  ClientHandshake12 hs;
  ClientKeyExchangeState12 kx;
  CertificateRequest12 request;
};

// After the master secret is known.
struct ClientKeyed12 {
  ClientHandshake12 hs;
  Secret master_secret;
  KeyBlock12 keys;
  bool resumed = false;
  NamedGroup group{};
  std::optional<SignatureScheme> server_scheme;
  bool client_authenticated = false;
  Bytes tls_unique;
  Bytes new_ticket;  // from a NewSessionTicket (empty: none)
  uint32_t ticket_lifetime_hint = 0;
};

struct ClientExpectNewSessionTicket12 {
  static constexpr const char* kName = "ExpectNewSessionTicket";
  ClientKeyed12 k;
};
struct ClientExpectChangeCipherSpec12 {
  static constexpr const char* kName = "ExpectChangeCipherSpec";
  ClientKeyed12 k;
};
struct ClientExpectFinished12 {
  static constexpr const char* kName = "ExpectFinished";
  ClientKeyed12 k;
};

struct ClientConnected12 {
  static constexpr const char* kName = "Connected";
  ConnectionInfo12 info;
  // The session to keep for a later client_start(..., resume12): set when the server gave us
  // a session ID or a ticket and the session has an extended master secret (we resume only
  // those, RFC 7627 §5.3).
  std::optional<ClientSession12> session;
};

using ClientState12 =
    std::variant<ClientExpectCertificate12,
                 ClientExpectServerKeyExchange12, ClientExpectCertificateRequestOrDone12,
                 ClientExpectServerHelloDone12, ClientExpectNewSessionTicket12,
                 ClientExpectChangeCipherSpec12, ClientExpectFinished12, ClientConnected12>;

struct ClientTransition12 {
  ClientState12 state;
  Events events;
  // Send this alert at level warning after the events (renegotiation refused).
  std::optional<AlertDescription> warning_alert;
};

// The ServerHello that answers our ClientHello with TLS 1.2 (client.hpp chose the version);
// `transcript` holds that ClientHello.
Result<ClientTransition12> client12_server_hello(ClientOffer offer, PendingTranscript transcript,
                                                 const ServerHelloAnswer& answer,
                                                 const ClientConfig& config);

Result<ClientTransition12> client12_handle(ClientState12 state, const HandshakeMessage& message,
                                           const ClientConfig& config, Provider& provider);

// The server's ChangeCipherSpec record arrived.
Result<ClientTransition12> client12_change_cipher_spec(ClientState12 state);

const char* client12_state_name(const ClientState12& state);

}  // namespace tlsock
