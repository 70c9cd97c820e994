// Shared by the engine unit tests, the interop tests and the benchmark: test identities from
// vectors/engine/ (made by vectors/engine/make_vectors.sh), a verifier trusting the test CA,
// and an in-memory client/server pair of Connections.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "engine/connection.hpp"
#include "handshake/session_13.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

namespace tlsock::test {

// 2027-06-01: inside the test certificates' validity (generated 2026, valid 100 years).
inline constexpr int64_t kEngineTestTimeMs = 1811808000000;

inline std::string engine_vector_path(const std::string& name) {
  const char* dir = std::getenv("TLSOCK_VECTORS_DIR");
  return std::string(dir ? dir : TLSOCK_VECTORS_DIR) + "/engine/" + name;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "server-p256" -> chain from server-p256.pem, key from server-p256.key.pem. nullopt when the
// files are missing or do not parse.
inline std::optional<CertifiedKey> load_identity(const std::string& name) {
  std::string cert_pem = read_text(engine_vector_path(name + ".pem"));
  std::string key_pem = read_text(engine_vector_path(name + ".key.pem"));
  auto chain = x509::pem_decode_label(cert_pem, "CERTIFICATE");
  auto key = PrivateKey::load(as_bytes(key_pem));
  if (!chain.ok() || chain->empty() || !key.ok()) return std::nullopt;
  return CertifiedKey{std::move(*chain), std::move(*key), {}};
}

inline std::shared_ptr<const x509::ChainVerifier> verifier_trusting(const std::string& ca_name) {
  auto store = std::make_shared<x509::TrustStore>();
  if (!store->load_pem(read_text(engine_vector_path(ca_name))).ok()) return nullptr;
  return std::make_shared<x509::WebPkiVerifier>(std::move(store));
}

inline VerifyPolicy policy_trusting(const std::string& ca_name, std::optional<std::string> hostname) {
  VerifyPolicy p;
  p.verifier = verifier_trusting(ca_name);
  p.hostname = std::move(hostname);
  return p;
}

// Two Connections joined in memory. Configure the public members, then start() and pump().
struct EnginePair {
  ScriptedRng client_rng{11};
  ScriptedRng server_rng{22};
  FixedClock clock{kEngineTestTimeMs};
  Provider client_provider{client_rng, clock};
  Provider server_provider{server_rng, clock};
  ClientConfig client_config;
  ServerConfig server_config;
  ConnectionOptions client_options;
  ConnectionOptions server_options;
  std::optional<Connection> client;
  std::optional<Connection> server;
  std::string client_received;  // application data read by the client
  std::string server_received;

  explicit EnginePair(const std::string& server_identity = "server-p256") {
    client_config.server_name = "example.test";
    client_options.verify = policy_trusting("ca.pem", std::string("example.test"));
    if (auto id = load_identity(server_identity)) server_config.certificates.push_back(std::move(*id));
  }

  Status start() {
    auto c = Connection::client(client_config, client_provider, client_options);
    if (!c.ok()) return std::move(c).error();
    auto s = Connection::server(server_config, server_provider, server_options);
    if (!s.ok()) return std::move(s).error();
    client.emplace(std::move(*c));
    server.emplace(std::move(*s));
    return {};
  }

  // Moves `from`'s output into `to`, `chunk` bytes per feed(), reading whatever application
  // data arrives. False when nothing moved.
  static bool transfer(Connection& from, Connection& to, std::string& received, size_t chunk) {
    bool moved = false;
    while (from.has_output()) {
      ByteView out = from.pending_output();
      auto took = to.feed(out.first(std::min(chunk, out.size())));
      if (took.ok() && *took != 0) {
        from.consume_output(*took);
        moved = true;
      }
      bool progressed_reading = drain(to, received);
      if (!took.ok() || (*took == 0 && !progressed_reading)) break;
    }
    return moved;
  }

  static bool drain(Connection& c, std::string& received) {
    bool any = false;
    char buf[4096];
    for (;;) {
      auto n = c.read_app(MutableByteView(reinterpret_cast<uint8_t*>(buf), sizeof buf));
      if (!n.ok() || *n == 0) return any;
      received.append(buf, *n);
      any = true;
    }
  }

  // Until neither side has anything to send (or the one that would receive has failed).
  void pump(size_t chunk = SIZE_MAX) {
    for (int round = 0; round < 1000; ++round) {
      bool a = transfer(*client, *server, server_received, chunk);
      bool b = transfer(*server, *client, client_received, chunk);
      if (!a && !b) return;
    }
  }

  bool established() const {
    return client && server && client->handshake_done() && server->handshake_done() &&
           !client->failed() && !server->failed();
  }
};

}  // namespace tlsock::test
