// A key keeps its prepared Botan signers and verifiers across calls (src/crypto/prepared_pool.hpp):
// what a signature draws from the caller's Rng must not depend on how often the key signed
// before, and one key must serve several threads at once.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "crypto/signature.hpp"
#include "key_files.hpp"

using namespace tlsock;
using tlsock::test::key_file;

namespace {

PrivateKey load_ok(const std::string& file) {
  auto key = PrivateKey::load(key_file(file));
  REQUIRE_MESSAGE(key.ok(), file << ": " << (key.ok() ? "" : key.error().message()));
  return *key;
}

}  // namespace

TEST_CASE("a signature draws only its own randomness from the caller's Rng, however often the key signed") {
  PrivateKey rsa = load_ok("rsa2048.pem");
  const Bytes msg = {'t', 'l', 's'};
  const Bytes salt(32, 0xa5);

  // RSA-PSS with SHA-256: the 32-byte salt (RFC 8446 §4.2.3) and nothing else, so a scripted
  // salt gives the same signature every time. 70 rounds cross Botan's blinding refresh (every
  // 64 uses), whose randomness must not come from the caller either.
  Bytes first;
  for (int round = 0; round < 70; ++round) {
    ScriptedRng rng(round);
    rng.push(salt);
    rng.push(Bytes{0x01});
    auto sig = rsa.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, rng);
    REQUIRE(sig.ok());
    REQUIRE_MESSAGE(rng.scripted_remaining() == 1, "round " << round);
    if (round == 0) first = *sig;
    REQUIRE_MESSAGE(*sig == first, "round " << round);
  }
  CHECK(rsa.public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, msg, first, false).ok());

  // PKCS#1 v1.5 is deterministic and draws nothing.
  ScriptedRng pkcs1_rng;
  pkcs1_rng.push(Bytes{0x01});
  REQUIRE(rsa.sign(SignatureScheme::rsa_pkcs1_sha256, msg, pkcs1_rng).ok());
  CHECK(pkcs1_rng.scripted_remaining() == 1);
}

TEST_CASE("ECDSA signatures of a reused key stay a function of the message (RFC 6979 nonces)") {
  PrivateKey p256 = load_ok("ec_p256.pem");
  const Bytes msg = {1, 2, 3};
  ScriptedRng a(5);
  auto first = p256.sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, a);
  REQUIRE(first.ok());
  for (int i = 0; i < 5; ++i) {
    ScriptedRng rng(100 + i);
    auto again = p256.sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, rng);
    REQUIRE(again.ok());
    CHECK(*again == *first);
  }
}

TEST_CASE("one key signs and verifies from several threads at once") {
  struct Case {
    const char* file;
    SignatureScheme scheme;
    CryptoBackend backend;
  };
  const Case cases[] = {
      {"rsa2048.pem", SignatureScheme::rsa_pss_rsae_sha256, CryptoBackend::botan},
      {"ec_p256.pem", SignatureScheme::ecdsa_secp256r1_sha256, CryptoBackend::botan},
      {"ed25519.pem", SignatureScheme::ed25519, CryptoBackend::botan},
  };
  constexpr int kThreads = 4;
  constexpr int kRounds = 12;
  for (const Case& c : cases) {
    CAPTURE(std::string(c.file));
    const PrivateKey key = load_ok(c.file);
    const PublicKey pub = key.public_key();
    const SignatureAlgorithm alg = *signature_algorithm(c.scheme);
    std::vector<int> failures(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        ScriptedRng rng(static_cast<uint64_t>(t));
        for (int i = 0; i < kRounds; ++i) {
          const Bytes msg = {static_cast<uint8_t>(t), static_cast<uint8_t>(i)};
          auto sig = key.sign_with_backend(c.scheme, msg, rng, c.backend);
          if (!sig.ok() || !pub.verify_with_backend(alg, msg, *sig, c.backend).ok()) ++failures[t];
          // A signature over another message must still fail: the verifier's state is per use.
          const Bytes other = {static_cast<uint8_t>(t), static_cast<uint8_t>(i + 1)};
          if (sig.ok() && pub.verify_with_backend(alg, other, *sig, c.backend).ok()) ++failures[t];
        }
      });
    }
    for (std::thread& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) CHECK_MESSAGE(failures[t] == 0, "thread " << t);
  }
}

TEST_CASE("a failed verification leaves nothing behind for the next one") {
  struct Case {
    const char* file;
    SignatureScheme scheme;
  };
  const Case cases[] = {
      {"ec_p256.pem", SignatureScheme::ecdsa_secp256r1_sha256},
      {"rsa2048.pem", SignatureScheme::rsa_pss_rsae_sha256},
      {"rsa2048.pem", SignatureScheme::rsa_pkcs1_sha256},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.file));
    const PrivateKey key = load_ok(c.file);
    const PublicKey pub = key.public_key();
    const Bytes msg = {'o', 'k'};
    ScriptedRng rng(1);
    auto sig = key.sign(c.scheme, msg, rng);
    REQUIRE(sig.ok());
    // Each bad signature is refused; the good one after it still verifies (a kept verifier that
    // still held the refused message would hash both and fail).
    const Bytes bad_signatures[] = {
        Bytes(sig->size(), 0x30),             // not DER; for RSA a wrong value
        Bytes{0x30, 0x06, 0x02, 0x01, 0x01},  // truncated DER
        Bytes{},                              // empty
        Bytes(sig->size() + 1, 0x00),         // too long
    };
    for (const Bytes& bad : bad_signatures) {
      CHECK_FALSE(pub.verify(c.scheme, msg, bad, false).ok());
      CHECK(pub.verify(c.scheme, msg, *sig, false).ok());
    }
  }
}

TEST_CASE("public keys decoded again are told apart by their whole SubjectPublicKeyInfo") {
  // The same RSA key bits under rsaEncryption and under id-RSASSA-PSS (RFC 4055 §1.2): the
  // OIDs differ in their last byte only. Decoding each twice, interleaved, keeps its type.
  const Bytes rsae = key_file("rsa2048.spki.der");
  const Bytes oid_rsae = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
  auto at = std::search(rsae.begin(), rsae.end(), oid_rsae.begin(), oid_rsae.end());
  REQUIRE(at != rsae.end());
  Bytes pss = rsae;
  pss[static_cast<size_t>(at - rsae.begin()) + oid_rsae.size() - 1] = 0x0a;
  for (int round = 0; round < 2; ++round) {
    auto a = PublicKey::from_spki(rsae);
    auto b = PublicKey::from_spki(pss);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->type() == KeyType::rsa);
    CHECK(b->type() == KeyType::rsa_pss);
    CHECK(to_hex(b->spki()) == to_hex(pss));
    // A prefix of a known SPKI is not that key.
    CHECK_FALSE(PublicKey::from_spki(ByteView(rsae).first(rsae.size() - 1)).ok());
  }
}
