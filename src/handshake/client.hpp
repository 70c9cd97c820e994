// The client handshake, both versions, in rustls's shape: one ClientHello, one version-neutral
// ExpectServerHello, then the states of the version the server chose.
//
//   client_start --ClientHello (client_offer.hpp: 1.3 and/or 1.2, per
//   ClientConfig::supported_versions)--> ExpectServerHello --ServerHello, decoded once-->
//     selects 1.3 (or HelloRetryRequest): the 1.3 states (client_13.hpp)
//     selects 1.2:                        the 1.2 states (client_12.hpp)
//
// server_hello_version makes the choice: a ServerHello with supported_versions (a
// HelloRetryRequest carries it too, RFC 8446 §4.1.4) is a TLS 1.3 answer, checked by the 1.3
// states (which refuse any other version it names); without it, legacy_version 0x0303 is a
// TLS 1.2 answer when we offered 1.2.
// Whatever else the server says goes to the only version offered, or to 1.3, whose checks
// refuse it (protocol_version, or illegal_parameter for a downgrade sentinel, RFC 8446 §4.1.3).
// The transition that accepts the ServerHello emits VersionSelected first.
//
// The engine feeds every handshake message to client_handle and every TLS 1.2
// ChangeCipherSpec record to client_change_cipher_spec, and applies the events.
#pragma once

#include <optional>
#include <variant>

#include "handshake/client_12.hpp"
#include "handshake/client_13.hpp"
#include "handshake/client_config.hpp"
#include "handshake/client_offer.hpp"

namespace tlsock {

struct ClientExpectServerHello {
  ClientOffer offer;
  PendingTranscript transcript;  // our ClientHello, until the suite names the hash
};

using ClientState = std::variant<ClientExpectServerHello, ClientState13, ClientState12>;

struct ClientTransition {
  ClientState state;
  Events events;
  // Send this alert at level warning after the events (TLS 1.2 renegotiation refused).
  std::optional<AlertDescription> warning_alert;
};

// The version a ServerHello answers with, given what `config` offered (see above).
ProtocolVersion server_hello_version(const ServerHello& sh, const ClientConfig& config);

// Builds and "sends" the ClientHello. `resume13` (a ticket's PSK, psk_dhe_ke) and `resume12`
// (a TLS 1.2 session ID or ticket) are offered when they suit this config and its versions.
// config_error for an unusable config.
Result<ClientTransition> client_start(const ClientConfig& config, Provider& provider,
                                      std::optional<ClientSession13> resume13 = std::nullopt,
                                      std::optional<ClientSession12> resume12 = std::nullopt);

// One handshake message from the server.
Result<ClientTransition> client_handle(ClientState state, const HandshakeMessage& message,
                                       const ClientConfig& config, Provider& provider);

// The server's TLS 1.2 ChangeCipherSpec record arrived (unexpected_message in any state but
// the 1.2 ExpectChangeCipherSpec).
Result<ClientTransition> client_change_cipher_spec(ClientState state);

// TLS 1.3 Connected only: send a KeyUpdate (client13_key_update). A refusal (config_error)
// leaves `state` untouched; on success it is moved from.
Result<ClientTransition> client_key_update(ClientState&& state, bool request_peer);
bool client_key_update_owed(const ClientState& state);

// The 1.2 connection's outcome once its handshake is done; null before, and in TLS 1.3.
const ClientConnected12* client_connected12(const ClientState& state);

// The name of the state, for errors and tests ("ExpectServerHello").
const char* client_state_name(const ClientState& state);

}  // namespace tlsock
