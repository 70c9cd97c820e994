// A handshaken SSLSocket pair over loopback, for the api tests: the server is wrapped on
// another thread (its handshake runs inside wrap_socket, as the socket is already connected).
// Both sockets keep connected_pair()'s timeout.
#pragma once

#include <future>
#include <utility>

#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock::testing {

struct TlsPair {
  SSLSocket client;
  SSLSocket server;
};

inline TlsPair tls_pair(SSLContext cctx = client_context(), SSLContext sctx = server_context(),
                        WrapSocketOptions copts = {.server_hostname = "localhost"}) {
  auto pair = connected_pair();
  auto server = std::async(std::launch::async, [&] {
    return sctx.wrap_socket(std::move(pair.server), {.server_side = true});
  });
  SSLSocket client = cctx.wrap_socket(std::move(pair.client), copts);
  return {std::move(client), server.get()};
}

}  // namespace tlsock::testing
