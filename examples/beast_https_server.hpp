// The HTTPS/1.1 server of beast_https_server.cpp, generic in its TLS stream so that
// bench/compare/beast_openssl_server.cpp runs the very same server over boost::asio::ssl
// (OpenSSL) for the comparison benchmark: C++20 coroutines on one io_context, one coroutine
// per connection, keep-alive, idle timeouts from beast::tcp_stream.
#pragma once

#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange without it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

namespace beast_https_server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

struct Stats {
  long open = 0;         // connections being served now
  long connections = 0;  // connections accepted
  long handshakes = 0;   // TLS handshakes completed
  long requests = 0;     // responses sent
};

inline http::response<http::string_body> respond(const http::request<http::string_body>& request) {
  const bool known = request.method() == http::verb::get || request.method() == http::verb::head;
  http::response<http::string_body> response{known ? http::status::ok : http::status::method_not_allowed,
                                             request.version()};
  response.set(http::field::server, "tlsock beast_https_server");
  response.set(http::field::content_type, "text/plain");
  response.keep_alive(request.keep_alive());
  if (known) response.body() = "hello from tlsock: " + std::string(request.target()) + "\n";
  response.prepare_payload();
  if (request.method() == http::verb::head) response.body().clear();
  return response;
}

// TlsStream: tlsock::asio::stream<beast::tcp_stream> or boost::asio::ssl::stream<beast::tcp_stream>.
template <class TlsStream>
net::awaitable<void> serve(TlsStream stream, Stats& stats) {
  ++stats.open;
  ++stats.connections;
  struct Closed {
    Stats& stats;
    ~Closed() { --stats.open; }
  } closed{stats};
  boost::system::error_code ec;
  auto with_ec = net::redirect_error(net::use_awaitable, ec);

  beast::get_lowest_layer(stream).expires_after(10s);
  co_await stream.async_handshake(TlsStream::server, with_ec);
  if (ec) co_return;  // the socket closes with the stream
  ++stats.handshakes;

  beast::flat_buffer buffer;
  bool keep_alive = true;
  while (keep_alive) {
    http::request<http::string_body> request;
    beast::get_lowest_layer(stream).expires_after(30s);  // idle keep-alive connections end
    co_await http::async_read(stream, buffer, request, with_ec);
    if (ec) break;
    http::response<http::string_body> response = respond(request);
    keep_alive = response.keep_alive();
    co_await http::async_write(stream, response, with_ec);
    if (ec) break;
    ++stats.requests;
  }
  // Our close_notify, after the client's (end_of_stream) or when we close: never after a
  // truncation or a timeout, where the client is gone.
  if (!keep_alive || ec == http::error::end_of_stream) {
    beast::get_lowest_layer(stream).expires_after(5s);
    co_await stream.async_shutdown(with_ec);
  }
}

template <class TlsStream, class Context>
net::awaitable<void> listen(tcp::acceptor& acceptor, Context& context, Stats& stats) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE: drop this one, keep serving
    net::co_spawn(acceptor.get_executor(),
                  serve(TlsStream(beast::tcp_stream(std::move(socket)), context), stats), net::detached);
  }
}

// The whole program: `NAME CERT KEY PORT`. make_context(cert, key) returns the server's TLS
// context (for TlsStream's constructor). Serves on 127.0.0.1:PORT (0: the system picks one;
// "port N" is printed) until SIGINT or SIGTERM, then prints what it served and how many
// connections were still open. Returns main's exit status.
template <class TlsStream, class MakeContext>
int server_main(int argc, char** argv, const char* name, MakeContext make_context) {
  if (argc != 4) {
    std::cerr << "usage: " << name << " CERT KEY PORT\n";
    return 2;
  }
  try {
    auto context = make_context(argv[1], argv[2]);
    net::io_context io;
    tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"),
                                static_cast<unsigned short>(std::atoi(argv[3]))});
    std::cout << "port " << acceptor.local_endpoint().port() << std::endl;

    Stats stats;
    net::co_spawn(io, listen<TlsStream>(acceptor, context, stats), net::detached);
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) {
      acceptor.close();
      std::cout << "connections " << stats.connections << ", handshakes " << stats.handshakes
                << ", requests " << stats.requests << "\nopen connections: " << stats.open
                << std::endl;
      io.stop();
    });
    io.run();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace beast_https_server
