// An HTTPS/1.1 server on Boost.Beast over tlsock::asio::stream: C++20 coroutines on one
// io_context, one coroutine per connection, keep-alive, idle timeouts from beast::tcp_stream.
//   beast_https_server CERT KEY PORT      (PORT 0: the system picks one; "port N" is printed)
// SIGINT or SIGTERM stops it; it then prints what it served and how many connections were
// still open ("open connections: 0" once every client has gone).
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
#include <tlsock/asio.hpp>
#include <tlsock/tlsock.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using tls_stream = tlsock::asio::stream<beast::tcp_stream>;
using namespace std::chrono_literals;

struct Stats {
  long open = 0;         // connections being served now
  long connections = 0;  // connections accepted
  long handshakes = 0;   // TLS handshakes completed
  long requests = 0;     // responses sent
};

http::response<http::string_body> respond(const http::request<http::string_body>& request) {
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

net::awaitable<void> serve(tls_stream stream, Stats& stats) {
  ++stats.open;
  ++stats.connections;
  struct Closed {
    Stats& stats;
    ~Closed() { --stats.open; }
  } closed{stats};
  boost::system::error_code ec;
  auto with_ec = net::redirect_error(net::use_awaitable, ec);

  beast::get_lowest_layer(stream).expires_after(10s);
  co_await stream.async_handshake(tls_stream::server, with_ec);
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

net::awaitable<void> listen(tcp::acceptor& acceptor, tlsock::SSLContext context, Stats& stats) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE: drop this one, keep serving
    net::co_spawn(acceptor.get_executor(),
                  serve(tls_stream(beast::tcp_stream(std::move(socket)), context), stats),
                  net::detached);
  }
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: beast_https_server CERT KEY PORT\n";
    return 2;
  }
  try {
    tlsock::SSLContext context(tlsock::PROTOCOL_TLS_SERVER);
    context.load_cert_chain(argv[1], std::string(argv[2]));
    context.set_alpn_protocols({"http/1.1"});

    net::io_context io;
    tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"),
                                static_cast<unsigned short>(std::atoi(argv[3]))});
    std::cout << "port " << acceptor.local_endpoint().port() << std::endl;

    Stats stats;
    net::co_spawn(io, listen(acceptor, context, stats), net::detached);
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
