// Contexts for the SSLObject / SSLSocket tests, over the engine's test certificates
// (vectors/engine: an ECDSA P-256 CA and a localhost leaf; see make_vectors.sh there).
#pragma once

#include <string>

#include "tlsock/ssl_context.hpp"

namespace tlsock::testing {

inline std::string engine_vector(const std::string& name) {
  return std::string(TLSOCK_VECTORS_DIR) + "/engine/" + name;
}

// A server with the P-256 localhost certificate (SAN localhost, example.test, 127.0.0.1).
inline SSLContext server_context() {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(engine_vector("server-p256.pem"), engine_vector("server-p256.key.pem"));
  return ctx;
}

// A client that trusts the test CA: CERT_REQUIRED and check_hostname, Python's defaults.
inline SSLContext client_context() {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cafile = engine_vector("ca.pem")});
  return ctx;
}

}  // namespace tlsock::testing
