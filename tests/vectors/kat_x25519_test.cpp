// RFC 7748 X25519 vectors and low-order points, through KeyExchange, for both backends.
#include <doctest/doctest.h>

#include "crypto/key_exchange.hpp"
#include "vector_checks.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

Secret x25519(ByteView k, ByteView u, CryptoBackend backend) {
  auto kx = KeyExchange::from_private_with_backend(NamedGroup::x25519, k, backend);
  REQUIRE(kx.ok());
  auto out = (*kx)->derive(u);
  REQUIRE_MESSAGE(out.ok(), out.error().message());
  return *out;
}

}  // namespace

TEST_CASE("RFC 7748 X25519 vectors") {
  VectorFile f = require_vectors("kat/x25519_rfc7748.txt", 7);
  size_t functions = 0, iterated = 0, dh = 0, low_order = 0;
  for (CryptoBackend backend : {CryptoBackend::sodium, CryptoBackend::botan}) {
    CAPTURE(name(backend));
    for (const VectorCase& c : f.cases) {
      CAPTURE(c.description);
      if (c.has("scalar")) {
        ++functions;
        CHECK(to_hex(x25519(c["scalar"], c["u"], backend)) == to_hex(c["output"]));
      } else if (c.has("after_1000")) {
        ++iterated;
        Bytes k = c["k"], u = c["k"];
        for (int i = 1; i <= 1000; ++i) {
          Secret next = x25519(k, u, backend);
          u = k;
          k.assign(next.view().begin(), next.view().end());
          if (i == 1) CHECK(to_hex(k) == to_hex(c["after_1"]));
        }
        CHECK(to_hex(k) == to_hex(c["after_1000"]));
      } else if (c.has("shared")) {
        ++dh;
        auto alice = KeyExchange::from_private_with_backend(NamedGroup::x25519, c["alice_private"], backend);
        auto bob = KeyExchange::from_private_with_backend(NamedGroup::x25519, c["bob_private"], backend);
        REQUIRE(alice.ok());
        REQUIRE(bob.ok());
        CHECK(to_hex((*alice)->public_value()) == to_hex(c["alice_public"]));
        CHECK(to_hex((*bob)->public_value()) == to_hex(c["bob_public"]));
        auto k1 = (*alice)->derive(c["bob_public"]);
        auto k2 = (*bob)->derive(c["alice_public"]);
        REQUIRE(k1.ok());
        REQUIRE(k2.ok());
        CHECK(to_hex(*k1) == to_hex(c["shared"]));
        CHECK(to_hex(*k2) == to_hex(c["shared"]));
      } else {
        ++low_order;
        const Bytes& u = c["low_order_u"];
        // Vector values are canonical: RFC 7748 §5 masks the top bit, so a set bit would be the
        // same point written differently.
        CHECK((u.at(31) & 0x80) == 0);
        // Any private key: a clamped scalar is a multiple of the cofactor, so the result is
        // all-zero for every key; try a few, drawn from a deterministic Rng.
        ScriptedRng rng(c.line);
        for (int i = 0; i < 4; ++i) {
          auto kx = KeyExchange::generate_with_backend(NamedGroup::x25519, rng, backend);
          REQUIRE(kx.ok());
          auto out = (*kx)->derive(u);
          REQUIRE_FALSE(out.ok());
          CHECK(out.error().kind == ErrorKind::crypto);
          CHECK(out.error().alert == AlertDescription::illegal_parameter);
          CHECK(out.error().detail.find("all-zero") != std::string::npos);
        }
      }
      check_fully_used(c);
    }
  }
  CHECK(functions == 4);
  CHECK(iterated == 2);
  CHECK(dh == 2);
  CHECK(low_order == 6);
}
