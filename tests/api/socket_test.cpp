// tlsock::Socket over real loopback connections: Python socket semantics (modes, timeouts,
// errors, addresses) and the pieces test_ssl.py relies on (test_connect_ex_error,
// test_makefile_close, test_sendfile, non-blocking connect_ex).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "loopback.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

int errno_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::system_error& e) {
    return e.code().category() == std::generic_category() ? e.code().value() : -1;
  }
  return 0;
}

bool fd_is_open(int fd) { return fcntl(fd, F_GETFD) != -1 || errno != EBADF; }

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

}  // namespace

TEST_CASE("socket: send and recv between two loopback sockets, addresses match") {
  auto [client, server] = connected_pair();
  CHECK(client.send("hello") == 5);
  CHECK(server.recv(1024) == "hello");
  server.sendall(std::string("bin\0ary", 7));
  CHECK(client.recv(1024) == std::string("bin\0ary", 7));

  Address c_name = client.getsockname(), c_peer = client.getpeername();
  CHECK(c_name.host == "127.0.0.1");
  CHECK(c_peer == server.getsockname());
  CHECK(c_name == server.getpeername());
  CHECK(c_peer.port != 0);
  CHECK(client.family() == AF_INET);
  CHECK(client.type() == SOCK_STREAM);
}

TEST_CASE("socket: recv_into fills the first nbytes and checks its arguments") {
  auto [client, server] = connected_pair();
  client.sendall("abcdef");
  std::vector<std::byte> buf(10);
  size_t n = server.recv_into(buf, 3);
  CHECK(n == 3);
  CHECK(std::to_integer<char>(buf[0]) == 'a');
  char chars[16] = {};
  n = server.recv_into(chars);
  CHECK(std::string(chars, n) == "def");
  CHECK_THROWS_AS(server.recv_into(buf, 11), std::invalid_argument);
  CHECK_THROWS_AS(server.recv_into(buf, -1), std::invalid_argument);
  CHECK_THROWS_AS(server.recv(-1), std::invalid_argument);
}

TEST_CASE("socket: EOF reads as an empty string") {
  auto [client, server] = connected_pair();
  client.close();
  CHECK(server.recv(100) == "");
}

TEST_CASE("socket: test_connect_ex_error: a closed port gives ECONNREFUSED") {
  // Reserve a port without listening on it.
  Socket reserved(AF_INET);
  reserved.bind("127.0.0.1", 0);
  Address addr = reserved.getsockname();

  Socket s(AF_INET);
  int rc = s.connect_ex(addr);
  CHECK(rc == ECONNREFUSED);

  Socket t(AF_INET);
  t.settimeout(kTestTimeout);
  try {
    t.connect(addr);
    FAIL("connect to a closed port succeeded");
  } catch (const std::system_error& e) {
    CHECK(e.code() == std::errc::connection_refused);
    CHECK(std::string(e.what()).find(to_string(addr)) != std::string::npos);
  }
}

TEST_CASE("socket: non-blocking connect_ex returns 0 or EINPROGRESS, then completes") {
  Socket listener = make_listener();
  Socket s(AF_INET);
  s.setblocking(false);
  int rc = s.connect_ex(listener.getsockname());
  CHECK((rc == 0 || rc == EINPROGRESS));
  pollfd p{s.fileno(), POLLOUT, 0};
  REQUIRE(::poll(&p, 1, static_cast<int>(kTestTimeout * 1000)) == 1);
  CHECK(s.getsockopt(SOL_SOCKET, SO_ERROR) == 0);
  auto [conn, peer] = listener.accept();
  CHECK(peer == s.getsockname());
}

TEST_CASE("socket: timeout mode: recv with no data raises TimeoutError in time") {
  auto [client, server] = connected_pair();
  client.settimeout(0.2);
  Stopwatch clock;
  try {
    client.recv(10);
    FAIL("recv returned without data");
  } catch (const TimeoutError& e) {
    CHECK(std::string(e.what()) == "timed out");
    CHECK(e.code() == std::errc::timed_out);
  }
  CHECK(clock.seconds() >= 0.19);
  CHECK(clock.seconds() < 3.0);
  // The socket still works after a timeout.
  server.sendall("late");
  CHECK(client.recv(10) == "late");
}

