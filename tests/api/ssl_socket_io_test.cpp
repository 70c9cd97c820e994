// SSLSocket I/O details (Python's ssl docs, SSL Sockets): read/write timeouts (one deadline per
// call, TimeoutError texts), makefile() and sendfile() through the TLS layer, an IP-literal
// server_hostname, the key log, and a context that rules out every version the engine has.
#include <doctest/doctest.h>
#include <poll.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "api/tls_pair.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using tlsock::testing::client_context;
using tlsock::testing::server_context;
using tlsock::testing::tls_pair;
using tlsock::testing::TlsPair;

TEST_CASE("SSLSocket: read timeout ('The read operation timed out')") {
  TlsPair p = tls_pair();
  p.client.settimeout(0.3);
  tlsock::testing::Stopwatch watch;
  CHECK_THROWS_WITH_AS(p.client.recv(1024), "The read operation timed out", TimeoutError);
  CHECK(watch.seconds() >= 0.25);
  CHECK(watch.seconds() < 2.5);
  // The connection still works afterwards.
  p.server.sendall("late");
  CHECK(p.client.recv(1024) == "late");
}

TEST_CASE("SSLSocket: write timeout ('The write operation timed out')") {
  TlsPair p = tls_pair();
  p.client.settimeout(0.3);
  std::string chunk(1 << 20, 'x');
  tlsock::testing::Stopwatch watch;
  // The server never reads: the kernel buffers fill and a write has to wait.
  CHECK_THROWS_WITH_AS(
      [&] {
        for (int i = 0; i < 256; ++i) p.client.sendall(chunk);
      }(),
      "The write operation timed out", TimeoutError);
  CHECK(watch.seconds() < 10.0);
}

TEST_CASE("SSLSocket: makefile and sendfile go through TLS") {
  TlsPair p = tls_pair();
  {
    SocketFile f = p.client.makefile("rwb");
    f << "line one\n";
    f.flush();
    CHECK(p.server.recv(1024) == "line one\n");
    p.server.sendall("reply\n");
    std::string line;
    std::getline(f, line);
    CHECK(line == "reply");
  }
  char path[] = "/tmp/tlsock-sendfile-XXXXXX";
  int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  std::string content(50000, 'z');
  REQUIRE(::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
  ::lseek(fd, 0, SEEK_SET);
  CHECK(p.client.sendfile(fd) == content.size());
  ::close(fd);
  ::unlink(path);
  std::string got;
  while (got.size() < content.size()) got += p.server.recv(65536);
  CHECK(got == content);
}

TEST_CASE("SSLSocket: an IP literal server_hostname is matched against SAN IPs") {
  TlsPair p = tls_pair(client_context(), server_context(), {.server_hostname = "127.0.0.1"});
  CHECK(p.client.version() == "TLSv1.3");
  CHECK(p.server.server_hostname() == std::nullopt);
}

TEST_CASE("SSLSocket: keylog_filename gets the NSS lines of a handshake") {
  char path[] = "/tmp/tlsock-keylog-XXXXXX";
  int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  ::close(fd);
  SSLContext cctx = client_context();
  cctx.set_keylog_filename(std::string(path));
  TlsPair p = tls_pair(cctx);
  p.client.sendall("x");
  CHECK(p.server.recv(1) == "x");
  cctx.set_keylog_filename(std::nullopt);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ::unlink(path);
  CHECK(text.find("CLIENT_HANDSHAKE_TRAFFIC_SECRET ") != std::string::npos);
  CHECK(text.find("CLIENT_TRAFFIC_SECRET_0 ") != std::string::npos);
}

TEST_CASE("SSLSocket: getpeercert before the handshake; explicit do_handshake") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  auto server = std::async(std::launch::async, [&] {
    SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
    conn.sendall("hi");
  });
  SSLSocket s = client_context().wrap_socket(
      std::move(pair.client), {.do_handshake_on_connect = false, .server_hostname = "localhost"});
  CHECK_THROWS_WITH_AS(s.getpeercert(), "handshake not done yet", std::invalid_argument);
  CHECK_FALSE(s.version());
  // The first read handshakes implicitly.
  CHECK(s.recv(1024) == "hi");
  CHECK(s.version() == "TLSv1.3");
  server.get();
}

