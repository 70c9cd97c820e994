// Name constraints reach the CN through the facade: a client with Python's defaults
// (check_hostname, hostname_checks_common_name) refuses a leaf CN=bank.com without a
// subjectAltName below an intermediate constrained to example.com, with OpenSSL's code 47.
#include <doctest/doctest.h>

#include <string>

#include "api/built_chain.hpp"

using namespace tlsock;
using namespace tlsock::testing;
namespace xt = tlsock::x509::test;

namespace {

HandshakeEnds connect_to_constrained(std::string_view leaf_cn, const std::string& hostname) {
  xt::CertSpec leaf = xt::leaf_spec();
  leaf.issuer = xt::name_cn("Test Intermediate");
  leaf.subject = xt::name_cn(leaf_cn);
  leaf.extensions = {xt::aki(2)};
  BuiltChain chain({leaf, intermediate_spec({xt::name_constraints(
                              0, xt::tlv(x509::tag::context(2), xt::text_bytes("example.com")))})});
  SSLContext sctx(PROTOCOL_TLS_SERVER);
  sctx.load_cert_chain(chain.chain_file(), BuiltChain::key_file());
  SSLContext cctx(PROTOCOL_TLS_CLIENT);
  cctx.load_verify_locations({.cadata = chain.root_pem()});
  return handshake_ends(cctx, sctx, hostname);
}

}  // namespace

TEST_CASE("SSLSocket client: a name-constrained CA cannot vouch for another host through the CN") {
  HandshakeEnds refused = connect_to_constrained("bank.com", "bank.com");
  CHECK(refused.client.rfind("47 permitted subtree violation | ", 0) == 0);
  CHECK(connect_to_constrained("www.example.com", "www.example.com").client == "");
}
