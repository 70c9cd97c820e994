// tlsock::check_chain and the PEM/time helpers beside it (tlsock/chain_check.hpp,
// tlsock/cert_utils.hpp): the public road to the handshake's chain validation that the tlsock
// command's `x509 verify` and x509-limbo harness take.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tlsock/cert_utils.hpp"
#include "tlsock/chain_check.hpp"

using namespace tlsock;

namespace {

std::string engine_vector(const std::string& name) {
  std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/engine/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ChainCheck server_chain_check() {
  ChainCheck check;
  check.leaf = pem_blocks(engine_vector("server-p256.pem"), "CERTIFICATE").front();
  check.trusted = pem_blocks(engine_vector("ca.pem"), "CERTIFICATE");
  check.hostname = "localhost";
  check.time = iso8601_to_seconds("2030-01-01T00:00:00Z");
  return check;
}

}  // namespace

TEST_CASE("check_chain: a server chain to its CA, then the failures with OpenSSL's codes") {
  ChainCheck check = server_chain_check();
  ChainCheckResult ok = check_chain(check);
  INFO(ok.verify_message << " " << ok.detail);
  REQUIRE(ok.ok());
  REQUIRE(ok.verified_chain.size() == 2);  // leaf, anchor
  CHECK(ok.verified_chain.front().subjectAltName.front().value == "localhost");

  ChainCheck wrong_name = check;
  wrong_name.hostname = "example.com";
  CHECK(check_chain(wrong_name).verify_code == 62);  // X509_V_ERR_HOSTNAME_MISMATCH

  ChainCheck untrusted = check;
  untrusted.trusted = pem_blocks(engine_vector("other-ca.pem"), "CERTIFICATE");
  CHECK(check_chain(untrusted).verify_code == 20);  // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
  CHECK(check_chain(untrusted).verified_chain.empty());

  ChainCheck junk_anchor = check;  // an anchor that does not decode is left out
  junk_anchor.trusted.insert(junk_anchor.trusted.begin(), std::string("\x30\x03\x02\x01\x01", 5));
  CHECK(check_chain(junk_anchor).ok());

  ChainCheck key_usage = check;
  key_usage.leaf_key_usage = {"digitalSignature"};
  CHECK(check_chain(key_usage).ok());
  key_usage.leaf_key_usage = {"notAKeyUsage"};
  CHECK_THROWS_AS(check_chain(key_usage), std::invalid_argument);
}

TEST_CASE("key_usage_names, pem_blocks and iso8601_to_seconds") {
  const auto names = key_usage_names();
  REQUIRE(names.size() == 9);  // RFC 5280 §4.2.1.3, bits 0..8
  CHECK(names.front() == "digitalSignature");
  CHECK(names.back() == "decipherOnly");

  const std::string two = engine_vector("ca.pem") + "junk between\n" + engine_vector("other-ca.pem");
  CHECK(pem_blocks(two, "CERTIFICATE").size() == 2);
  CHECK(pem_blocks(two, "X509 CRL").empty());
  CHECK_THROWS_AS(pem_blocks("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n", "CERTIFICATE"),
                  std::invalid_argument);

  CHECK(iso8601_to_seconds("1970-01-02T00:00:00Z") == 86400);
  CHECK(iso8601_to_seconds("2000-01-01T00:00:00.999+00:00") == 946684800);
  CHECK_THROWS_AS(iso8601_to_seconds("yesterday"), std::invalid_argument);
}
