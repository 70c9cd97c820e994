// The server handshake, both versions (rustls's shape): a version-neutral ExpectClientHello
// reads the ClientHello once (client_hello_offer.hpp: decode, choose the version, that
// version's checks, one parsed offer), runs the configuration's ClientHello hook, and hands
// the offer over to the TLS 1.3 (server_13.hpp) or TLS 1.2 (server_12.hpp) states. From then
// on every message goes to that version's machine; the engine only feeds messages and applies
// events. The last event of the hand-over says which version was chosen (VersionSelected).
#pragma once

#include <optional>
#include <variant>

#include "crypto/provider.hpp"
#include "handshake/server_12.hpp"
#include "handshake/server_13.hpp"
#include "handshake/server_config.hpp"

namespace tlsock {

struct ServerExpectClientHello {};

using ServerState = std::variant<ServerExpectClientHello, ServerState13, ServerState12>;

struct ServerTransition {
  ServerState state;
  Events events;
  // TLS 1.2: send this alert at level warning after the events (renegotiation refused).
  std::optional<AlertDescription> warning_alert;
};

ServerState server_start();

// One handshake message. `config` is changed only by its own ClientHello hook, on the first
// ClientHello.
Result<ServerTransition> server_handle(ServerState state, const HandshakeMessage& message,
                                       ServerConfig& config, Provider& provider);

// The client's ChangeCipherSpec record arrived (TLS 1.2; the engine drops or refuses 1.3's).
Result<ServerTransition> server_change_cipher_spec(ServerState state);

// The application's calls after a TLS 1.3 handshake (server_13.hpp says what each does). Each
// refuses with config_error, leaving `state` untouched, before a TLS 1.3 handshake completed.
Result<ServerTransition> server_key_update(ServerState&& state, bool request_peer);
bool server_key_update_owed(const ServerState& state);
Result<ServerTransition> server_send_tickets(ServerState&& state, unsigned count,
                                             const ServerConfig& config, Provider& provider);
Result<ServerTransition> server_request_certificate(ServerState&& state, const ServerConfig& config,
                                                    Provider& provider);

// What the negotiated TLS 1.2 or 1.3 connection holds; null before it is connected (or in the
// other version).
const ServerConnected* server13_connected(const ServerState& state);
const ServerConnected12* server12_connected(const ServerState& state);

}  // namespace tlsock
