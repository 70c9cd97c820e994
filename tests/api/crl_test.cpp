// CRLs through the public API: load_verify_locations takes CRLs beside the CA certificates,
// cert_store_stats() counts them, and verify_flags VERIFY_CRL_CHECK_LEAF / _CHAIN make the
// handshake refuse a revoked peer with OpenSSL's code 23 (Python's test_ssl test_crl_check).
#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "api/built_chain.hpp"
#include "unit/x509/crl_builder.hpp"

using namespace tlsock;
using namespace tlsock::testing;
namespace xt = tlsock::x509::test;

namespace {

// A CRL from the test root, current for years around the real clock, revoking these serials
// (the leaf of xt::leaf_spec() has serial 2).
xt::CrlSpec current_root_crl(std::initializer_list<uint8_t> serials) {
  xt::CrlSpec crl = xt::crl_revoking(serials);
  crl.this_update = xt::utc_time("200101000000Z");
  crl.next_update = xt::utc_time("391231235959Z");
  return crl;
}
std::string root_crl_pem(std::initializer_list<uint8_t> serials) {
  return x509::pem_encode("X509 CRL", xt::build_crl(current_root_crl(serials)));
}

constexpr const char* kRevoked = "23 certificate revoked | ";
constexpr const char* kNoCrl = "3 unable to get certificate CRL | ";

struct Server {
  BuiltChain chain{{xt::leaf_spec()}};
  SSLContext context{PROTOCOL_TLS_SERVER};
  explicit Server(TLSVersion version) {
    context.set_maximum_version(version);
    context.load_cert_chain(chain.chain_file(), BuiltChain::key_file());
  }
};

}  // namespace

TEST_CASE("SSLContext: CRLs in cadata and cafile are counted by cert_store_stats()") {
  BuiltChain chain({xt::leaf_spec()});
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cadata = chain.root_pem() + root_crl_pem({2}) + root_crl_pem({2})});
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 1, .crl = 1, .x509_ca = 1});
  char dir[] = "/tmp/tlsock-crl-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  const std::string cafile = std::string(dir) + "/ca.pem";
  std::ofstream(cafile) << root_crl_pem({7});
  ctx.load_verify_locations({.cafile = cafile});
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 1, .crl = 2, .x509_ca = 1});
  std::filesystem::remove_all(dir);
}

TEST_CASE("SSLSocket client: VERIFY_CRL_CHECK_LEAF refuses a revoked server certificate with code 23") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    Server server(version);
    SSLContext cctx(PROTOCOL_TLS_CLIENT);
    cctx.load_verify_locations({.cadata = server.chain.root_pem() + root_crl_pem({2})});
    // The default flags do not consult CRLs.
    CHECK(handshake_ends(cctx, server.context, "leaf.example").client == "");
    cctx.set_verify_flags(cctx.verify_flags() | VERIFY_CRL_CHECK_LEAF);
    HandshakeEnds ends = handshake_ends(cctx, server.context, "leaf.example");
    CHECK(ends.client.rfind(kRevoked, 0) == 0);
    CHECK(ends.client.find("certificate verify failed: certificate revoked") != std::string::npos);
    // The server hears the certificate_revoked alert (RFC 8446 §6.2).
    CHECK(ends.server.find("CERTIFICATE_REVOKED") != std::string::npos);
  }
}

TEST_CASE("SSLSocket client: CRL checking passes a certificate not listed, fails without a CRL") {
  Server server(TLSVersion::TLSv1_3);
  SSLContext no_crl(PROTOCOL_TLS_CLIENT);
  no_crl.load_verify_locations({.cadata = server.chain.root_pem()});
  no_crl.set_verify_flags(no_crl.verify_flags() | VERIFY_CRL_CHECK_LEAF);
  CHECK(handshake_ends(no_crl, server.context, "leaf.example").client.rfind(kNoCrl, 0) == 0);
  // Once a CRL is loaded that does not list the leaf, it passes (Python's ssl docs,
  // VERIFY_CRL_CHECK_LEAF).
  no_crl.load_verify_locations({.cadata = root_crl_pem({7})});
  CHECK(handshake_ends(no_crl, server.context, "leaf.example").client == "");
  // VERIFY_CRL_CHECK_CHAIN also checks the root, against the same root CRL.
  no_crl.set_verify_flags(no_crl.verify_flags() | VERIFY_CRL_CHECK_CHAIN);
  CHECK(handshake_ends(no_crl, server.context, "leaf.example").client == "");
}

