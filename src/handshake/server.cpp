#include "handshake/server.hpp"

#include "handshake/handshake_util.hpp"

namespace tlsock {

namespace {

Result<ServerTransition> from_13(Result<ServerTransition13> t) {
  if (!t.ok()) return std::move(t).error();
  return ServerTransition{std::move(t->state), std::move(t->events), std::nullopt};
}

Result<ServerTransition> from_12(Result<ServerTransition12> t) {
  if (!t.ok()) return std::move(t).error();
  return ServerTransition{std::move(t->state), std::move(t->events), t->warning_alert};
}

// ExpectClientHello: read the offer, let the hook look at it, hand over to the version.
Result<ServerTransition> handle_client_hello(const HandshakeMessage& m, ServerConfig& config,
                                             Provider& provider) {
  if (m.type != HandshakeType::client_hello) return unexpected(m, "ExpectClientHello");
  TLSOCK_TRY_ASSIGN(ClientHelloOffer offer, read_client_hello(m, config.min_version,
                                                              config.max_version,
                                                              config.tls13_capable()));
  if (config.client_hello) {
    if (std::optional<AlertDescription> alert = config.client_hello(offer, config)) {
      return protocol_error(*alert, "the server's ClientHello callback ended the handshake");
    }
  }
  Result<ServerTransition> t = offer.version == ProtocolVersion::tls1_3
                                   ? from_13(server13_accept(offer, config, provider))
                                   : from_12(server12_accept(offer, config, provider));
  if (t.ok()) t->events.push_back(VersionSelected{offer.version});
  return t;
}


}  // namespace

ServerState server_start() { return ServerExpectClientHello{}; }

Result<ServerTransition> server_handle(ServerState state, const HandshakeMessage& m,
                                       ServerConfig& config, Provider& provider) {
  if (auto* s13 = std::get_if<ServerState13>(&state)) {
    return from_13(server13_handle(std::move(*s13), m, config, provider));
  }
  if (auto* s12 = std::get_if<ServerState12>(&state)) {
    return from_12(server12_handle(std::move(*s12), m, config, provider));
  }
  return handle_client_hello(m, config, provider);
}

Result<ServerTransition> server_change_cipher_spec(ServerState state) {
  if (auto* s12 = std::get_if<ServerState12>(&state)) {
    return from_12(server12_change_cipher_spec(std::move(*s12)));
  }
  const char* where = std::holds_alternative<ServerExpectClientHello>(state) ? "ExpectClientHello"
                                                                           : "TLS 1.3";
  return protocol_error(AlertDescription::unexpected_message,
                        std::string(where) + ": unexpected ChangeCipherSpec");
}

Result<ServerTransition> server_key_update(ServerState&& state, bool request_peer) {
  auto* s13 = std::get_if<ServerState13>(&state);
  if (s13 == nullptr) return config_error("KeyUpdate before a TLS 1.3 handshake completed");
  return from_13(server13_key_update(std::move(*s13), request_peer));
}

bool server_key_update_owed(const ServerState& state) {
  auto* s13 = std::get_if<ServerState13>(&state);
  return s13 != nullptr && server13_key_update_owed(*s13);
}

Result<ServerTransition> server_send_tickets(ServerState&& state, unsigned count,
                                             const ServerConfig& config, Provider& provider) {
  auto* s13 = std::get_if<ServerState13>(&state);
  if (s13 == nullptr) return config_error("tickets before the handshake completed");
  return from_13(server13_send_tickets(std::move(*s13), count, config, provider));
}

Result<ServerTransition> server_request_certificate(ServerState&& state, const ServerConfig& config,
                                                    Provider& provider) {
  auto* s13 = std::get_if<ServerState13>(&state);
  if (s13 == nullptr) return config_error("post-handshake auth before the handshake completed");
  return from_13(server13_request_certificate(std::move(*s13), config, provider));
}

const ServerConnected* server13_connected(const ServerState& state) {
  auto* s13 = std::get_if<ServerState13>(&state);
  return s13 ? std::get_if<ServerConnected>(s13) : nullptr;
}

const ServerConnected12* server12_connected(const ServerState& state) {
  auto* s12 = std::get_if<ServerState12>(&state);
  return s12 ? std::get_if<ServerConnected12>(s12) : nullptr;
}

}  // namespace tlsock