TEST_CASE("SSLSocket: test_version_basic / TLS 1.2 cipher names / 1.2 resumption") {
  SSLContext cctx = client_context();
  cctx.set_maximum_version(TLSVersion::TLSv1_2);
  SSLContext sctx = server_context();
  TlsPair p = tls_pair(cctx, sctx);
  CHECK(p.client.version() == "TLSv1.2");
  CHECK(p.server.version() == "TLSv1.2");
  auto cipher = p.client.cipher();
  REQUIRE(cipher);
  // An ECDSA certificate: OpenSSL's name for the ECDHE-ECDSA suite, defined by TLS 1.2.
  CHECK(cipher->name.rfind("ECDHE-ECDSA-", 0) == 0);
  CHECK(cipher->protocol == "TLSv1.2");
  auto cb = p.client.get_channel_binding();
  REQUIRE(cb);
  CHECK(cb->size() == 12);  // the client's Finished verify_data
  CHECK(p.server.get_channel_binding() == cb);
  p.client.sendall("v12");
  CHECK(p.server.recv(16) == "v12");
  std::optional<SSLSession> session = p.client.session();
  REQUIRE(session);
  TlsPair again = tls_pair(cctx, sctx, {.server_hostname = "localhost", .session = session});
  CHECK(again.client.session_reused() == true);
  CHECK(again.client.version() == "TLSv1.2");
}

TEST_CASE("SSLSocket: maximum below minimum leaves no protocol") {
  SSLContext cctx = client_context();
  cctx.set_options(cctx.options() | OP_NO_TLSv1_2 | OP_NO_TLSv1_3);
  auto pair = tlsock::testing::connected_pair();
  try {
    cctx.wrap_socket(std::move(pair.client), {.server_hostname = "localhost"});
    FAIL("no error");
  } catch (const SSLError& e) {
    CHECK(e.reason() == "NO_PROTOCOLS_AVAILABLE");
  }
}

TEST_CASE("SSLSocket: non-blocking write: SSLWantWriteError, then retry with the same data") {
  TlsPair p = tls_pair();
  p.client.setblocking(false);
  const std::string chunk(256 * 1024, 'a');
  size_t written = 0;
  bool wanted = false;
  for (int i = 0; i < 400 && !wanted; ++i) {
    try {
      written += p.client.write(chunk);
    } catch (const SSLWantWriteError&) {
      wanted = true;
    }
  }
  REQUIRE(wanted);
  // What was sealed before the Want error counts once: the retry does not seal it again.
  const size_t expected = written + chunk.size();
  auto reader = std::async(std::launch::async, [&] {
    size_t total = 0;
    while (total < expected) total += p.server.recv(1 << 16).size();
    return total;
  });
  bool done = false;
  for (int i = 0; i < 10000 && !done; ++i) {
    try {
      size_t n = p.client.write(chunk);  // outside CHECK: doctest would catch the Want error
      CHECK(n == chunk.size());
      done = true;
    } catch (const SSLWantWriteError&) {
      pollfd pfd{p.client.fileno(), POLLOUT, 0};
      REQUIRE(::poll(&pfd, 1, 10000) == 1);
    }
  }
  REQUIRE(done);
  CHECK(reader.get() == expected);
  p.server.settimeout(0.2);
  CHECK_THROWS_AS(p.server.recv(1), TimeoutError);  // nothing was sent twice
}

TEST_CASE("SSLSocket: move, detach and shutdown drop the TLS object") {
  TlsPair p = tls_pair();
  SSLSocket moved = std::move(p.client);
  CHECK(p.client.fileno() == -1);
  CHECK(moved.version() == "TLSv1.3");
  moved.sendall("m");
  CHECK(p.server.recv(1) == "m");
  p.server.shutdown(SHUT_RDWR);
  CHECK_FALSE(p.server.version());
  int fd = moved.detach();
  CHECK(fd >= 0);
  CHECK(moved.fileno() == -1);
  CHECK_FALSE(moved.version());
  ::close(fd);
}

TEST_CASE("SSLSocket: connect_ex, accept's server side, read into a buffer, context") {
  SSLContext sctx = server_context();
  SSLSocket listener = sctx.wrap_socket(tlsock::testing::make_listener(), {.server_side = true});
  auto server = std::async(std::launch::async, [&] {
    auto [conn, addr] = listener.accept();
    CHECK(conn.server_side());
    CHECK(conn.version() == "TLSv1.3");  // handshaken inside accept()
    CHECK(addr.host == "127.0.0.1");
    conn.settimeout(tlsock::testing::kTestTimeout);
    conn.sendall("from server");
    conn.recv(16);  // until the client goes
  });
  SSLContext cctx = client_context();
  SSLSocket s = cctx.wrap_socket(Socket(AF_INET, SOCK_STREAM), {.server_hostname = "localhost"});
  s.settimeout(tlsock::testing::kTestTimeout);
  CHECK(s.connect_ex(listener.getsockname()) == 0);
  CHECK(s.version() == "TLSv1.3");
  CHECK(s.context() == cctx);
  char buf[64];
  size_t n = s.read(MutableBuffer(buf, sizeof buf));
  CHECK(std::string(buf, n) == "from server");
  SSLContext other = client_context();
  s.set_context(other);
  CHECK(s.context() == other);
  s.close();
  server.get();
}
