// The TLS 1.3 client handshake (RFC 8446 §2, §4) as a state machine of per-state types.
//
//   client13_start -> ExpectServerHello --SH--> ExpectEncryptedExtensions --EE-->
//     ExpectCertificateOrRequest --(CR)--> ExpectCertificate --Cert--> ExpectCertificateVerify
//     --CV--> ExpectFinished --Finished--> Connected
//   A HelloRetryRequest loops ExpectServerHello once (a second one is unexpected_message);
//   a PSK handshake goes from EncryptedExtensions straight to ExpectFinished.
//   Connected handles NewSessionTicket, KeyUpdate and post-handshake CertificateRequest.
//
// Every transition takes the state by value (the engine moves it in) and returns the next
// state with the events to apply, or an Error whose alert the engine sends. No I/O: randomness
// and time come from the Provider; certificate checks go through ClientConfig::verifier.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "crypto/key_exchange.hpp"
#include "crypto/provider.hpp"
#include "handshake/config_13.hpp"
#include "handshake/events.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/session_lifetime.hpp"
#include "handshake/traffic_13.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// What our ClientHello offered; kept until the ServerHello to check the answer against.
struct ClientOffer {
  Random random{};
  Bytes legacy_session_id;
  ClientHello hello;  // the last ClientHello sent (its extensions are the "requests")
  std::vector<std::shared_ptr<KeyExchange>> shares;
  std::optional<ClientSession13> resumption;  // the PSK offered, if any
};

struct ClientExpectServerHello {
  ClientOffer offer;
  PendingTranscript transcript;             // before any HelloRetryRequest
  std::optional<Transcript> hrr_transcript;  // after one: message_hash(CH1), HRR, CH2
  std::optional<CipherSuite> hrr_suite;      // the suite the HelloRetryRequest named
  bool sent_ccs = false;
};

// The part of the handshake state that every encrypted-phase state carries.
struct ClientHandshake {
  CipherSuiteInfo suite;
  NamedGroup group{};
  Random client_random{};
  ClientHello hello;  // our (last) ClientHello: the requests the server answers
  Transcript transcript;
  HandshakeSecret handshake_secret;
  Secret client_hs_secret;
  Secret server_hs_secret;
  std::optional<ClientSession13> resumption;  // set when the server accepted our PSK
  std::string alpn;
  uint16_t peer_record_size_limit = 0;
  bool sent_ccs = false;
};

struct ClientExpectEncryptedExtensions {
  ClientHandshake hs;
};
struct ClientExpectCertificateOrRequest {
  ClientHandshake hs;
};
struct ClientExpectCertificate {
  ClientHandshake hs;
  CertificateRequest13 request;
};
struct ClientExpectCertificateVerify {
  ClientHandshake hs;
  std::optional<CertificateRequest13> request;
  PublicKey server_key;
};
struct ClientExpectFinished {
  ClientHandshake hs;
  std::optional<CertificateRequest13> request;
  std::optional<SignatureScheme> server_scheme;
};

struct ClientConnected {
  TrafficSecrets traffic;
  Secret resumption_master_secret;
  Transcript transcript;  // ClientHello..client Finished: the base of post-handshake auth
  std::string server_name;
  std::string alpn;
  bool post_handshake_auth_offered = false;
  SessionLifetime session;  // bounds every ticket received on this connection
};

using ClientState =
    std::variant<ClientExpectServerHello, ClientExpectEncryptedExtensions,
                 ClientExpectCertificateOrRequest, ClientExpectCertificate,
                 ClientExpectCertificateVerify, ClientExpectFinished, ClientConnected>;

struct ClientTransition {
  ClientState state;
  Events events;
};

// Builds and "sends" the ClientHello. `resume` offers a ticket's PSK (psk_dhe_ke) when it
// suits this config (same SNI, not expired, a suite of its hash offered).
Result<ClientTransition> client13_start(const ClientConfig& config, Provider& provider,
                                        std::optional<ClientSession13> resume = std::nullopt);

// One handshake message from the server.
Result<ClientTransition> client13_handle(ClientState state, const HandshakeMessage& message,
                                         const ClientConfig& config, Provider& provider);

// Connected only: send a KeyUpdate (request_peer: ask the server to update too). A refusal
// (config_error: not Connected) leaves `state` untouched; on success it is moved from.
Result<ClientTransition> client13_key_update(ClientState&& state, bool request_peer);
// Connected and the server asked for a KeyUpdate we have not sent yet (RFC 8446 §4.6.3): send
// one (client13_key_update, request_peer false) before the next application data.
bool client13_key_update_owed(const ClientState& state);

// The name of the state, for errors and tests ("ExpectServerHello").
const char* client13_state_name(const ClientState& state);

}  // namespace tlsock
