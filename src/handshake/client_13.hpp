// The TLS 1.3 client handshake (RFC 8446 §2, §4) as a state machine of per-state types.
//
//   ExpectServerHello (client.hpp, version-neutral) --SH--> ExpectEncryptedExtensions --EE-->
//     ExpectCertificateOrRequest --(CR)--> ExpectCertificate --Cert--> ExpectCertificateVerify
//     --CV--> ExpectFinished --Finished--> Connected
//   A HelloRetryRequest goes to ExpectServerHelloAfterRetry (a second one is
//   unexpected_message); a PSK handshake goes from EncryptedExtensions straight to
//   ExpectFinished. Connected handles NewSessionTicket, KeyUpdate and post-handshake
//   CertificateRequest.
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
#include "handshake/client_config.hpp"
#include "handshake/client_offer.hpp"
#include "handshake/events.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/session_lifetime.hpp"
#include "handshake/traffic_13.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// After a HelloRetryRequest and our second ClientHello (RFC 8446 §4.1.4): the version is 1.3.
struct ClientExpectServerHelloAfterRetry {
  static constexpr const char* kName = "ExpectServerHelloAfterRetry";
  ClientOffer offer;
  Transcript transcript;  // message_hash(ClientHello1), HelloRetryRequest, ClientHello2
  CipherSuite hrr_suite{};  // the suite the HelloRetryRequest named
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
  static constexpr const char* kName = "ExpectEncryptedExtensions";
  ClientHandshake hs;
};
struct ClientExpectCertificateOrRequest {
  static constexpr const char* kName = "ExpectCertificateOrRequest";
  ClientHandshake hs;
};
struct ClientExpectCertificate {
  static constexpr const char* kName = "ExpectCertificate";
  ClientHandshake hs;
  CertificateRequest13 request;
};
struct ClientExpectCertificateVerify {
  static constexpr const char* kName = "ExpectCertificateVerify";
  ClientHandshake hs;
  std::optional<CertificateRequest13> request;
  PublicKey server_key;
};
struct ClientExpectFinished {
  static constexpr const char* kName = "ExpectFinished";
  ClientHandshake hs;
  std::optional<CertificateRequest13> request;
  std::optional<SignatureScheme> server_scheme;
};

struct ClientConnected {
  static constexpr const char* kName = "Connected";
  TrafficSecrets traffic;
  Secret resumption_master_secret;
  // ClientHello..client Finished: the base of post-handshake auth, kept only when we offered it.
  std::optional<Transcript> transcript;
  std::string server_name;
  std::string alpn;
  bool post_handshake_auth_offered = false;
  SessionLifetime session;  // bounds every ticket received on this connection
};

using ClientState13 =
    std::variant<ClientExpectServerHelloAfterRetry, ClientExpectEncryptedExtensions,
                 ClientExpectCertificateOrRequest, ClientExpectCertificate,
                 ClientExpectCertificateVerify, ClientExpectFinished, ClientConnected>;

struct ClientTransition13 {
  ClientState13 state;
  Events events;
};

// The ServerHello or HelloRetryRequest that answers our first ClientHello with TLS 1.3
// (client.hpp chose the version); `transcript` holds that ClientHello.
Result<ClientTransition13> client13_server_hello(ClientOffer offer, const PendingTranscript& transcript,
                                                 const ServerHelloAnswer& answer,
                                                 const ClientConfig& config, Provider& provider);

// One handshake message from the server.
Result<ClientTransition13> client13_handle(ClientState13 state, const HandshakeMessage& message,
                                           const ClientConfig& config, Provider& provider);

// Connected only: send a KeyUpdate (request_peer: ask the server to update too). A refusal
// (config_error: not Connected) leaves `state` untouched; on success it is moved from.
Result<ClientTransition13> client13_key_update(ClientState13&& state, bool request_peer);
// Connected and the server asked for a KeyUpdate we have not sent yet (RFC 8446 §4.6.3): send
// one (client13_key_update, request_peer false) before the next application data.
bool client13_key_update_owed(const ClientState13& state);

// The name of the state, for errors and tests ("ExpectEncryptedExtensions").
const char* client13_state_name(const ClientState13& state);

}  // namespace tlsock