TEST_CASE("SSLSocket server: VERIFY_CRL_CHECK_LEAF refuses a revoked client certificate") {
  Server server(TLSVersion::TLSv1_3);
  BuiltChain client_chain({xt::leaf_spec()});
  server.context.set_verify_mode(CERT_REQUIRED);
  server.context.load_verify_locations({.cadata = client_chain.root_pem() + root_crl_pem({2})});
  server.context.set_verify_flags(VERIFY_CRL_CHECK_LEAF);
  SSLContext cctx(PROTOCOL_TLS_CLIENT);
  cctx.load_verify_locations({.cadata = server.chain.root_pem()});
  cctx.load_cert_chain(client_chain.chain_file(), BuiltChain::key_file());
  HandshakeEnds ends = handshake_ends(cctx, server.context, "leaf.example");
  CHECK(ends.server.rfind(kRevoked, 0) == 0);
  CHECK(ends.client != "");
}

TEST_CASE("SSLSocket client: CRLs from DER cadata and from a capath are used") {
  Server server(TLSVersion::TLSv1_3);
  // cadata as bytes: the root and a CRL revoking the leaf, DER after DER.
  Bytes der = xt::build_certificate(xt::root_spec());
  const Bytes crl = xt::build_crl(current_root_crl({2}));
  der.insert(der.end(), crl.begin(), crl.end());
  SSLContext from_der(PROTOCOL_TLS_CLIENT);
  from_der.load_verify_locations({.cadata_der = std::string(der.begin(), der.end())});
  CHECK(from_der.cert_store_stats() == CertStoreStats{.x509 = 1, .crl = 1, .x509_ca = 1});
  from_der.set_verify_flags(from_der.verify_flags() | VERIFY_CRL_CHECK_LEAF);
  CHECK(handshake_ends(from_der, server.context, "leaf.example").client.rfind(kRevoked, 0) == 0);

  // capath: the CRL is found beside the root when the check asks for it, and counted from then.
  char dir[] = "/tmp/tlsock-crl-capath-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  std::ofstream(std::string(dir) + "/root.pem") << server.chain.root_pem();
  std::ofstream(std::string(dir) + "/root.r0") << root_crl_pem({2});
  SSLContext from_dir(PROTOCOL_TLS_CLIENT);
  from_dir.load_verify_locations({.capath = dir});
  from_dir.set_verify_flags(from_dir.verify_flags() | VERIFY_CRL_CHECK_LEAF);
  CHECK(from_dir.cert_store_stats().crl == 0);
  CHECK(handshake_ends(from_dir, server.context, "leaf.example").client.rfind(kRevoked, 0) == 0);
  CHECK(from_dir.cert_store_stats().crl == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("SSLSocket client: a CRL past its nextUpdate (12), not yet valid (11) or badly signed (8) refuses the server") {
  Server server(TLSVersion::TLSv1_3);
  xt::CrlSpec expired = current_root_crl({});
  expired.next_update = xt::utc_time("210101000000Z");
  xt::CrlSpec future = current_root_crl({});
  future.this_update = xt::utc_time("390101000000Z");
  xt::CrlSpec forged = current_root_crl({});
  forged.corrupt_signature = true;
  const std::pair<xt::CrlSpec, std::string> cases[] = {
      {expired, "12 CRL has expired | "}, {future, "11 CRL is not yet valid | "}, {forged, "8 CRL signature failure | "}};
  for (const auto& [spec, prefix] : cases) {
    CAPTURE(prefix);
    SSLContext cctx(PROTOCOL_TLS_CLIENT);
    cctx.load_verify_locations({.cadata = server.chain.root_pem() + x509::pem_encode("X509 CRL", xt::build_crl(spec))});
    cctx.set_verify_flags(cctx.verify_flags() | VERIFY_CRL_CHECK_LEAF);
    CHECK(handshake_ends(cctx, server.context, "leaf.example").client.rfind(prefix, 0) == 0);
  }
}
