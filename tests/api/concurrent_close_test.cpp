// close() and shutdown() from one thread while another is blocked in recv() on the same socket
// (the usual way to stop a reader thread): the reader wakes with an OSError-like exception
// (std::system_error: EBADF after close(), ENOTCONN when an SSLSocket's TLS object was dropped
// by shutdown()), and no call ever uses a descriptor number that was closed and reused.
// Python leaves this to the platform (a reader blocked on Linux is not woken by close());
// include/tlsock/socket.hpp says what tlsock does. The ThreadSanitizer build runs these too.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "api/loopback.hpp"
#include "api/tls_pair.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using tlsock::testing::connected_pair;
using tlsock::testing::tls_pair;
using tlsock::testing::TlsPair;

namespace {

// Long enough for the reader to be inside its blocking call, on a loaded machine too.
constexpr auto kReaderSettles = std::chrono::milliseconds(200);
// How long a woken reader may take to return.
constexpr auto kWakeBound = std::chrono::seconds(5);

// What a reader raised: its errno, or nullopt when it returned (the string it got in `data`).
struct ReaderEnd {
  std::optional<int> error;
  std::string data;
};

// What `call` returned once it ended. When it is still blocked kWakeBound from now, `unblock`
// (the peer closes) ends it and the test fails: `what` was not woken.
template <typename T>
T woken(std::future<T>& call, const std::function<void()>& unblock, const char* what) {
  if (call.wait_for(kWakeBound) != std::future_status::ready) {
    unblock();
    call.wait();
    FAIL(what << " was not woken by the other thread's call");
  }
  return call.get();
}

// Runs `read` on another thread, lets it block, then calls `stop` on this one, and returns
// how the reader ended (see woken()).
ReaderEnd stop_blocked_reader(const std::function<std::string()>& read,
                              const std::function<void()>& stop,
                              const std::function<void()>& unblock) {
  auto reader = std::async(std::launch::async, [&]() -> ReaderEnd {
    try {
      return {std::nullopt, read()};
    } catch (const std::system_error& e) {
      return {e.code().value(), e.what()};
    }
  });
  std::this_thread::sleep_for(kReaderSettles);
  tlsock::testing::Stopwatch watch;
  stop();
  ReaderEnd end = woken(reader, unblock, "the reader");
  CHECK(watch.seconds() < 2.0);
  return end;
}

}  // namespace

TEST_CASE("socket: close() from another thread wakes a blocked recv() with EBADF") {
  for (std::optional<double> timeout : {std::optional<double>(), std::optional<double>(10.0)}) {
    CAPTURE(timeout.value_or(-1));
    auto pair = connected_pair();
    pair.client.settimeout(timeout);  // None: recv() itself blocks; 10 s: poll() does
    ReaderEnd end = stop_blocked_reader([&] { return pair.client.recv(100); },
                                        [&] { pair.client.close(); },
                                        [&] { pair.server.close(); });
    CHECK(end.error == EBADF);
    CHECK(pair.client.fileno() == -1);
    // The peer sees the connection end.
    CHECK(pair.server.recv(100).empty());
  }
}

TEST_CASE("socket: a descriptor opened after close() is never read by the woken call") {
  auto pair = connected_pair();
  pair.client.settimeout(std::nullopt);
  int reopened = -1;
  ReaderEnd end = stop_blocked_reader(
      [&] { return pair.client.recv(100); },
      [&] {
        pair.client.close();
        // The lowest free number: the old fd's, were it already closed while the reader uses it.
        reopened = ::open("/dev/zero", O_RDONLY | O_CLOEXEC);
      },
      [&] { pair.server.close(); });
  REQUIRE(reopened >= 0);
  CHECK(end.error == EBADF);  // not the zeros of /dev/zero
  ::close(reopened);
}

