#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/provider.hpp"
#include "crypto/self_test.hpp"

using namespace tlsock;

TEST_CASE("the self-tests pass and name every family") {
  auto lines = crypto_internal::run_self_tests();
  for (const auto& line : lines) CHECK_MESSAGE(line.ok, line.name << ": " << line.detail);
  for (const char* family : {"aes-128-gcm", "aes-256-gcm", "chacha20-poly1305", "sha256", "sha384",
                             "hmac-sha256", "hkdf-sha256", "tls12-prf-sha256", "x25519", "p256-ecdh",
                             "ecdsa-p256-sha256", "rsa-pss-sha256", "ed25519"}) {
    CHECK_MESSAGE(std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.name == family; }),
                  family << " missing");
  }
}

TEST_CASE("versions are reported") {
  CHECK(botan_version().rfind("2.", 0) == 0);
  CHECK(!sodium_version().empty());
}
