#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "crypto/clock.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/prf_12.hpp"
#include "crypto/provider.hpp"
#include "crypto/rng.hpp"

using namespace tlsock;

TEST_CASE("Hash copies are snapshots and digest() does not disturb the state") {
  for (HashAlgorithm alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384,
                            HashAlgorithm::sha512}) {
    CAPTURE(name(alg));
    Hash h(alg);
    CHECK(h.output_length() == hash_length(alg));
    h.update(as_bytes("hello "));
    Hash snapshot = h;
    const Digest mid = h.digest();
    CHECK(mid.size == hash_length(alg));
    CHECK(h.digest().view().size() == mid.size);
    CHECK(to_hex(h.digest()) == to_hex(mid));  // digest twice: same answer
    h.update(as_bytes("world"));
    CHECK(to_hex(h.digest()) == to_hex(Hash::compute(alg, as_bytes("hello world"))));
    CHECK(to_hex(snapshot.digest()) == to_hex(mid));  // the copy did not move on
    snapshot.update(as_bytes("world"));
    CHECK(to_hex(snapshot.digest()) == to_hex(h.digest()));
    Hash assigned(HashAlgorithm::sha256);
    assigned = h;
    CHECK(assigned.algorithm() == alg);
    CHECK(to_hex(assigned.digest()) == to_hex(h.digest()));
    Hash moved = std::move(assigned);
    CHECK(to_hex(moved.digest()) == to_hex(h.digest()));
  }
}

