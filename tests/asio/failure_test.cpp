// tlsock::asio::stream failures: a TCP close without close_notify (stream_truncated), a
// handshake cancelled through the socket midway, a deadline on a silent peer, and a
// certificate that does not verify (the reason kept in last_error_message()).
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <thread>

#include "asio/asio_loopback.hpp"

namespace tlsock::testing {
namespace {

TEST_CASE("asio: the peer closing TCP without close_notify is stream_truncated") {
  // No session tickets: a client closing with unread tickets would send a TCP reset
  // (connection_reset), not the FIN this test is about.
  SSLContext server_ctx = server_context();
  server_ctx.set_num_tickets(0);
  StreamPair pair(client_context(), server_ctx);
  pair.handshake();
  pair.client.next_layer().close();
  boost::system::error_code read_ec;
  std::array<char, 16> buf{};
  pair.server.async_read_some(boost::asio::buffer(buf), [&](auto ec, size_t) { read_ec = ec; });
  pair.run();
  CHECK(read_ec == asio::error::stream_truncated);
  CHECK(read_ec.category().name() == std::string("tlsock"));
  CHECK(pair.server.last_error_message() == "EOF occurred in violation of protocol");
}

TEST_CASE("asio: a truncated handshake is stream_truncated too") {
  StreamPair pair;
  boost::system::error_code server_ec;
  pair.server.async_handshake(tls_stream::server, [&](auto ec) { server_ec = ec; });
  pair.client.next_layer().close();
  pair.run();
  CHECK(server_ec == asio::error::stream_truncated);
}

TEST_CASE("asio: cancelling the socket mid-handshake aborts the handshake") {
  StreamPair pair;
  boost::system::error_code client_ec;
  // The server side reads the ClientHello as plain TCP and then cancels the client, which is
  // waiting for the ServerHello.
  std::array<char, 4096> hello{};
  size_t hello_size = 0;
  pair.client.async_handshake(tls_stream::client, [&](auto ec) { client_ec = ec; });
  pair.server.next_layer().async_read_some(boost::asio::buffer(hello), [&](auto ec, size_t n) {
    REQUIRE_FALSE(ec);
    hello_size = n;
    pair.client.next_layer().cancel();
  });
  pair.run();
  CHECK(hello_size > 5);
  CHECK(hello[0] == 22);  // a handshake record (RFC 8446 §5.1)
  CHECK(client_ec == boost::asio::error::operation_aborted);
}

TEST_CASE("asio: a deadline on a silent peer (steady_timer + cancel)") {
  StreamPair pair;  // the server side never answers
  boost::system::error_code client_ec;
  boost::asio::steady_timer deadline(pair.io, std::chrono::milliseconds(200));
  deadline.async_wait([&](auto ec) {
    if (!ec) pair.client.next_layer().cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  pair.client.async_handshake(tls_stream::client, [&](auto ec) {
    client_ec = ec;
    deadline.cancel();
  });
  pair.run();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(client_ec == boost::asio::error::operation_aborted);
  CHECK(elapsed >= std::chrono::milliseconds(200));
  CHECK(elapsed < std::chrono::seconds(5));
}

TEST_CASE("asio: an untrusted server is certificate_verify_failed, with the reason kept") {
  SSLContext client_ctx(PROTOCOL_TLS_CLIENT);
  client_ctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  StreamPair pair(client_ctx);
  boost::system::error_code client_ec;
  boost::system::error_code server_ec;
  pair.client.async_handshake(tls_stream::client, [&](auto ec) { client_ec = ec; });
  pair.server.async_handshake(tls_stream::server, [&](auto ec) { server_ec = ec; });
  pair.run();
  CHECK(client_ec == asio::error::certificate_verify_failed);
  CHECK(client_ec.message() == "certificate verify failed");
  const std::string& message = pair.client.last_error_message();
  CHECK_MESSAGE(message.find("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                             "unable to get local issuer certificate") == 0,
                message);
  CHECK_THROWS_AS(std::rethrow_exception(pair.client.last_exception()), SSLCertVerificationError);
  // The server received the client's alert.
  CHECK(server_ec == asio::error::ssl_error);
  CHECK(!pair.server.last_error_message().empty());
}

TEST_CASE("asio: a name mismatch is certificate_verify_failed, the name in the message") {
  boost::asio::io_context io;
  auto [client_sock, server_sock] = tcp_pair(io);
  tls_stream client(std::move(client_sock), client_context(), {.server_hostname = "wrong.test"});
  tls_stream server(std::move(server_sock), server_context());
  boost::system::error_code client_ec;
  client.async_handshake(tls_stream::client, [&](auto ec) { client_ec = ec; });
  server.async_handshake(tls_stream::server, [](auto) {});
  io.run_for(kAsioTestTimeout);
  REQUIRE(io.stopped());
  CHECK(client_ec == asio::error::certificate_verify_failed);
  CHECK_MESSAGE(client.last_error_message().find("wrong.test") != std::string::npos,
                client.last_error_message());
}

TEST_CASE("asio: the synchronous calls throw boost::system::system_error") {
  SSLContext client_ctx(PROTOCOL_TLS_CLIENT);
  client_ctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  StreamPair pair(client_ctx);
  std::thread server([&] {
    boost::system::error_code ignored;
    pair.server.handshake(tls_stream::server, ignored);
  });
  try {
    pair.client.handshake(tls_stream::client);
    FAIL("the handshake succeeded");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == asio::error::certificate_verify_failed);
  }
  server.join();
}

}  // namespace
}  // namespace tlsock::testing