TEST_CASE("socket: shutdown(SHUT_RDWR) from another thread ends a blocked recv() at EOF") {
  auto pair = connected_pair();
  pair.client.settimeout(std::nullopt);
  ReaderEnd end = stop_blocked_reader([&] { return pair.client.recv(100); },
                                      [&] { pair.client.shutdown(SHUT_RDWR); },
                                      [&] { pair.server.close(); });
  // A plain socket keeps the system's (and Python's) meaning: the read side is at EOF.
  CHECK_FALSE(end.error);
  CHECK(end.data.empty());
  CHECK(pair.client.fileno() >= 0);
}

TEST_CASE("SSLSocket: close() from another thread wakes a blocked recv() with EBADF") {
  for (std::optional<double> timeout : {std::optional<double>(), std::optional<double>(10.0)}) {
    CAPTURE(timeout.value_or(-1));
    TlsPair p = tls_pair();
    p.client.settimeout(timeout);
    ReaderEnd end = stop_blocked_reader([&] { return p.client.recv(100); },
                                        [&] { p.client.close(); },
                                        [&] { p.server.close(); });
    CHECK(end.error == EBADF);
    CHECK(p.client.fileno() == -1);
    CHECK_FALSE(p.client.version());  // no TLS object any more
    CHECK_THROWS_AS(p.client.read(), std::invalid_argument);
  }
}

TEST_CASE("SSLSocket: shutdown() from another thread wakes a blocked recv() with ENOTCONN") {
  TlsPair p = tls_pair();
  p.client.settimeout(std::nullopt);
  // Not "" as for the peer's close_notify: the data stopped because this side stopped it.
  ReaderEnd end = stop_blocked_reader([&] { return p.client.recv(100); },
                                      [&] { p.client.shutdown(SHUT_RDWR); },
                                      [&] { p.server.close(); });
  CHECK(end.error == ENOTCONN);
  CHECK(p.client.fileno() >= 0);
}

TEST_CASE("SSLSocket: a writer and a reader stopped by close() both end with EBADF") {
  TlsPair p = tls_pair();
  p.client.settimeout(std::nullopt);
  // The server never reads, so the writer blocks once the kernel buffers are full.
  auto writer = std::async(std::launch::async, [&]() -> std::optional<int> {
    std::string chunk(1 << 16, 'x');
    try {
      for (int i = 0; i < 4096; ++i) p.client.sendall(chunk);
    } catch (const std::system_error& e) {
      return e.code().value();
    }
    return std::nullopt;
  });
  ReaderEnd end = stop_blocked_reader([&] { return p.client.recv(100); },
                                      [&] { p.client.close(); },
                                      [&] { p.server.close(); });
  CHECK(end.error == EBADF);
  std::optional<int> written = woken(writer, [&] { p.server.close(); }, "the writer");
  CAPTURE(written.value_or(0));
  CHECK(written == EBADF);
}

TEST_CASE("SSLSocket: close() racing recv() and queries, many times (for ThreadSanitizer)") {
  for (int round = 0; round < 20; ++round) {
    TlsPair p = tls_pair();
    p.client.settimeout(tlsock::testing::kTestTimeout);
    std::promise<void> started;
    auto reader = std::async(std::launch::async, [&]() -> std::optional<int> {
      started.set_value();
      try {
        for (;;) {
          p.client.recv(100);
          (void)p.client.version();
          (void)p.client.pending();
        }
      } catch (const std::system_error& e) {
        return e.code().value();
      } catch (const std::invalid_argument&) {
        return std::nullopt;  // started after close(): "Read on closed or unwrapped SSL socket."
      }
    });
    started.get_future().wait();
    p.server.sendall(std::string(static_cast<size_t>(round) * 100, 'y'));
    std::this_thread::sleep_for(std::chrono::milliseconds(round % 4));
    p.client.close();
    std::optional<int> error = woken(reader, [&] { p.server.close(); }, "the reader");
    CAPTURE(error.value_or(0));
    CHECK((!error || *error == EBADF));
  }
}
