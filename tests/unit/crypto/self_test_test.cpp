#include <doctest/doctest.h>

#include "crypto/provider.hpp"

using namespace tlsock;

TEST_CASE("self_test passes and names every family") {
  SelfTestReport report = self_test();
  INFO(report.text);
  CHECK(report.ok);
  CHECK(report.text.find("FAILED") == std::string::npos);
  for (const char* family : {"aes-128-gcm: ok", "aes-256-gcm: ok", "chacha20-poly1305: ok",
                             "sha256: ok", "sha384: ok", "hmac-sha256: ok", "hkdf-sha256: ok",
                             "tls12-prf-sha256: ok", "x25519: ok", "p256-ecdh: ok",
                             "ecdsa-p256-sha256: ok", "rsa-pss-sha256: ok", "ed25519: ok"}) {
    CHECK(report.text.find(family) != std::string::npos);
  }
}

TEST_CASE("versions are reported") {
  CHECK(botan_version().rfind("2.", 0) == 0);
  CHECK(!sodium_version().empty());
}
