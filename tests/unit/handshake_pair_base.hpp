// What the in-memory handshake pairs of both versions share (Pair in unit/handshake/pair.hpp
// for TLS 1.3, Pair12 in unit/handshake12/pair12.hpp for TLS 1.2): providers with scripted RNGs
// and one fixed clock, pinned-key verifiers, test identities, and the loop that hands each
// side's queued messages to the other until both are quiet.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "handshake/client_config.hpp"
#include "handshake/client_config.hpp"
#include "handshake/server_config.hpp"
#include "unit/handshake/test_support.hpp"

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

// Derived has queues to_server / to_client and step_server() / step_client(), each feeding
// one queued item to that side and returning what it said (its error is the alert it sends).
template <typename Derived>
struct HandshakePairBase {
  ScriptedRng client_rng;
  ScriptedRng server_rng;
  FixedClock clock{1'700'000'000'000};
  Provider client_provider{client_rng, clock};
  Provider server_provider{server_rng, clock};
  PinnedKeyVerifier server_verifier;  // used by the client
  PinnedKeyVerifier client_verifier;  // used by the server
  ClientConfig client_config;
  ServerConfig server_config;

  HandshakePairBase(uint64_t client_seed, uint64_t server_seed)
      : client_rng(client_seed), server_rng(server_seed) {
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

  // Runs until both sides have nothing to read; the first error stops it.
  Status run() {
    Derived& d = static_cast<Derived&>(*this);
    while (!d.to_server.empty() || !d.to_client.empty()) {
      if (!d.to_server.empty()) {
        TLSOCK_TRY(d.step_server());
      } else {
        TLSOCK_TRY(d.step_client());
      }
    }
    return {};
  }
};

}  // namespace tlsock::test
