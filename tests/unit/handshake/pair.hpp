// An in-memory client/server pair over the client handshake (offering TLS 1.3 by default) and
// the TLS 1.3 server (no records): each side's SendHandshake messages are fed to the other,
// one message at a time.
#pragma once

#include <deque>
#include <memory>

#include "handshake/client.hpp"
#include "handshake/server.hpp"
#include "unit/handshake_pair_base.hpp"

namespace tlsock::test {

template <typename T>
std::vector<const T*> events_of(const Events& events) {
  std::vector<const T*> out;
  for (const auto& e : events) {
    if (auto* p = std::get_if<T>(&e)) out.push_back(p);
  }
  return out;
}

// The client's state as an S (a state of either version), or null when it is in another one.
template <typename S, typename Variant>
inline constexpr bool has_alternative = false;
template <typename S, typename... Ts>
inline constexpr bool has_alternative<S, std::variant<Ts...>> = (std::is_same_v<S, Ts> || ...);
template <typename S, typename Variant>
const S* state_in(const Variant* v) {
  if constexpr (has_alternative<S, Variant>) {
    return v != nullptr ? std::get_if<S>(v) : nullptr;
  } else {
    return nullptr;
  }
}
template <typename S>
const S* client_state_as(const ClientState& st) {
  if constexpr (std::is_same_v<S, ClientExpectServerHello>) return std::get_if<S>(&st);
  if (const S* s = state_in<S>(std::get_if<ClientState13>(&st))) return s;
  return state_in<S>(std::get_if<ClientState12>(&st));
}
template <typename S>
bool client_in(const std::optional<ClientState>& st) {
  return st && client_state_as<S>(*st) != nullptr;
}

struct Pair : HandshakePairBase<Pair> {
  std::optional<ClientState> client;
  std::optional<ServerState> server;
  Events client_events;  // everything the client emitted
  Events server_events;
  std::deque<Bytes> to_server, to_client;

  Pair() : HandshakePairBase(1, 2) {}

  static void route(Events& events, Events& log, std::deque<Bytes>& out) {
    for (auto& e : events) {
      if (auto* s = std::get_if<SendHandshake>(&e)) out.push_back(s->message);
      log.push_back(std::move(e));
    }
  }

  Status start(std::optional<ClientSession13> resume = std::nullopt) {
    TLSOCK_TRY_ASSIGN(ClientTransition t, client_start(client_config, client_provider, resume));
    client = std::move(t.state);
    route(t.events, client_events, to_server);
    server = server_start();
    return {};
  }

  // One message to the server. The error, if any, is what the server would alert with.
  Status step_server() {
    Bytes m = std::move(to_server.front());
    to_server.pop_front();
    TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(m));
    TLSOCK_TRY_ASSIGN(ServerTransition t, server_handle(std::move(*server), hm, server_config, server_provider));
    server = std::move(t.state);
    route(t.events, server_events, to_client);
    return {};
  }
  Status step_client() {
    Bytes m = std::move(to_client.front());
    to_client.pop_front();
    TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(m));
    TLSOCK_TRY_ASSIGN(ClientTransition t, client_handle(std::move(*client), hm, client_config, client_provider));
    client = std::move(t.state);
    route(t.events, client_events, to_server);
    return {};
  }

  bool connected() const {
    return client_in<ClientConnected>(client) && server && server13_connected(*server) != nullptr;
  }

  static const HandshakeSummary* summary(const Events& events) {
    auto done = events_of<HandshakeDone>(events);
    return done.empty() ? nullptr : &done.back()->summary;
  }

  // The traffic secret installed last for this direction and epoch.
  static const InstallKeys* keys(const Events& events, Direction d, Epoch e) {
    const InstallKeys* found = nullptr;
    for (auto* k : events_of<InstallKeys>(events)) {
      if (k->direction == d && k->epoch == e) found = k;
    }
    return found;
  }
};

}  // namespace tlsock::test
