// The trust store's sources and counts: capath certificates counted once used, CRL blocks
// counted (cert_store_stats()). Reading the files is the facade's (tests/unit/socket/capath_test.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "unit/x509/crl_builder.hpp"
#include "unit/x509/vector_files.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

using namespace tlsock;
using namespace tlsock::x509;
using test::vector_certificate;
using test::vector_text;

TEST_CASE("trust store: capath contents join the store when a lookup asks for them") {
  TrustStore store;
  store.add_directory("/some/capath");
  CHECK(store.unread_directories() == std::vector<std::string>{"/some/capath"});
  store.add_directory_contents({vector_text("key-ed25519.pem"), "junk\n"});
  CHECK(store.unread_directories().empty());
  CHECK(store.stats().x509 == 0);  // held aside, not counted yet
  const Certificate ed = vector_certificate("key-ed25519.pem");
  CHECK(store.find_by_subject(ed.issuer()).size() == 1);
  CHECK(store.stats().x509 == 1);  // counted once used
  CHECK(store.contains(ed));
}

TEST_CASE("trust store: CRL blocks counted, CA and non-CA certificates told apart") {
  TrustStore store;
  std::string crl = pem_encode("X509 CRL", test::build_crl(test::CrlSpec{}));
  REQUIRE(store.load_pem(vector_text("key-p256.pem") + crl + vector_text("v1-cert.pem")).ok());
  TrustStoreStats s = store.stats();
  CHECK(s.x509 == 2);
  CHECK(s.crl == 1);
  CHECK(s.x509_ca == 1);  // v1-cert.pem has no extensions, so no basicConstraints cA
}
