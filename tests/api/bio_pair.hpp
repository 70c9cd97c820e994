// Two SSLObjects (client, server) over MemoryBIOs, bytes moved by hand: a TLS connection
// without sockets for the api tests.
#pragma once

#include <doctest/doctest.h>

#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_object.hpp"

namespace tlsock::testing {

struct BioPair {
  MemoryBIO c_in, c_out, s_in, s_out;
  SSLObject client;
  SSLObject server;

  BioPair(SSLContext cctx, SSLContext sctx, WrapBioOptions copts = {.server_hostname = "localhost"})
      : client(cctx.wrap_bio(c_in, c_out, copts)),
        server(sctx.wrap_bio(s_in, s_out, {.server_side = true})) {}

  // Moves what each side wrote to the other.
  void transfer() {
    s_in.write(c_out.read());
    c_in.write(s_out.read());
  }

  // Python's loop: call op on each side until neither wants to read any more. What a side
  // raises reaches the caller.
  void handshake() {
    bool done = try_handshake();
    REQUIRE(done);
  }

  // handshake() without assertions, for worker threads: whether both sides finished.
  bool try_handshake() {
    bool c_done = false, s_done = false;
    auto step = [this](SSLObject& side, bool& done) {
      if (!done) {
        try {
          side.do_handshake();
          done = true;
        } catch (const SSLWantReadError&) {
        }
      }
      transfer();
    };
    for (int i = 0; i < 20 && !(c_done && s_done); ++i) {
      step(client, c_done);
      step(server, s_done);
    }
    return c_done && s_done;
  }

  // Expects the server to refuse the client's first flight: what the server raised (its
  // alert is then in the client's BIO).
  SSLError server_refusal() {
    CHECK_THROWS_AS(client.do_handshake(), SSLWantReadError);
    transfer();
    try {
      server.do_handshake();
    } catch (const SSLError& e) {
      transfer();
      return e;
    }
    FAIL("the server's handshake did not fail");
    return SSLError("unreachable");
  }

  // Expects the client's handshake to fail now: what it raised.
  SSLError client_failure() {
    try {
      client.do_handshake();
    } catch (const SSLError& e) {
      return e;
    }
    FAIL("the client's handshake did not fail");
    return SSLError("unreachable");
  }
};

}  // namespace tlsock::testing
