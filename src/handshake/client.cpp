// The version-neutral client: ClientHello, ServerHello, and the hand-over to 1.3 or 1.2.
#include "handshake/client.hpp"

#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "handshake/messages/hello_request.hpp"

namespace tlsock {

namespace {

// What a ClientHello needs of the config, for the versions it offers.
Status check_client_config(const ClientConfig& config) {
  if (config.verifier == nullptr) return config_error("ClientConfig has no certificate verifier");
  const auto& v = config.supported_versions;
  bool known = v == std::vector{ProtocolVersion::tls1_3} || v == std::vector{ProtocolVersion::tls1_2} ||
               v == std::vector{ProtocolVersion::tls1_3, ProtocolVersion::tls1_2};
  if (!known) return config_error("ClientConfig::supported_versions must be {1.3}, {1.3, 1.2} or {1.2}");
  if (config.legacy_session_id.size() > kMaxLegacySessionIdLength) {
    return config_error("ClientConfig::legacy_session_id is longer than 32 bytes");
  }
  if (offers(config, ProtocolVersion::tls1_3) &&
      (config.cipher_suites.empty() || config.key_share_groups.empty())) {
    return config_error("ClientConfig needs at least one cipher suite and one key share group");
  }
  if (offers(config, ProtocolVersion::tls1_2)) {
    bool any_suite = std::any_of(config.cipher_suites_12.begin(), config.cipher_suites_12.end(),
                                 [](CipherSuite s) { return tls12_suite(s).has_value(); });
    if (!any_suite || config.groups.empty()) {
      return config_error("ClientConfig needs a TLS 1.2 ECDHE AEAD cipher suite and a group");
    }
    if (config.max_fragment_length > 4) return config_error("max_fragment_length must be 0..4");
  }
  return {};
}

template <typename T>
Result<ClientTransition> lift(Result<T> t) {
  if (!t.ok()) return std::move(t).error();
  if constexpr (requires { t->warning_alert; }) {
    return ClientTransition{ClientState{std::move(t->state)}, std::move(t->events), t->warning_alert};
  } else {
    return ClientTransition{ClientState{std::move(t->state)}, std::move(t->events), std::nullopt};
  }
}

Result<ClientTransition> handle_server_hello(ClientExpectServerHello st, const HandshakeMessage& m,
                                             const ClientConfig& config, Provider& provider) {
  if (m.type == HandshakeType::hello_request && !offers(config, ProtocolVersion::tls1_3)) {
    // RFC 5246 §7.4.1.1: "This message will be ignored by the client if the client is
    // currently negotiating a session." (TLS 1.3 has no HelloRequest: a hello offering 1.3
    // refuses it as any unexpected message.) It is not part of the transcript.
    TLSOCK_TRY(HelloRequest::decode(m.body));
    return ClientTransition{std::move(st), {}, std::nullopt};
  }
  if (m.type != HandshakeType::server_hello) return unexpected(m, "ExpectServerHello");
  TLSOCK_TRY_ASSIGN(ServerHelloAnswer answer, parse_server_hello(m));
  if (server_hello_version(answer.hello, config) == ProtocolVersion::tls1_2) {
    return lift(client12_server_hello(std::move(st.offer), std::move(st.transcript), answer, config));
  }
  return lift(client13_server_hello(std::move(st.offer), st.transcript, answer, config, provider));
}

}  // namespace

ProtocolVersion server_hello_version(const ServerHello& sh, const ClientConfig& config) {
  if (!offers(config, ProtocolVersion::tls1_2)) return ProtocolVersion::tls1_3;
  if (!offers(config, ProtocolVersion::tls1_3)) return ProtocolVersion::tls1_2;
  bool tls12 = !sh.extensions.has(ExtensionType::supported_versions) &&
               sh.legacy_version == ProtocolVersion::tls1_2;
  return tls12 ? ProtocolVersion::tls1_2 : ProtocolVersion::tls1_3;
}

Result<ClientTransition> client_start(const ClientConfig& config, Provider& provider,
                                      std::optional<ClientSession13> resume13,
                                      std::optional<ClientSession12> resume12) {
  TLSOCK_TRY(check_client_config(config));
  TLSOCK_TRY_ASSIGN(ClientOffer offer,
                    make_client_offer(config, provider, std::move(resume13), std::move(resume12)));
  TLSOCK_TRY_ASSIGN(Bytes ch, build_client_hello(config, offer, nullptr, nullptr, provider.clock.now_ms()));
  ClientExpectServerHello st{std::move(offer), {}};
  st.transcript.add(ch);
  Events events;
  events.push_back(SendHandshake{std::move(ch), Epoch::initial});
  return ClientTransition{std::move(st), std::move(events), std::nullopt};
}

Result<ClientTransition> client_handle(ClientState state, const HandshakeMessage& m,
                                       const ClientConfig& config, Provider& provider) {
  return std::visit(
      [&](auto&& st) -> Result<ClientTransition> {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, ClientExpectServerHello>) {
          return handle_server_hello(std::move(st), m, config, provider);
        } else if constexpr (std::is_same_v<S, ClientState13>) {
          return lift(client13_handle(std::move(st), m, config, provider));
        } else {
          return lift(client12_handle(std::move(st), m, config, provider));
        }
      },
      std::move(state));
}

Result<ClientTransition> client_change_cipher_spec(ClientState state) {
  if (auto* st = std::get_if<ClientState12>(&state)) return lift(client12_change_cipher_spec(std::move(*st)));
  // RFC 5246 §7.1 / §7.4: a ChangeCipherSpec out of place -> unexpected_message.
  return protocol_error(AlertDescription::unexpected_message,
                        std::string(client_state_name(state)) + ": unexpected ChangeCipherSpec");
}

Result<ClientTransition> client_key_update(ClientState&& state, bool request_peer) {
  auto* st = std::get_if<ClientState13>(&state);
  if (st == nullptr) return config_error("KeyUpdate is TLS 1.3 only, after the handshake");
  return lift(client13_key_update(std::move(*st), request_peer));
}

bool client_key_update_owed(const ClientState& state) {
  auto* st = std::get_if<ClientState13>(&state);
  return st != nullptr && client13_key_update_owed(*st);
}

const ClientConnected12* client_connected12(const ClientState& state) {
  auto* st = std::get_if<ClientState12>(&state);
  return st != nullptr ? std::get_if<ClientConnected12>(st) : nullptr;
}

const char* client_state_name(const ClientState& state) {
  if (auto* st = std::get_if<ClientState13>(&state)) return client13_state_name(*st);
  if (auto* st = std::get_if<ClientState12>(&state)) return client12_state_name(*st);
  return "ExpectServerHello";
}

}  // namespace tlsock