TEST_CASE("HMAC: incremental equals one-shot, long keys are hashed first (RFC 2104)") {
  Bytes key(200, 0xaa);  // longer than any block size
  Hmac mac(HashAlgorithm::sha384, key);
  mac.update(as_bytes("ab"));
  mac.update(as_bytes("c"));
  const Digest d = mac.finish();
  CHECK(to_hex(d) == to_hex(hmac(HashAlgorithm::sha384, key, as_bytes("abc"))));
  // finish() leaves the key in place for the next message.
  mac.update(as_bytes("abc"));
  CHECK(to_hex(mac.finish()) == to_hex(d));
  // RFC 4231 §4.8 (test case 7, SHA-256): 131-byte key of 0xaa.
  Bytes key7(131, 0xaa);
  CHECK(to_hex(hmac(HashAlgorithm::sha256, key7,
                    as_bytes("This is a test using a larger than block-size key and a larger than "
                             "block-size data. The key needs to be hashed before being used by "
                             "the HMAC algorithm."))) ==
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("HMAC known answers for every hash, short keys and empty messages") {
  // RFC 2202 §3 and RFC 4231 §4.3 (test case 2): key "Jefe".
  const ByteView jefe = as_bytes("Jefe");
  const ByteView text = as_bytes("what do ya want for nothing?");
  CHECK(to_hex(hmac(HashAlgorithm::sha1, jefe, text)) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(to_hex(hmac(HashAlgorithm::sha256, jefe, text)) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(to_hex(hmac(HashAlgorithm::sha384, jefe, text)) ==
        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
        "8e2240ca5e69e2c78b3239ecfab21649");
  CHECK(to_hex(hmac(HashAlgorithm::sha512, jefe, text)) ==
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
  // Empty key and empty message, twice from one object (finish() with no update()).
  Hmac empty(HashAlgorithm::sha256, {});
  const std::string expected = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  CHECK(to_hex(empty.finish()) == expected);
  CHECK(to_hex(empty.finish()) == expected);
  // A moved-to object keeps the key.
  Hmac moved = std::move(empty);
  moved.update({});
  CHECK(to_hex(moved.finish()) == expected);
}

TEST_CASE("hash objects reused after an abandoned message carry nothing over, on any thread") {
  const std::string abc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string jefe256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  const auto jefe = [] { return hmac(HashAlgorithm::sha256, as_bytes("Jefe"),
                                     as_bytes("what do ya want for nothing?")); };
  for (int round = 0; round < 3; ++round) {
    {
      Hmac abandoned(HashAlgorithm::sha256, as_bytes("other key"));
      abandoned.update(as_bytes("half a message"));
      Hash half(HashAlgorithm::sha256);
      half.update(as_bytes("half a transcript"));
      Hash copy = half;
    }
    CHECK(to_hex(Hash::compute(HashAlgorithm::sha256, as_bytes("abc"))) == abc256);
    CHECK(to_hex(jefe()) == jefe256);
    Hash fresh(HashAlgorithm::sha256);
    fresh.update(as_bytes("ab"));
    CHECK(to_hex(fresh.digest_with(as_bytes("c"))) == abc256);
    CHECK(to_hex(fresh.digest_with(as_bytes("c"))) == abc256);  // the state stays at "ab"
  }

  // Hashes made on one thread end on others; every thread keeps computing right answers.
  constexpr int kThreads = 4;
  std::vector<Hash> made;
  for (int i = 0; i < kThreads * 8; ++i) {
    made.emplace_back(HashAlgorithm::sha256);
    made.back().update(as_bytes("ab"));
  }
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        Hash mine = std::move(made[static_cast<size_t>(t * 8 + i)]);
        if (to_hex(mine.digest_with(as_bytes("c"))) != abc256) ++wrong[t];
      }
      for (int i = 0; i < 200; ++i) {
        if (to_hex(jefe()) != jefe256) ++wrong[t];
        Hmac left(HashAlgorithm::sha256, as_bytes("k"));
        left.update(as_bytes("never finished"));
        if (to_hex(Hash::compute(HashAlgorithm::sha256, as_bytes("abc"))) != abc256) ++wrong[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK_MESSAGE(wrong[t] == 0, "thread " << t);
}

TEST_CASE("HKDF-Expand-Label encodes HkdfLabel and checks its limits") {
  Bytes secret(32, 1);
  auto a = hkdf_expand_label(HashAlgorithm::sha256, secret, "key", {}, 16);
  REQUIRE(a.ok());
  // Same thing by hand: HkdfLabel = 0010 09 "tls13 key" 00
  Bytes info = {0x00, 0x10, 0x09, 't', 'l', 's', '1', '3', ' ', 'k', 'e', 'y', 0x00};
  auto b = hkdf_expand(HashAlgorithm::sha256, secret, info, 16);
  REQUIRE(b.ok());
  CHECK(*a == *b);
  CHECK_FALSE(hkdf_expand_label(HashAlgorithm::sha256, secret, std::string(250, 'x'), {}, 16).ok());
  CHECK_FALSE(hkdf_expand_label(HashAlgorithm::sha256, secret, "key", Bytes(256, 0), 16).ok());
  CHECK(hkdf_expand_label(HashAlgorithm::sha384, secret, "key", Bytes(255, 0), 48).ok());
}

TEST_CASE("PRF output is a prefix-stable stream") {
  Bytes secret(48, 3), seed(64, 4);
  Secret long_out = prf_12(HashAlgorithm::sha384, secret, "key expansion", seed, 200);
  Secret short_out = prf_12(HashAlgorithm::sha384, secret, "key expansion", seed, 13);
  CHECK(to_hex(long_out).substr(0, 26) == to_hex(short_out));
  CHECK(prf_12(HashAlgorithm::sha256, secret, "x", seed, 0).empty());
}

TEST_CASE("ScriptedRng: script first, then a seed-determined stream independent of chunking") {
  ScriptedRng a(5);
  a.push(Bytes{1, 2, 3});
  a.push(Bytes{4});
  CHECK(a.scripted_remaining() == 4);
  Bytes out(2);
  a.fill(out);
  CHECK(out == Bytes{1, 2});
  Bytes spill(10);
  a.fill(spill);  // 3, 4, then 8 stream bytes
  CHECK(spill[0] == 3);
  CHECK(spill[1] == 4);
  CHECK(a.scripted_remaining() == 0);

  // The stream depends only on the seed and the byte position, not on request sizes.
  ScriptedRng b(5), c(5), d(6);
  Bytes big(300);
  b.fill(big);
  Bytes pieces;
  for (size_t n : {1, 63, 64, 65, 7, 100}) {
    Bytes p(n);
    c.fill(p);
    pieces.insert(pieces.end(), p.begin(), p.end());
  }
  CHECK(pieces == big);
  CHECK(Bytes(spill.begin() + 2, spill.end()) == Bytes(big.begin(), big.begin() + 8));
  Bytes other(300);
  d.fill(other);
  CHECK(other != big);
  CHECK(big != Bytes(300, 0));
}

TEST_CASE("system rng, clocks and provider") {
  Bytes a(32), b(32);
  system_rng().fill(a);
  system_rng().fill(b);
  CHECK(a != b);
  FixedClock clock(1'700'000'000'123);
  CHECK(clock.now_seconds() == 1'700'000'000);
  clock.advance_ms(1000);
  CHECK(clock.now_ms() == 1'700'000'001'123);
  Provider p = default_provider();
  CHECK(p.clock.now_seconds() > 1'600'000'000);
  CHECK(&p.rng == &system_rng());
}
