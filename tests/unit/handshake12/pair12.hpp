// An in-memory client/server pair over the client handshake offering only TLS 1.2 and the TLS
// 1.2 server (no records): each
// side's SendHandshake messages and ChangeCipherSpec markers are fed to the other, one at a
// time. The common part is unit/handshake_pair_base.hpp; the event helpers come from the TLS 1.3
// pair (tests/unit/handshake).
#pragma once

#include <deque>
#include <optional>

#include "handshake/client.hpp"
#include "handshake/server.hpp"
#include "unit/handshake/pair.hpp"

namespace tlsock::test {

struct Pair12 : HandshakePairBase<Pair12> {
  std::optional<ClientState> client;
  std::optional<ServerState> server;  // a server of TLS 1.2 only (the constructor says so)
  Events client_events;
  Events server_events;
  std::optional<AlertDescription> client_warning, server_warning;
  // nullopt: a ChangeCipherSpec record.
  std::deque<std::optional<Bytes>> to_server, to_client;

  Pair12() : HandshakePairBase(11, 12) {
    client_config.supported_versions = {ProtocolVersion::tls1_2};
    server_config.min_version = ProtocolVersion::tls1_2;
    server_config.max_version = ProtocolVersion::tls1_2;
  }

  static void route(Events& events, Events& log, std::deque<std::optional<Bytes>>& out) {
    for (auto& e : events) {
      if (auto* s = std::get_if<SendHandshake>(&e)) out.push_back(s->message);
      if (std::holds_alternative<SendChangeCipherSpec>(e)) out.push_back(std::nullopt);
      log.push_back(std::move(e));
    }
  }

  Status start(std::optional<ClientSession12> resume = std::nullopt) {
    TLSOCK_TRY_ASSIGN(ClientTransition t, client_start(client_config, client_provider, std::nullopt, resume));
    client = std::move(t.state);
    route(t.events, client_events, to_server);
    server = server_start();
    return {};
  }

  Status step_server() {
    std::optional<Bytes> m = std::move(to_server.front());
    to_server.pop_front();
    Result<ServerTransition> t = [&]() -> Result<ServerTransition> {
      if (!m) return server_change_cipher_spec(std::move(*server));
      TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(*m));
      return server_handle(std::move(*server), hm, server_config, server_provider);
    }();
    if (!t.ok()) return std::move(t).error();
    server = std::move(t->state);
    if (t->warning_alert) server_warning = t->warning_alert;
    route(t->events, server_events, to_client);
    return {};
  }
  Status step_client() {
    std::optional<Bytes> m = std::move(to_client.front());
    to_client.pop_front();
    Result<ClientTransition> t = [&]() -> Result<ClientTransition> {
      if (!m) return client_change_cipher_spec(std::move(*client));
      TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(*m));
      return client_handle(std::move(*client), hm, client_config, client_provider);
    }();
    if (!t.ok()) return std::move(t).error();
    client = std::move(t->state);
    if (t->warning_alert) client_warning = t->warning_alert;
    route(t->events, client_events, to_server);
    return {};
  }

  bool connected() const {
    return client_in<ClientConnected12>(client) && server && server12_connected(*server) != nullptr;
  }
  const ClientConnected12& client_connected() const { return *client_connected12(*client); }
  const ServerConnected12& server_connected() const { return *server12_connected(*server); }

  // The type of the next message queued for a side (nullopt: a ChangeCipherSpec).
  static std::optional<HandshakeType> next_type(const std::deque<std::optional<Bytes>>& q) {
    if (!q.front()) return std::nullopt;
    return static_cast<HandshakeType>((*q.front())[0]);
  }
  // Runs until the next message for the server (client) is of this type, leaving it queued.
  Status run_until_server_gets(HandshakeType type) {
    while (!to_server.empty() || !to_client.empty()) {
      if (!to_server.empty()) {
        if (next_type(to_server) == type) return {};
        TLSOCK_TRY(step_server());
      } else {
        TLSOCK_TRY(step_client());
      }
    }
    return internal_error("message never sent");
  }
  Status run_until_client_gets(HandshakeType type) {
    while (!to_server.empty() || !to_client.empty()) {
      if (!to_client.empty() && next_type(to_client) == type) return {};
      if (!to_server.empty()) {
        TLSOCK_TRY(step_server());
      } else {
        TLSOCK_TRY(step_client());
      }
    }
    return internal_error("message never sent");
  }
};

}  // namespace tlsock::test
