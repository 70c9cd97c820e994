#include <doctest/doctest.h>

#include "crypto/key_exchange.hpp"

using namespace tlsock;

namespace {

std::unique_ptr<KeyExchange> gen(NamedGroup g, Rng& rng, CryptoBackend b = CryptoBackend::botan) {
  auto kx = KeyExchange::generate_with_backend(g, rng, b);
  REQUIRE_MESSAGE(kx.ok(), kx.error().message());
  return std::move(*kx);
}

void expect_illegal(const Result<Secret>& r, const char* what) {
  CAPTURE(what);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::crypto);
  CHECK(r.error().alert == AlertDescription::illegal_parameter);
}

}  // namespace

TEST_CASE("key exchange round trips for every group and backend") {
  ScriptedRng rng(1);
  for (NamedGroup g : {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1}) {
    CAPTURE(name(g));
    CHECK(key_exchange_supported(g));
    for (CryptoBackend b : {CryptoBackend::botan, CryptoBackend::sodium}) {
      if (!key_exchange_backend_available(g, b)) continue;
      auto alice = gen(g, rng, b);
      auto bob = gen(g, rng, b);
      CHECK(alice->group() == g);
      CHECK(alice->backend() == b);
      CHECK(alice->public_value().size() == key_exchange_public_length(g));
      auto k1 = alice->derive(bob->public_value());
      auto k2 = bob->derive(alice->public_value());
      REQUIRE(k1.ok());
      REQUIRE(k2.ok());
      CHECK(*k1 == *k2);
      // RFC 8446 §7.4.2: the ECDH shared secret is the x coordinate (field-size bytes).
      CHECK(k1->size() == (g == NamedGroup::secp384r1 ? 48u : 32u));
    }
  }
  CHECK_FALSE(key_exchange_supported(NamedGroup::x448));
  CHECK(key_exchange_public_length(NamedGroup::ffdhe2048) == 0);
  ScriptedRng r;
  auto none = KeyExchange::generate(NamedGroup::x448, r);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == ErrorKind::config);
  CHECK_FALSE(KeyExchange::generate_with_backend(NamedGroup::secp256r1, r, CryptoBackend::sodium).ok());
}

TEST_CASE("generate draws the private key from the Rng: ScriptedRng makes it deterministic") {
  for (NamedGroup g : {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1}) {
    ScriptedRng a(9), b(9), c(10);
    auto ka = KeyExchange::generate(g, a);
    auto kb = KeyExchange::generate(g, b);
    auto kc = KeyExchange::generate(g, c);
    REQUIRE(ka.ok());
    REQUIRE(kb.ok());
    REQUIRE(kc.ok());
    CHECK(Bytes((*ka)->public_value().begin(), (*ka)->public_value().end()) ==
          Bytes((*kb)->public_value().begin(), (*kb)->public_value().end()));
    CHECK(Bytes((*ka)->public_value().begin(), (*ka)->public_value().end()) !=
          Bytes((*kc)->public_value().begin(), (*kc)->public_value().end()));
  }
  // X25519: exactly the 32 scripted bytes are the private key.
  Bytes priv(32, 0x77);
  ScriptedRng s;
  s.push(priv);
  auto k1 = KeyExchange::generate(NamedGroup::x25519, s);
  auto k2 = KeyExchange::from_private(NamedGroup::x25519, priv);
  REQUIRE(k1.ok());
  REQUIRE(k2.ok());
  CHECK(s.scripted_remaining() == 0);
  CHECK(Bytes((*k1)->public_value().begin(), (*k1)->public_value().end()) ==
        Bytes((*k2)->public_value().begin(), (*k2)->public_value().end()));
  // NIST: a scalar >= n is skipped (retry), so an all-0xff script costs one extra draw.
  ScriptedRng n;
  n.push(Bytes(32, 0xff));
  n.push(Bytes(32, 0x01));
  auto kn = KeyExchange::generate(NamedGroup::secp256r1, n);
  REQUIRE(kn.ok());
  CHECK(n.scripted_remaining() == 0);
  auto same = KeyExchange::from_private(NamedGroup::secp256r1, Bytes(32, 0x01));
  REQUIRE(same.ok());
  CHECK(Bytes((*kn)->public_value().begin(), (*kn)->public_value().end()) ==
        Bytes((*same)->public_value().begin(), (*same)->public_value().end()));
}

TEST_CASE("peer public values are validated") {
  ScriptedRng rng(3);
  SUBCASE("X25519") {
    for (CryptoBackend b : {CryptoBackend::botan, CryptoBackend::sodium}) {
      auto kx = gen(NamedGroup::x25519, rng, b);
      expect_illegal(kx->derive(Bytes(31, 9)), "short");
      expect_illegal(kx->derive(Bytes(33, 9)), "long");
      expect_illegal(kx->derive({}), "empty");
      expect_illegal(kx->derive(Bytes(32, 0)), "u = 0 (all-zero result)");
    }
  }
  for (NamedGroup g : {NamedGroup::secp256r1, NamedGroup::secp384r1}) {
    CAPTURE(name(g));
    auto kx = gen(g, rng);
    auto peer = gen(g, rng);
    Bytes good(peer->public_value().begin(), peer->public_value().end());
    REQUIRE(kx->derive(good).ok());

    Bytes wrong_len = good;
    wrong_len.push_back(0);
    expect_illegal(kx->derive(wrong_len), "long");
    expect_illegal(kx->derive(ByteView(good).first(good.size() - 1)), "short");

    // Compressed form (0x02/0x03 || X) is refused: RFC 8446 §4.2.8.2 allows uncompressed only.
    Bytes compressed(good.begin(), good.begin() + 1 + (good.size() - 1) / 2);
    compressed[0] = 0x02 | (good.back() & 1);
    expect_illegal(kx->derive(compressed), "compressed");
    Bytes hybrid = good;
    hybrid[0] = 0x06;
    expect_illegal(kx->derive(hybrid), "hybrid form byte");

    Bytes off_curve = good;
    off_curve.back() ^= 1;  // y changed: not on the curve
    auto r = kx->derive(off_curve);
    expect_illegal(r, "not on curve");
    CHECK(r.error().detail.find("curve") != std::string::npos);

    Bytes zeros(good.size(), 0);
    zeros[0] = 0x04;
    expect_illegal(kx->derive(zeros), "(0, 0)");
    expect_illegal(kx->derive(Bytes{0x00}), "point at infinity encoding");
  }
}

TEST_CASE("from_private checks lengths and ranges") {
  CHECK_FALSE(KeyExchange::from_private(NamedGroup::x25519, Bytes(31, 1)).ok());
  CHECK_FALSE(KeyExchange::from_private(NamedGroup::secp256r1, Bytes(31, 1)).ok());
  CHECK_FALSE(KeyExchange::from_private(NamedGroup::secp256r1, Bytes(32, 0)).ok());     // zero
  CHECK_FALSE(KeyExchange::from_private(NamedGroup::secp256r1, Bytes(32, 0xff)).ok());  // >= n
  CHECK_FALSE(KeyExchange::from_private(NamedGroup::secp384r1, Bytes(32, 1)).ok());
  auto e = KeyExchange::from_private(NamedGroup::secp384r1, Bytes(48, 0xff));
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().kind == ErrorKind::config);
  CHECK(KeyExchange::from_private(NamedGroup::secp384r1, Bytes(48, 1)).ok());
}
