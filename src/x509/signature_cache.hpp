// SignatureCache: certificate signatures already verified, per trust store (issue 15).
//
// A client reconnecting to the same server receives the same chain: each signature in it
// (child signed by issuer) was verified on the first handshake. The path builder looks each
// (child, issuer) pair up here before verifying, keyed by the SHA-256 of both certificates'
// DER, and records the pairs it verified; so the repeat handshake verifies only the
// CertificateVerify signature. Everything else (names, validity, constraints, key usage,
// revocation, hostname) is checked again on every handshake: only the signature is a pure
// function of the two certificates.
//
// The cache belongs to its TrustStore: a copy starts empty, and every change to the store
// clears it. Bounded (kMaxEntries; when full it starts over); safe across threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_set>

#include "x509/certificate.hpp"

namespace tlsock::x509 {

class SignatureCache {
 public:
  // Several servers' chains (2-3 signatures each); a bound, not a tuning knob.
  static constexpr size_t kMaxEntries = 1024;
  using Key = std::array<uint8_t, 32>;  // SHA-256(SHA-256(child DER) || SHA-256(issuer DER))

  static Key key(const Certificate& child, const Certificate& issuer);

  bool contains(const Key& key) const;
  void insert(const Key& key);
  void clear();
  size_t size() const;

 private:
  struct KeyHash {
    size_t operator()(const Key& k) const noexcept;
  };
  mutable std::mutex mutex_;
  std::unordered_set<Key, KeyHash> entries_;
};

// Certificate signatures this process verified with a public key (cache hits not counted):
// what tests of the cache observe.
uint64_t certificate_signatures_verified();
void count_certificate_signature_verified();

}  // namespace tlsock::x509
