// SignatureCache (x509/signature_cache.hpp): the path builder verifies a (child, issuer)
// signature once per trust store; a changed store, or another store, verifies it again.
#include <doctest/doctest.h>

#include <ctime>

#include "unit/x509/vector_files.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/signature_cache.hpp"
#include "x509/trust_store.hpp"

using namespace tlsock;
using namespace tlsock::x509;

namespace {

std::string engine_vector(const std::string& name) {
  return std::string(TLSOCK_VECTORS_DIR) + "/engine/" + name;
}

// Certificate signatures verified (not answered by a cache) by one verification.
uint64_t verified_by(const std::shared_ptr<const TrustStore>& store, const Certificate& leaf,
                     bool expect_ok = true) {
  WebPkiVerifier verifier(store);
  VerifyRequest request;
  request.peer_chain = {leaf.der()};
  request.time = static_cast<int64_t>(std::time(nullptr));
  uint64_t before = certificate_signatures_verified();
  VerifyOutcome outcome = verifier.verify(request);
  CHECK(outcome.ok() == expect_ok);
  return certificate_signatures_verified() - before;
}

}  // namespace

TEST_CASE("signature cache: a chain's signatures are verified once per trust store") {
  Certificate leaf = test::first_certificate(engine_vector("server-p256.pem"));
  auto store = std::make_shared<TrustStore>();
  REQUIRE(store->load_pem(test::read_text_file(engine_vector("ca.pem"))).ok());
  CHECK(verified_by(store, leaf) == 1);
  CHECK(store->signature_cache().size() == 1);
  CHECK(verified_by(store, leaf) == 0);
  // A copy is another store: its own, empty cache.
  auto copy = std::make_shared<TrustStore>(*store);
  CHECK(copy->signature_cache().size() == 0);
  CHECK(verified_by(copy, leaf) == 1);
  // A change clears the cache.
  REQUIRE(store->load_pem(test::read_text_file(engine_vector("other-ca.pem"))).ok());
  CHECK(store->signature_cache().size() == 0);
  CHECK(verified_by(store, leaf) == 1);
  CHECK(verified_by(store, leaf) == 0);
}

TEST_CASE("signature cache: the key names both certificates, in order") {
  Certificate leaf = test::first_certificate(engine_vector("server-p256.pem"));
  Certificate ca = test::first_certificate(engine_vector("ca.pem"));
  Certificate other = test::first_certificate(engine_vector("other-ca.pem"));
  SignatureCache cache;
  CHECK(SignatureCache::key(leaf, ca) != SignatureCache::key(leaf, other));
  CHECK(SignatureCache::key(leaf, ca) != SignatureCache::key(ca, leaf));
  cache.insert(SignatureCache::key(leaf, ca));
  CHECK(cache.contains(SignatureCache::key(leaf, ca)));
  CHECK_FALSE(cache.contains(SignatureCache::key(leaf, other)));
}

TEST_CASE("signature cache: bounded") {
  SignatureCache cache;
  SignatureCache::Key k{};
  for (size_t i = 0; i < SignatureCache::kMaxEntries + 10; ++i) {
    k[0] = static_cast<uint8_t>(i);
    k[1] = static_cast<uint8_t>(i >> 8);
    cache.insert(k);
    CHECK(cache.size() <= SignatureCache::kMaxEntries);
  }
}