TEST_CASE("socket: timeout mode: accept with no client raises TimeoutError") {
  Socket listener = make_listener();
  listener.settimeout(0.1);
  Stopwatch clock;
  CHECK_THROWS_AS(listener.accept(), TimeoutError);
  CHECK(clock.seconds() < 3.0);
}

TEST_CASE("socket: timeout mode: sendall has one deadline for the whole call") {
  auto [client, server] = connected_pair();
  // Small buffers so that the peer, which never reads, stops the transfer early.
  client.setsockopt(SOL_SOCKET, SO_SNDBUF, 4096);
  server.setsockopt(SOL_SOCKET, SO_RCVBUF, 4096);
  client.settimeout(0.3);
  std::string big(64 << 20, 'x');
  Stopwatch clock;
  CHECK_THROWS_AS(client.sendall(big), TimeoutError);
  CHECK(clock.seconds() < 5.0);
}

TEST_CASE("socket: non-blocking mode: recv and accept with nothing ready give EAGAIN") {
  auto [client, server] = connected_pair();
  client.setblocking(false);
  CHECK(client.gettimeout() == 0.0);
  CHECK_FALSE(client.getblocking());
  Stopwatch clock;
  CHECK(errno_of([&] { client.recv(10); }) == EAGAIN);
  CHECK(clock.seconds() < 1.0);

  Socket listener = make_listener();
  listener.setblocking(false);
  CHECK(errno_of([&] { listener.accept(); }) == EAGAIN);

  // Data that has arrived is returned at once.
  server.sendall("x");
  pollfd p{client.fileno(), POLLIN, 0};
  REQUIRE(::poll(&p, 1, static_cast<int>(kTestTimeout * 1000)) == 1);
  CHECK(client.recv(10) == "x");
}

TEST_CASE("socket: non-blocking send fills the buffer and then gives EAGAIN") {
  auto [client, server] = connected_pair();
  client.setblocking(false);
  std::string block(65536, 'y');
  int err = 0;
  for (int i = 0; i < 100000 && err == 0; ++i) {
    err = errno_of([&] { client.send(block); });
  }
  CHECK(err == EAGAIN);
}

