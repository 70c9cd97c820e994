// RFC 8446 §4.4.2.2 / RFC 5280 §4.2.1.3: a peer's leaf with a keyUsage extension must allow
// digitalSignature, since every handshake tlsock accepts has the peer sign (CertificateVerify,
// or TLS 1.2's ECDHE ServerKeyExchange). Refused with code 26, the explanation naming the bit.
#include <doctest/doctest.h>

#include <string>

#include "api/built_chain.hpp"

using namespace tlsock;
using namespace tlsock::testing;
namespace xt = tlsock::x509::test;

namespace {

// A leaf for leaf.example whose keyUsage BIT STRING content is `ku`.
xt::CertSpec leaf_with_key_usage(const Bytes& ku) {
  xt::CertSpec leaf = xt::leaf_spec();
  leaf.extensions.push_back(xt::key_usage(ku));
  return leaf;
}

const Bytes kKeyEnciphermentOnly = {0x05, 0x20};  // bit 2
const Bytes kDigitalSignature = {0x07, 0x80};     // bit 0

constexpr const char* kRefused = "26 unsupported certificate purpose | ";

}  // namespace

TEST_CASE("keyUsage without digitalSignature: a client refuses the server's certificate") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    for (const Bytes& ku : {kKeyEnciphermentOnly, kDigitalSignature}) {
      BuiltChain chain({leaf_with_key_usage(ku)});
      SSLContext sctx(PROTOCOL_TLS_SERVER);
      sctx.set_maximum_version(version);
      sctx.load_cert_chain(chain.chain_file(), BuiltChain::key_file());
      SSLContext cctx(PROTOCOL_TLS_CLIENT);
      cctx.load_verify_locations({.cadata = chain.root_pem()});
      HandshakeEnds ends = handshake_ends(cctx, sctx, "leaf.example");
      if (ku == kDigitalSignature) {
        CHECK(ends.client == "");
      } else {
        CHECK(ends.client.rfind(kRefused, 0) == 0);
        CHECK(ends.client.find("keyUsage lacks digitalSignature") != std::string::npos);
      }
    }
  }
}

TEST_CASE("keyUsage without digitalSignature: a server refuses the client's certificate") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    BuiltChain server_chain({xt::leaf_spec()});
    BuiltChain client_chain({leaf_with_key_usage(kKeyEnciphermentOnly)});
    SSLContext sctx(PROTOCOL_TLS_SERVER);
    sctx.set_maximum_version(version);
    sctx.load_cert_chain(server_chain.chain_file(), BuiltChain::key_file());
    sctx.set_verify_mode(CERT_REQUIRED);
    sctx.load_verify_locations({.cadata = client_chain.root_pem()});
    SSLContext cctx(PROTOCOL_TLS_CLIENT);
    cctx.load_verify_locations({.cadata = server_chain.root_pem()});
    cctx.load_cert_chain(client_chain.chain_file(), BuiltChain::key_file());
    HandshakeEnds ends = handshake_ends(cctx, sctx, "leaf.example");
    CHECK(ends.server.rfind(kRefused, 0) == 0);
    CHECK(ends.server.find("keyUsage lacks digitalSignature") != std::string::npos);
    CHECK(ends.client != "");
  }
}
