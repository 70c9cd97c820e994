// Helpers for the tlsock::asio tests: a connected pair of TCP sockets on 127.0.0.1 (port from
// bind(0)) wrapped in client and server streams over the engine's test certificates, and a
// bounded run of the io_context so that a broken operation fails the test instead of hanging.
#pragma once

#include <doctest/doctest.h>

#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange without it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <exception>

#include "api/tls_contexts.hpp"
#include "tlsock/asio.hpp"

namespace tlsock::testing {

using tcp = boost::asio::ip::tcp;
using tls_stream = tlsock::asio::stream<tcp::socket>;

inline constexpr std::chrono::seconds kAsioTestTimeout{20};

// A client socket connected to a fresh listener, and the accepted server side.
inline std::pair<tcp::socket, tcp::socket> tcp_pair(boost::asio::io_context& io) {
  tcp::acceptor acceptor(io, {boost::asio::ip::address_v4::loopback(), 0});
  tcp::socket client(io);
  client.connect(acceptor.local_endpoint());
  tcp::socket server(io);
  acceptor.accept(server);
  return {std::move(client), std::move(server)};
}

struct StreamPair {
  boost::asio::io_context io;

 private:
  std::pair<tcp::socket, tcp::socket> sockets_ = tcp_pair(io);  // moved into the streams

 public:
  tls_stream client;
  tls_stream server;
  std::exception_ptr failure;

  explicit StreamPair(SSLContext client_ctx = client_context(),
                      SSLContext server_ctx = server_context())
      : client(std::move(sockets_.first), std::move(client_ctx), {.server_hostname = "localhost"}),
        server(std::move(sockets_.second), std::move(server_ctx)) {}

  // Runs the io_context until it has no work left; fails if that takes longer than the bound.
  void run() {
    io.restart();
    io.run_for(kAsioTestTimeout);
    REQUIRE_MESSAGE(io.stopped(), "the operations did not finish within the test bound");
    if (failure) std::rethrow_exception(std::exchange(failure, nullptr));
  }

  // Starts a coroutine whose exception (a failed REQUIRE included) run() rethrows.
  template <typename Awaitable>
  void spawn(Awaitable&& coroutine) {
    boost::asio::co_spawn(io, std::forward<Awaitable>(coroutine), [this](std::exception_ptr e) {
      if (e && !failure) failure = e;
    });
  }

  // Both handshakes, concurrently on the io_context.
  void handshake() {
    boost::system::error_code client_ec = tlsock::asio::error::ssl_error;
    boost::system::error_code server_ec = tlsock::asio::error::ssl_error;
    client.async_handshake(tls_stream::client, [&](auto ec) { client_ec = ec; });
    server.async_handshake(tls_stream::server, [&](auto ec) { server_ec = ec; });
    run();
    REQUIRE_MESSAGE(!client_ec, client_ec.message() << ": " << client.last_error_message());
    REQUIRE_MESSAGE(!server_ec, server_ec.message() << ": " << server.last_error_message());
  }
};

}  // namespace tlsock::testing
