// RFC 5869 HKDF (SHA-256) and the TLS 1.2 PRF vector, through our hkdf_extract/hkdf_expand/prf_12.
#include <doctest/doctest.h>

#include "crypto/hkdf.hpp"
#include "crypto/prf_12.hpp"
#include "vector_checks.hpp"

using namespace tlsock;
using namespace tlsock::test;

TEST_CASE("RFC 5869 HKDF-SHA256 test cases A.1-A.3") {
  VectorFile f = require_vectors("kat/hkdf_sha256_rfc5869.txt", 3);
  for (const VectorCase& c : f.cases) {
    CAPTURE(c.description);
    Secret prk = hkdf_extract(HashAlgorithm::sha256, c["salt"], c["ikm"]);
    CHECK(to_hex(prk) == to_hex(c["prk"]));
    auto okm = hkdf_expand(HashAlgorithm::sha256, c["prk"], c["info"], c["okm"].size());
    REQUIRE(okm.ok());
    CHECK(to_hex(*okm) == to_hex(c["okm"]));
    check_fully_used(c);
  }
}

TEST_CASE("HKDF-Expand refuses more than 255 * HashLen") {
  Bytes prk(32, 1);
  CHECK(hkdf_expand(HashAlgorithm::sha256, prk, {}, 255 * 32).ok());
  auto too_long = hkdf_expand(HashAlgorithm::sha256, prk, {}, 255 * 32 + 1);
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().kind == ErrorKind::config);
}

TEST_CASE("TLS 1.2 PRF (SHA-256) vector") {
  VectorFile f = require_vectors("kat/tls12_prf_sha256.txt", 1);
  const VectorCase& c = f.cases[0];
  Secret out = prf_12(HashAlgorithm::sha256, c["secret"], c.text("label"), c["seed"],
                      c["output"].size());
  CHECK(to_hex(out) == to_hex(c["output"]));
  check_fully_used(c);
}
