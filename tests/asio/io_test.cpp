// tlsock::asio::stream reads and writes: every size from 1 byte to 1 MiB through a coroutine
// echo, a read and a write outstanding at once in both directions, and zero-length operations.
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <string>
#include <vector>

#include "asio/asio_loopback.hpp"

namespace tlsock::testing {
namespace {

std::string pattern(size_t size, char seed) {
  std::string data(size, '\0');
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>(seed + i * 7 + i / 251);
  return data;
}

TEST_CASE("asio: echo of every size from 1 byte to 1 MiB with use_awaitable") {
  const std::vector<size_t> sizes = {1,     2,     15,     16,     255,    1024,   16383,
                                     16384, 16385, 32768,  65535,  65536,  65537,  100000,
                                     262144, 524289, 1 << 20};
  StreamPair pair;
  pair.handshake();
  std::vector<std::string> echoed;
  pair.spawn([&]() -> boost::asio::awaitable<void> {
    for (size_t size : sizes) {
      std::string data(size, '\0');
      co_await boost::asio::async_read(pair.server, boost::asio::buffer(data),
                                       boost::asio::use_awaitable);
      co_await boost::asio::async_write(pair.server, boost::asio::buffer(data),
                                        boost::asio::use_awaitable);
    }
  });
  pair.spawn([&]() -> boost::asio::awaitable<void> {
    for (size_t size : sizes) {
      const std::string data = pattern(size, static_cast<char>(size));
      co_await boost::asio::async_write(pair.client, boost::asio::buffer(data),
                                        boost::asio::use_awaitable);
      std::string back(size, '\0');
      const size_t n = co_await boost::asio::async_read(pair.client, boost::asio::buffer(back),
                                                        boost::asio::use_awaitable);
      CHECK(n == size);
      echoed.push_back(back == data ? "ok" : "differs at size " + std::to_string(size));
    }
  });
  pair.run();
  REQUIRE(echoed.size() == sizes.size());
  for (const std::string& result : echoed) CHECK(result == "ok");
}

TEST_CASE("asio: both sides write 1 MiB while reading 1 MiB (a read and a write outstanding)") {
  const std::string client_data = pattern(1 << 20, 'a');
  const std::string server_data = pattern(1 << 20, 'z');
  StreamPair pair;
  pair.handshake();
  std::string client_got(server_data.size(), '\0');
  std::string server_got(client_data.size(), '\0');
  int completed = 0;
  auto count = [&](boost::system::error_code ec, size_t n) {
    CHECK_MESSAGE(!ec, ec.message());
    CHECK(n == (1u << 20));
    ++completed;
  };
  boost::asio::async_write(pair.client, boost::asio::buffer(client_data), count);
  boost::asio::async_write(pair.server, boost::asio::buffer(server_data), count);
  boost::asio::async_read(pair.client, boost::asio::buffer(client_got), count);
  boost::asio::async_read(pair.server, boost::asio::buffer(server_got), count);
  pair.run();
  CHECK(completed == 4);
  CHECK(client_got == server_data);
  CHECK(server_got == client_data);
}

TEST_CASE("asio: zero-length reads and writes complete with 0, never inside the initiating call") {
  StreamPair pair;
  pair.handshake();
  int completed = 0;
  bool initiating = true;
  auto zero = [&](boost::system::error_code ec, size_t n) {
    CHECK_FALSE(initiating);
    CHECK_FALSE(ec);
    CHECK(n == 0);
    ++completed;
  };
  pair.client.async_read_some(boost::asio::mutable_buffer(), zero);
  pair.client.async_write_some(boost::asio::const_buffer(), zero);
  initiating = false;
  pair.run();
  CHECK(completed == 2);
}

}  // namespace
}  // namespace tlsock::testing