TEST_CASE("socket: timeouts: modes, validation, SOCK_NONBLOCK") {
  Socket s(AF_INET);
  CHECK_FALSE(s.gettimeout().has_value());
  CHECK(s.getblocking());
  s.settimeout(2.5);
  CHECK(s.gettimeout() == 2.5);
  CHECK(s.getblocking());
  CHECK((fcntl(s.fileno(), F_GETFL) & O_NONBLOCK) != 0);
  s.setblocking(true);
  CHECK_FALSE(s.gettimeout().has_value());
  CHECK((fcntl(s.fileno(), F_GETFL) & O_NONBLOCK) == 0);
  CHECK_THROWS_AS(s.settimeout(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(s.settimeout(std::nan("")), std::invalid_argument);

  Socket nb(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
  CHECK(nb.gettimeout() == 0.0);
  CHECK(nb.type() == SOCK_STREAM);
}

namespace {

// Whether ::1 can be bound here (a container may have no IPv6); asked as the tests register.
bool ipv6_loopback_available() {
  try {
    make_listener(AF_INET6, "::1");
    return true;
  } catch (const std::system_error&) {
    return false;
  }
}

}  // namespace

TEST_CASE("socket: IPv6 loopback" * doctest::skip(!ipv6_loopback_available()) *
          doctest::description("::1 cannot be bound on this machine")) {
  Socket listener = make_listener(AF_INET6, "::1");
  Address where = listener.getsockname();
  CHECK(where.host == "::1");
  CHECK(to_string(where) == "[::1]:" + std::to_string(where.port));

  Socket client = create_connection("::1", where.port, kTestTimeout);
  CHECK(client.family() == AF_INET6);
  auto [server, peer] = listener.accept();
  CHECK(peer == client.getsockname());
  CHECK(client.getpeername() == server.getsockname());
  client.sendall("six");
  CHECK(server.recv(10) == "six");

  Socket direct(AF_INET6);
  direct.settimeout(kTestTimeout);
  direct.connect({"::1", where.port});
  auto [server2, peer2] = listener.accept();
  CHECK(peer2.host == "::1");
}

TEST_CASE("socket: makefile round trip; closing the file keeps the fd (test_makefile_close)") {
  auto [client, server] = connected_pair();
  std::thread echo([&server] {
    SocketFile f = server.makefile("rwb");
    std::string line;
    while (std::getline(f, line)) {
      for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      f << line << '\n' << std::flush;
    }
  });
  int fd = client.fileno();
  {
    SocketFile f = client.makefile("rw");
    CHECK(f.mode() == "rwb");
    f << "Hello World\n" << std::flush;
    std::string line;
    REQUIRE(std::getline(f, line));
    CHECK(line == "hello world");
    std::string big(100000, 'Q');
    f << big << '\n' << std::flush;
    REQUIRE(std::getline(f, line));
    CHECK(line == std::string(100000, 'q'));
    f.close();
    CHECK(f.closed());
  }
  CHECK(fd_is_open(fd));
  client.shutdown(SHUT_WR);
  echo.join();
  client.close();
  CHECK_FALSE(fd_is_open(fd));
}

TEST_CASE("socket: makefile modes") {
  auto [client, server] = connected_pair();
  CHECK_THROWS_AS(client.makefile("rx"), std::invalid_argument);
  CHECK(client.makefile().mode() == "rb");
  CHECK(client.makefile("b").mode() == "rb");
  CHECK(client.makefile("w").mode() == "wb");
  // A read-only file cannot write.
  SocketFile f = client.makefile("r");
  f << "x" << std::flush;
  CHECK(f.bad());
  // Moving the file keeps it working.
  SocketFile w = client.makefile("w");
  SocketFile moved = std::move(w);
  moved << "moved" << std::flush;
  CHECK(moved.good());
  CHECK(server.recv(10) == "moved");
}

TEST_CASE("socket: makefile reports a timeout as badbit, or throws when asked") {
  auto [client, server] = connected_pair();
  client.settimeout(0.1);
  SocketFile f = client.makefile("r");
  std::string line;
  CHECK_FALSE(std::getline(f, line));
  CHECK(f.bad());
  SocketFile g = client.makefile("r");
  g.exceptions(std::ios::badbit);
  CHECK_THROWS_AS(std::getline(g, line), TimeoutError);
}

TEST_CASE("socket: sendfile sends a file (FILE* and fd), honours offset and count") {
  std::string content = pattern(100000);
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  REQUIRE(std::fwrite(content.data(), 1, content.size(), file) == content.size());
  std::rewind(file);

  {
    auto [client, server] = connected_pair();
    CHECK(client.sendfile(file) == content.size());
    client.close();
    CHECK(recv_all(server) == content);
  }
  {
    auto [client, server] = connected_pair();
    CHECK(client.sendfile(file, 1000, 20000) == 20000);
    // Python leaves the file just after the last byte sent.
    CHECK(std::ftell(file) == 21000);
    client.close();
    CHECK(recv_all(server) == content.substr(1000, 20000));
  }
  {
    auto [client, server] = connected_pair();
    int fd = fileno(file);
    CHECK(client.sendfile(fd, 99000) == 1000);
    CHECK(::lseek(fd, 0, SEEK_CUR) == 100000);
    client.close();
    CHECK(recv_all(server) == content.substr(99000));
  }
  {
    auto [client, server] = connected_pair();
    CHECK_THROWS_AS(client.sendfile(file, 0, 0), std::invalid_argument);
    CHECK_THROWS_AS(client.sendfile(file, -1), std::invalid_argument);
    client.setblocking(false);
    CHECK_THROWS_AS(client.sendfile(file), std::invalid_argument);
  }
  std::fclose(file);
}

TEST_CASE("socket: shutdown(SHUT_WR) gives the peer EOF; the other direction still works") {
  auto [client, server] = connected_pair();
  client.sendall("last words");
  client.shutdown(SHUT_WR);
  CHECK(recv_all(server) == "last words");
  server.sendall("reply");
  CHECK(client.recv(10) == "reply");
  CHECK(errno_of([&] { client.send("more"); }) == EPIPE);  // and no SIGPIPE
}

TEST_CASE("socket: send to a peer that has gone raises, without SIGPIPE") {
  auto [client, server] = connected_pair();
  server.close();
  int err = 0;
  for (int i = 0; i < 100 && err == 0; ++i) err = errno_of([&] { client.send("x"); });
  CHECK((err == EPIPE || err == ECONNRESET));
}

TEST_CASE("socket: detach hands over the fd; Socket(fileno=fd) takes it back") {
  auto [client, server] = connected_pair();
  Address name = client.getsockname();
  int fd = client.detach();
  CHECK(client.fileno() == -1);
  CHECK(fd_is_open(fd));
  CHECK(errno_of([&] { client.send("x"); }) == EBADF);

  Socket again(-1, -1, -1, fd);
  CHECK(again.fileno() == fd);
  CHECK(again.family() == AF_INET);
  CHECK(again.type() == SOCK_STREAM);
  CHECK(again.getsockname() == name);
  again.sendall("adopted");
  CHECK(server.recv(10) == "adopted");

  // A non-blocking fd comes back in non-blocking mode.
  again.setblocking(false);
  Socket adopted(AF_INET, SOCK_STREAM, 0, again.detach());
  CHECK(adopted.gettimeout() == 0.0);
}

TEST_CASE("socket: a closed socket has fileno -1 and raises EBADF") {
  Socket s(AF_INET);
  s.close();
  s.close();  // twice is fine
  CHECK(s.fileno() == -1);
  CHECK(errno_of([&] { s.recv(1); }) == EBADF);
  CHECK(errno_of([&] { s.getsockname(); }) == EBADF);
  CHECK(errno_of([&] { s.settimeout(1.0); }) == EBADF);
  Socket moved_from(AF_INET);
  Socket target = std::move(moved_from);
  CHECK(moved_from.fileno() == -1);
  CHECK(target.fileno() >= 0);
}

TEST_CASE("socket: bind checks the port range and reports resolution errors") {
  Socket s(AF_INET);
  CHECK_THROWS_AS(s.bind("127.0.0.1", 70000), std::out_of_range);
  try {
    s.bind("::1", 0);  // an IPv6 literal for an IPv4 socket: no DNS involved
    FAIL("bind succeeded");
  } catch (const std::system_error& e) {
    CHECK(e.code().category() == gai_category());
  }
  s.bind("", 0);  // every interface
  CHECK(s.getsockname().host == "0.0.0.0");
  CHECK(s.getsockname().port != 0);
}

TEST_CASE("socket: getsockopt/setsockopt, int and bytes forms") {
  Socket s(AF_INET);
  s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  CHECK(s.getsockopt(SOL_SOCKET, SO_REUSEADDR) != 0);
  s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 0);
  CHECK(s.getsockopt(SOL_SOCKET, SO_REUSEADDR) == 0);
  CHECK(s.getsockopt(SOL_SOCKET, SO_TYPE, sizeof(int)).size() == sizeof(int));
  linger l{1, 0};
  s.setsockopt(SOL_SOCKET, SO_LINGER, ConstBuffer(&l, sizeof l));
  CHECK(s.getsockopt(SOL_SOCKET, SO_LINGER, sizeof(linger)).size() == sizeof(linger));
}

TEST_CASE("socket: create_connection connects, sets the timeout, binds the source") {
  Socket listener = make_listener();
  int port = listener.getsockname().port;
  Socket a = create_connection("127.0.0.1", port, 5.0);
  CHECK(a.gettimeout() == 5.0);
  auto [conn_a, peer_a] = listener.accept();
  CHECK(peer_a == a.getsockname());

  // "localhost" may resolve to several addresses; each is tried in turn.
  Socket b = create_connection("localhost", port, kTestTimeout, Address{"127.0.0.1", 0});
  CHECK(b.gettimeout() == kTestTimeout);
  CHECK(b.getsockname().host == "127.0.0.1");
  auto [conn_b, peer_b] = listener.accept();
  b.sendall("via create_connection");
  CHECK(conn_b.recv(100) == "via create_connection");
}

TEST_CASE("socket: create_connection to a closed port throws the connect error") {
  Socket reserved(AF_INET);
  reserved.bind("127.0.0.1", 0);
  int port = reserved.getsockname().port;
  CHECK(errno_of([&] { create_connection("127.0.0.1", port, kTestTimeout); }) == ECONNREFUSED);
}

TEST_CASE("socket: accept returns a blocking socket and the peer address") {
  Socket listener = make_listener();
  Socket client(AF_INET);
  client.connect(listener.getsockname());
  auto [conn, peer] = listener.accept();
  CHECK_FALSE(conn.gettimeout().has_value());
  CHECK((fcntl(conn.fileno(), F_GETFD) & FD_CLOEXEC) != 0);
  CHECK(peer.host == "127.0.0.1");
  CHECK(peer.port == client.getsockname().port);
}

// What SSLSocket will do: override the virtual I/O methods and read the transport with the
// protected raw_* calls. Here the "protocol" is ROT13: recv(), recv_into() and makefile() must
// all go through the override.
namespace {
class Rot13Socket : public Socket {
 public:
  explicit Rot13Socket(Socket&& s) : Socket(std::move(s)) {}
  size_t recv_into(MutableBuffer buffer, std::ptrdiff_t nbytes = 0, int flags = 0) override {
    if (nbytes == 0) nbytes = static_cast<std::ptrdiff_t>(buffer.size());
    Deadline deadline = make_deadline();
    std::optional<size_t> n = raw_recv_into(buffer.first(static_cast<size_t>(nbytes)), flags,
                                            deadline, "The read operation timed out");
    if (!n) throw SSLWantReadError();
    for (size_t i = 0; i < *n; ++i) buffer.data()[i] = rot13(buffer.data()[i]);
    return *n;
  }
  void sendall(ConstBuffer data, int flags = 0) override {
    std::string coded(data.chars());
    for (char& c : coded) c = static_cast<char>(rot13(static_cast<std::byte>(c)));
    Socket::sendall(coded, flags);
  }

 private:
  static std::byte rot13(std::byte b) {
    char c = static_cast<char>(b);
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    return static_cast<std::byte>(c);
  }
};
}  // namespace

TEST_CASE("socket: a derived class's recv_into/sendall carry recv() and makefile()") {
  auto [client, server] = connected_pair();
  Rot13Socket r(std::move(client));
  server.sendall("uryyb");
  CHECK(r.recv(5) == "hello");
  SocketFile f = r.makefile("rw");
  std::string line;
  server.sendall("jbeyq\n");
  REQUIRE(std::getline(f, line));
  CHECK(line == "world");
  f << "abc" << std::flush;
  CHECK(server.recv(3) == "nop");

  r.setblocking(false);
  CHECK_THROWS_AS(r.recv(10), SSLWantReadError);
  r.settimeout(0.05);
  try {
    r.recv(10);
    FAIL("no timeout");
  } catch (const TimeoutError& e) {
    CHECK(std::string(e.what()) == "The read operation timed out");
  }
}
