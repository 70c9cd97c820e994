// An in-memory client/server pair over the two TLS 1.3 state machines (no records): each
// side's SendHandshake messages are fed to the other, one message at a time.
#pragma once

#include <deque>
#include <fstream>
#include <iterator>
#include <memory>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "handshake/client_13.hpp"
#include "handshake/server_13.hpp"
#include "test_support.hpp"

namespace tlsock::test {

inline Bytes key_file(const std::string& name) {
  std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/keys/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open vectors/keys/" << name);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A test identity: the "certificate" is an opaque stand-in DER blob that the pinned verifier
// maps to the key's SPKI (the handshake never parses certificates).
struct Identity {
  CertifiedKey certified;
  Bytes spki;
};

inline Identity make_identity(const std::string& key_base, const std::string& cert_tag) {
  auto key = PrivateKey::load(key_file(key_base + ".pem"));
  REQUIRE(key.ok());
  Bytes cert = {0x30, 0x03, 0x0c, 0x01};
  cert.insert(cert.end(), cert_tag.begin(), cert_tag.end());
  return Identity{CertifiedKey{{cert, Bytes{0x30, 0x00}}, *key, {}}, key_file(key_base + ".spki.der")};
}

template <typename T>
std::vector<const T*> events_of(const Events& events) {
  std::vector<const T*> out;
  for (const auto& e : events) {
    if (auto* p = std::get_if<T>(&e)) out.push_back(p);
  }
  return out;
}

struct Pair {
  ScriptedRng client_rng{1};
  ScriptedRng server_rng{2};
  FixedClock clock{1'700'000'000'000};
  Provider client_provider{client_rng, clock};
  Provider server_provider{server_rng, clock};
  PinnedKeyVerifier server_verifier;  // used by the client
  PinnedKeyVerifier client_verifier;  // used by the server
  ClientConfig client_config;
  ServerConfig server_config;
  std::optional<ClientState> client;
  std::optional<ServerState> server;
  Events client_events;  // everything the client emitted
  Events server_events;
  std::deque<Bytes> to_server, to_client;

  Pair() {
    client_config.verifier = &server_verifier;
    client_config.server_name = "example.test";
    server_config.client_verifier = &client_verifier;
  }

  void add_server_identity(const Identity& id) {
    REQUIRE(server_verifier.pin(id.certified.chain.front(), id.spki).ok());
    server_config.certificates.push_back(id.certified);
  }
  void set_client_identity(const Identity& id) {
    REQUIRE(client_verifier.pin(id.certified.chain.front(), id.spki).ok());
    client_config.certificate = id.certified;
  }

  static void route(Events& events, Events& log, std::deque<Bytes>& out) {
    for (auto& e : events) {
      if (auto* s = std::get_if<SendHandshake>(&e)) out.push_back(s->message);
      log.push_back(std::move(e));
    }
  }

  Status start(std::optional<ClientSession13> resume = std::nullopt) {
    TLSOCK_TRY_ASSIGN(ClientTransition t, client13_start(client_config, client_provider, resume));
    client = std::move(t.state);
    route(t.events, client_events, to_server);
    server = server13_start();
    return {};
  }

  // One message to the server. The error, if any, is what the server would alert with.
  Status step_server() {
    Bytes m = std::move(to_server.front());
    to_server.pop_front();
    TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(m));
    TLSOCK_TRY_ASSIGN(ServerTransition t, server13_handle(std::move(*server), hm, server_config, server_provider));
    server = std::move(t.state);
    route(t.events, server_events, to_client);
    return {};
  }
  Status step_client() {
    Bytes m = std::move(to_client.front());
    to_client.pop_front();
    TLSOCK_TRY_ASSIGN(HandshakeMessage hm, decode_handshake_message(m));
    TLSOCK_TRY_ASSIGN(ClientTransition t, client13_handle(std::move(*client), hm, client_config, client_provider));
    client = std::move(t.state);
    route(t.events, client_events, to_server);
    return {};
  }

  // Runs until both sides have nothing to read.
  Status run() {
    while (!to_server.empty() || !to_client.empty()) {
      if (!to_server.empty()) {
        TLSOCK_TRY(step_server());
      } else {
        TLSOCK_TRY(step_client());
      }
    }
    return {};
  }

  bool connected() const {
    return client && server && std::holds_alternative<ClientConnected>(*client) &&
           std::holds_alternative<ServerConnected>(*server);
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
