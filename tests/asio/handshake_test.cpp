// tlsock::asio::stream handshakes: both roles with each completion style (callbacks,
// use_awaitable, use_future, the synchronous calls), and the SSLObject's view of the result.
#include <boost/asio/use_future.hpp>

#include <future>
#include <thread>

#include "asio/asio_loopback.hpp"

namespace tlsock::testing {
namespace {

TEST_CASE("asio: handshake with callbacks, client and server roles, TLS 1.3 and ALPN") {
  SSLContext client_ctx = client_context();
  SSLContext server_ctx = server_context();
  client_ctx.set_alpn_protocols({"h2", "http/1.1"});
  server_ctx.set_alpn_protocols({"http/1.1"});
  StreamPair pair(client_ctx, server_ctx);
  pair.handshake();
  CHECK(pair.client.ssl_object().version() == "TLSv1.3");
  CHECK(pair.server.ssl_object().version() == "TLSv1.3");
  CHECK_FALSE(pair.client.ssl_object().server_side());
  CHECK(pair.server.ssl_object().server_side());
  CHECK(pair.client.ssl_object().selected_alpn_protocol() == "http/1.1");
  CHECK(pair.server.ssl_object().selected_alpn_protocol() == "http/1.1");
  REQUIRE(pair.client.ssl_object().getpeercert_der().has_value());
  CHECK(pair.client.ssl_object().cipher()->protocol == "TLSv1.3");
}

TEST_CASE("asio: handshake with use_awaitable over TLS 1.2") {
  SSLContext client_ctx = client_context();
  client_ctx.set_maximum_version(TLSVersion::TLSv1_2);
  StreamPair pair(client_ctx);
  bool done = false;
  pair.spawn([&]() -> boost::asio::awaitable<void> {
    co_await pair.client.async_handshake(tls_stream::client, boost::asio::use_awaitable);
    done = true;
  });
  pair.server.async_handshake(tls_stream::server, [](auto ec) { REQUIRE_FALSE(ec); });
  pair.run();
  CHECK(done);
  CHECK(pair.client.ssl_object().version() == "TLSv1.2");
  CHECK(pair.server.ssl_object().version() == "TLSv1.2");
}

TEST_CASE("asio: handshake with use_future while the io_context runs on another thread") {
  StreamPair pair;
  auto work = boost::asio::make_work_guard(pair.io);
  std::thread runner([&] { pair.io.run_for(kAsioTestTimeout); });
  std::future<void> client = pair.client.async_handshake(tls_stream::client, boost::asio::use_future);
  std::future<void> server = pair.server.async_handshake(tls_stream::server, boost::asio::use_future);
  const bool ready = client.wait_for(kAsioTestTimeout) == std::future_status::ready &&
                     server.wait_for(kAsioTestTimeout) == std::future_status::ready;
  work.reset();
  runner.join();
  REQUIRE(ready);
  CHECK_NOTHROW(client.get());
  CHECK_NOTHROW(server.get());
  CHECK(pair.client.ssl_object().version() == "TLSv1.3");
}

TEST_CASE("asio: synchronous handshake, write_some and read_some, the server on a thread") {
  StreamPair pair;
  std::string received(5, '\0');
  std::thread server([&] {
    pair.server.handshake(tls_stream::server);
    boost::asio::read(pair.server, boost::asio::buffer(received));
    boost::asio::write(pair.server, boost::asio::buffer(std::string("world")));
  });
  pair.client.handshake(tls_stream::client);
  boost::asio::write(pair.client, boost::asio::buffer(std::string("hello")));
  std::string reply(5, '\0');
  boost::asio::read(pair.client, boost::asio::buffer(reply));
  server.join();
  CHECK(received == "hello");
  CHECK(reply == "world");
}

}  // namespace
}  // namespace tlsock::testing
