// AES-GCM (McGrew-Viega test cases) and ChaCha20-Poly1305 (RFC 8439) through Aead, for every
// backend that offers the algorithm on this machine.
#include <doctest/doctest.h>

#include "crypto/aead.hpp"
#include "vector_checks.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

void run_case(AeadAlgorithm alg, CryptoBackend backend, const VectorCase& c) {
  CAPTURE(c.description);
  CAPTURE(name(backend));
  auto aead = Aead::create_with_backend(alg, c["key"], backend);
  REQUIRE_MESSAGE(aead.ok(), aead.error().message());
  const Bytes& pt = c["plaintext"];
  const std::string want = to_hex(c["ciphertext"]) + to_hex(c["tag"]);

  Bytes buf(pt);
  buf.resize(pt.size() + kAeadTagLength);
  REQUIRE((*aead)->seal(c["nonce"], c["aad"], buf, pt.size()).ok());
  CHECK(to_hex(buf) == want);

  auto n = (*aead)->open(c["nonce"], c["aad"], buf);
  REQUIRE(n.ok());
  CHECK(*n == pt.size());
  CHECK(to_hex(ByteView(buf).first(*n)) == to_hex(pt));

  // Opening the published ciphertext||tag must also work (A.5 is a decryption example).
  Bytes sealed = c["ciphertext"];
  sealed.insert(sealed.end(), c["tag"].begin(), c["tag"].end());
  auto n2 = (*aead)->open(c["nonce"], c["aad"], sealed);
  REQUIRE(n2.ok());
  CHECK(to_hex(ByteView(sealed).first(*n2)) == to_hex(pt));

  // Any flipped bit in the tag is bad_record_mac.
  Bytes bad = c["ciphertext"];
  bad.insert(bad.end(), c["tag"].begin(), c["tag"].end());
  bad.back() ^= 0x80;
  auto rejected = (*aead)->open(c["nonce"], c["aad"], bad);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().alert == AlertDescription::bad_record_mac);
  check_fully_used(c);
}

void run_file(const char* file, size_t cases, AeadAlgorithm alg128, AeadAlgorithm alg256) {
  VectorFile f = require_vectors(file, cases);
  for (const VectorCase& c : f.cases) {
    const AeadAlgorithm alg = c["key"].size() == 16 ? alg128 : alg256;
    for (CryptoBackend backend : {CryptoBackend::botan, CryptoBackend::sodium}) {
      if (aead_backend_available(alg, backend)) run_case(alg, backend, c);
    }
  }
}

}  // namespace

TEST_CASE("AES-GCM test cases 1-4 and 13-16 (McGrew-Viega)") {
  run_file("kat/aes_gcm_mcgrew_viega.txt", 8, AeadAlgorithm::aes_128_gcm, AeadAlgorithm::aes_256_gcm);
}

TEST_CASE("ChaCha20-Poly1305 RFC 8439 §2.8.2 and A.5") {
  run_file("kat/chacha20_poly1305_rfc8439.txt", 2, AeadAlgorithm::chacha20_poly1305,
           AeadAlgorithm::chacha20_poly1305);
}
