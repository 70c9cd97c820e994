// tlsock::asio::stream shutdown: close_notify both ways, started by either side; the other
// side's read sees boost::asio::error::eof (the peer's close_notify) and answers with its own.
#include <thread>

#include "asio/asio_loopback.hpp"

namespace tlsock::testing {
namespace {

// `closer` shuts down first; `other` reads until eof, then shuts down in turn.
void shutdown_started_by(StreamPair& pair, tls_stream& closer, tls_stream& other) {
  boost::system::error_code closer_ec = asio::error::ssl_error;
  boost::system::error_code read_ec;
  boost::system::error_code other_ec = asio::error::ssl_error;
  char byte = 0;
  closer.async_shutdown([&](auto ec) { closer_ec = ec; });
  other.async_read_some(boost::asio::buffer(&byte, 1), [&](auto ec, size_t n) {
    read_ec = ec;
    CHECK(n == 0);
    other.async_shutdown([&](auto ec2) { other_ec = ec2; });
  });
  pair.run();
  CHECK(read_ec == boost::asio::error::eof);
  CHECK_MESSAGE(!closer_ec, closer_ec.message() << ": " << closer.last_error_message());
  CHECK_MESSAGE(!other_ec, other_ec.message() << ": " << other.last_error_message());
}

TEST_CASE("asio: shutdown started by the client") {
  StreamPair pair;
  pair.handshake();
  shutdown_started_by(pair, pair.client, pair.server);
}

TEST_CASE("asio: shutdown started by the server, after data both ways") {
  StreamPair pair;
  pair.handshake();
  boost::asio::write(pair.client, boost::asio::buffer(std::string("ping")));
  std::string got(4, '\0');
  boost::asio::read(pair.server, boost::asio::buffer(got));
  CHECK(got == "ping");
  shutdown_started_by(pair, pair.server, pair.client);
}

TEST_CASE("asio: synchronous shutdown both ways, the peer on a thread") {
  StreamPair pair;
  pair.handshake();
  boost::system::error_code read_ec;
  boost::system::error_code server_ec = asio::error::ssl_error;
  std::thread server([&] {
    char byte = 0;
    pair.server.read_some(boost::asio::buffer(&byte, 1), read_ec);
    pair.server.shutdown(server_ec);
  });
  boost::system::error_code client_ec = asio::error::ssl_error;
  pair.client.shutdown(client_ec);
  server.join();
  CHECK(read_ec == boost::asio::error::eof);
  CHECK_FALSE(server_ec);
  CHECK_FALSE(client_ec);
}

}  // namespace
}  // namespace tlsock::testing
