// The TLS 1.2 client handshake (RFC 5246 §7.3) as a state machine of per-state types, the
// same shape as client_13.hpp.
//
//  full:  client12_start -> ExpectServerHello --SH--> ExpectCertificate --Cert-->
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
// Version negotiation: to offer TLS 1.2 and 1.3 in one ClientHello, the engine puts
// client12_hello_extensions() into ClientConfig::extra_extensions and the 1.2 suites into the
// cipher suites of the 1.3 client's ClientHello. When the ServerHello selects 1.2
// (server_hello_selects_tls12), it hands the ClientHello it sent to client12_adopt and feeds
// the ServerHello to client12_handle.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "crypto/provider.hpp"
#include "crypto/signature.hpp"
#include "handshake/config_12.hpp"
#include "handshake/config_13.hpp"
#include "handshake/events_12.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/session_12.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// What our ClientHello offered, kept to check the ServerHello against.
struct ClientOffer12 {
  ClientHello hello;  // as sent: its extensions are the requests the server answers
  std::optional<ClientSession12> resumption;  // the session offered, if any
  bool tls13_offered = false;
};

struct ClientExpectServerHello12 {
  ClientOffer12 offer;
  PendingTranscript transcript;  // the ClientHello
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
  ClientHandshake12 hs;
};
struct ClientExpectServerKeyExchange12 {
  ClientHandshake12 hs;
  PublicKey server_key;
};
struct ClientExpectCertificateRequestOrDone12 {
  ClientHandshake12 hs;
  ClientKeyExchangeState12 kx;
};
struct ClientExpectServerHelloDone12 {
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
  ClientKeyed12 k;
};
struct ClientExpectChangeCipherSpec12 {
  ClientKeyed12 k;
};
struct ClientExpectFinished12 {
  ClientKeyed12 k;
};

struct ClientConnected12 {
  ConnectionInfo12 info;
  // The session to keep for a later client12_start(..., resume): set when the server gave us
  // a session ID or a ticket and the session has an extended master secret (we resume only
  // those, RFC 7627 §5.3).
  std::optional<ClientSession12> session;
};

using ClientState12 =
    std::variant<ClientExpectServerHello12, ClientExpectCertificate12,
                 ClientExpectServerKeyExchange12, ClientExpectCertificateRequestOrDone12,
                 ClientExpectServerHelloDone12, ClientExpectNewSessionTicket12,
                 ClientExpectChangeCipherSpec12, ClientExpectFinished12, ClientConnected12>;

struct ClientTransition12 {
  ClientState12 state;
  Events events;
  // Send this alert at level warning after the events (renegotiation refused).
  std::optional<AlertDescription> warning_alert;
};

// The TLS 1.2 extensions of our ClientHello (SNI, supported_groups, ec_point_formats,
// signature_algorithms, ALPN, extended_master_secret, renegotiation_info, session_ticket,
// next_protocol_negotiation, max_fragment_length), for client12_start or for a ClientHello that
// offers 1.3 too.
Result<Extensions> client12_hello_extensions(const ClientConfig& config,
                                             const ClientConfig12& config12,
                                             const std::optional<ClientSession12>& resume);

// Whether `resume` may be offered: an EMS session (RFC 7627 §5.3), same SNI, not expired, its
// suite still configured.
bool client12_session_usable(const ClientSession12& resume, const ClientConfig& config,
                             const ClientConfig12& config12, int64_t now_ms);

// A TLS 1.2-only ClientHello.
Result<ClientTransition12> client12_start(const ClientConfig& config, const ClientConfig12& config12,
                                          Provider& provider,
                                          std::optional<ClientSession12> resume = std::nullopt);

// Version negotiation: continue as TLS 1.2 from a ClientHello that was already sent (by the
// 1.3 client). `whole_client_hello` is that message exactly as sent; `resume` the 1.2 session
// it offered (its session ID or ticket must be in the ClientHello). Feed the ServerHello next.
Result<ClientState12> client12_adopt(ByteView whole_client_hello,
                                     std::optional<ClientSession12> resume = std::nullopt);

// Whether a ServerHello body negotiates TLS 1.2 (no supported_versions, legacy_version 0x0303),
// for the engine to choose the machine. decode errors are returned as such.
Result<bool> server_hello_selects_tls12(ByteView server_hello_body);

Result<ClientTransition12> client12_handle(ClientState12 state, const HandshakeMessage& message,
                                           const ClientConfig& config,
                                           const ClientConfig12& config12, Provider& provider);

// The server's ChangeCipherSpec record arrived.
Result<ClientTransition12> client12_change_cipher_spec(ClientState12 state);

const char* client12_state_name(const ClientState12& state);

}  // namespace tlsock
