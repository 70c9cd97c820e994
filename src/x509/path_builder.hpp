// Path building and validation (RFC 5280 §6 with the web-PKI profile of CABF BR 7.1 and
// rustls-webpki).
//
// Depth-first search from the leaf towards a trust anchor: at each step the candidates are the
// trust-store certificates whose subject matches the child's issuer (anchors first, as OpenSSL's
// X509_V_FLAG_TRUSTED_FIRST), then the peer's other certificates; a candidate whose SKI
// contradicts the child's AKI is skipped, and one already on the path (same DER, or same
// subject and key) is a loop and skipped. Each candidate is checked as an issuer (CA bit,
// critical basicConstraints, keyCertSign, pathLen, validity, key and signature policy, EKU
// chaining) and must have signed the child; when an anchor is reached, name constraints run
// over the complete path. A failed candidate is abandoned and the next one tried; when every
// path fails, the failure from the deepest attempt is reported (the "most useful" error).
// Work is bounded by three budgets taken from rustls-webpki (src/verify_cert.rs, Budget).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "x509/certificate.hpp"
#include "x509/trust_store.hpp"
#include "x509/verify_error.hpp"

namespace tlsock::x509 {

// rustls-webpki Budget::default (src/verify_cert.rs): signatures = 100,
// build_chain_calls = 200_000 (name-constraint comparisons: name_constraints.hpp). Since the
// builder descends only through a candidate whose signature verified, build calls stay below
// signatures + 2: the call budget is a backstop should that order ever change.
inline constexpr size_t kMaxSignatureChecks = 100;
inline constexpr size_t kMaxBuildChainCalls = 200000;
// Most intermediates in a path: rustls-webpki's MAX_SUB_CA_COUNT (src/verify_cert.rs) is 6.
inline constexpr size_t kMaxIntermediates = 6;
// Smallest RSA modulus accepted anywhere in a path: CABF BR 6.1.5 ("at least 2048 bits",
// "modulus size in bits ... evenly divisible by 8").
inline constexpr size_t kMinRsaBits = 2048;
// Peer chains longer than this are refused before any work: OpenSSL's default verify depth is
// 100 (X509_VERIFY_PARAM default), far above anything real.
inline constexpr size_t kMaxPeerChainLength = 100;

enum class Purpose { server_auth, client_auth };

struct PathOptions {
  int64_t time = 0;                         // Unix seconds (fractions floored)
  Purpose purpose = Purpose::server_auth;
  std::optional<size_t> max_intermediates;  // limbo max_chain_depth / SSL verify depth
  std::optional<uint16_t> required_leaf_key_usage;  // bits that must be set if KU present
  // OpenSSL's X509_V_FLAG_PARTIAL_CHAIN (Python's VERIFY_X509_PARTIAL_CHAIN): any trusted
  // certificate ends a path. Off (OpenSSL's and Python's default): a path ends only at a
  // self-issued trusted certificate; a trusted certificate that is not self-issued is used as
  // an intermediate whose issuer must be found, and a trusted leaf must be self-issued.
  bool partial_chain = false;
  // Called with every failed step of the search (its depth and why), for a person debugging a
  // refusal (TLSOCK_X509_TRACE with `tlsock x509 verify`); the core itself never prints.
  std::function<void(size_t depth, const VerifyFailure& failure)> trace;
};

struct PathResult {
  std::vector<Certificate> chain;  // leaf first, anchor last
  std::optional<VerifyFailure> failure;
  size_t signature_checks = 0;
  size_t build_calls = 0;
  bool ok() const { return !failure; }
};

PathResult build_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const TrustStore& store, const PathOptions& options);

}  // namespace tlsock::x509
