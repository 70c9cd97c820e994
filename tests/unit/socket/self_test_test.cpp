// tlsock::self_test() (tlsock/version.hpp): the crypto known-answer checks as one report.
#include <doctest/doctest.h>

#include "tlsock/version.hpp"

TEST_CASE("self_test reports every family ok, one line each") {
  tlsock::SelfTestReport report = tlsock::self_test();
  INFO(report.text);
  CHECK(report.ok);
  CHECK(report.text.find("FAILED") == std::string::npos);
  for (const char* line : {"aes-128-gcm: ok\n", "chacha20-poly1305: ok\n", "x25519: ok\n", "ed25519: ok\n"})
    CHECK(report.text.find(line) != std::string::npos);
}
