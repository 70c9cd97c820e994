// The context's cache of verified certificate signatures (x509/signature_cache.hpp, issue 15):
// a client reconnecting to the same server verifies the chain's signatures once; a change to
// its trust store (load_verify_locations) makes it verify them again.
#include <doctest/doctest.h>

#include <future>

#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/ssl_socket.hpp"
#include "x509/signature_cache.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

// Certificate signatures the client verified in one handshake with `sctx`'s server.
uint64_t signatures_verified_by_handshake(SSLContext& cctx, SSLContext& sctx) {
  auto pair = connected_pair();
  auto server = std::async(std::launch::async, [&] {
    // The server asks for no client certificate: every verification counted is the client's.
    SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
    conn.sendall("x");
  });
  uint64_t before = x509::certificate_signatures_verified();
  SSLSocket s = cctx.wrap_socket(std::move(pair.client), {.server_hostname = "localhost"});
  uint64_t verified = x509::certificate_signatures_verified() - before;
  CHECK(s.recv(1) == "x");
  server.get();
  return verified;
}

}  // namespace

TEST_CASE("SSLContext: a reconnection verifies the chain's signatures from the cache") {
  SSLContext sctx = server_context();
  SSLContext cctx = client_context();
  CHECK(signatures_verified_by_handshake(cctx, sctx) == 1);  // leaf by the test CA
  CHECK(signatures_verified_by_handshake(cctx, sctx) == 0);
  CHECK(signatures_verified_by_handshake(cctx, sctx) == 0);
  // Another context has its own trust store, and so its own cache.
  SSLContext other = client_context();
  CHECK(signatures_verified_by_handshake(other, sctx) == 1);
  // A change to the trust store clears the cache.
  cctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  CHECK(signatures_verified_by_handshake(cctx, sctx) == 1);
  CHECK(signatures_verified_by_handshake(cctx, sctx) == 0);
}
