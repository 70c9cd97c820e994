// SSLSocket/SSLObject.shared_ciphers() (Python's ssl docs): on the server after the handshake,
// the suites of the server's list (TLS 1.3 first) that the client offered, as cipher() tuples;
// nullopt on a client and before the handshake.
#include <doctest/doctest.h>

#include <vector>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

// The server's TLS 1.3 suites as cipher() tuples, in its order.
std::vector<Cipher> tls13_tuples(const SSLContext& ctx) {
  std::vector<Cipher> out;
  for (const CipherDetails& d : ctx.get_ciphers()) {
    if (d.protocol == "TLSv1.3") out.push_back(Cipher{d.name, d.protocol, d.strength_bits});
  }
  return out;
}

}  // namespace

TEST_CASE("shared_ciphers: the server's suites the client offered, in the server's order") {
  SSLContext cctx = client_context();
  cctx.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305");
  SSLContext sctx = server_context();
  sctx.set_ciphers(
      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256");
  const std::vector<Cipher> tls12_shared = {{"ECDHE-ECDSA-CHACHA20-POLY1305", "TLSv1.2", 256},
                                            {"ECDHE-ECDSA-AES128-GCM-SHA256", "TLSv1.2", 128}};

  SUBCASE("a client offering TLS 1.3 and 1.2") {
    BioPair p(cctx, sctx);
    CHECK_FALSE(p.server.shared_ciphers());  // before the handshake
    p.handshake();
    std::vector<Cipher> expected = tls13_tuples(sctx);
    REQUIRE(expected.size() == 3);
    expected.insert(expected.end(), tls12_shared.begin(), tls12_shared.end());
    CHECK(p.server.shared_ciphers() == expected);
    CHECK_FALSE(p.client.shared_ciphers());
  }
  SUBCASE("a TLS 1.2-only client offers no TLS 1.3 suite") {
    cctx.set_maximum_version(TLSVersion::TLSv1_2);
    BioPair p(cctx, sctx);
    p.handshake();
    CHECK(p.server.shared_ciphers() == tls12_shared);
    CHECK(p.server.cipher() == tls12_shared.front());  // the server's preference
    CHECK_FALSE(p.client.shared_ciphers());
  }
}
