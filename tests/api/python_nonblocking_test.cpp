// Ports of CPython's Lib/test/test_ssl.py tests of non-blocking and timeout modes, and of the
// concurrent send/recv test (each TEST_CASE named after its test; test_thread_recv_while_main_
// thread_sends from 3.13). Waits use poll() on the fd (Python's select), never sleeps.
#include <doctest/doctest.h>
#include <poll.h>

#include <cerrno>
#include <future>
#include <string>

#include "api/loopback.hpp"
#include "api/python_echo_server.hpp"
#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

// Python's select.select() on one socket for reading or writing, bounded by the test timeout.
void wait_for(const Socket& s, short events) {
  pollfd p{s.fileno(), events, 0};
  REQUIRE(::poll(&p, 1, static_cast<int>(kTestTimeout * 1000)) == 1);
}

// Python's loop: do_handshake() until it returns, waiting for what each Want error asks for.
void nonblocking_handshake(SSLSocket& s) {
  for (int count = 1; count < 1000; ++count) {
    try {
      s.do_handshake();
      return;
    } catch (const SSLWantReadError&) {
      wait_for(s, POLLIN);
    } catch (const SSLWantWriteError&) {
      wait_for(s, POLLOUT);
    }
  }
  FAIL("the handshake never finished");
}

}  // namespace

TEST_CASE("test_non_blocking_connect_ex") {
  // CPython issue #11326: a non-blocking connect_ex() lets the handshake proceed once the socket is
  // ready.
  PythonEchoServer server(server_context());
  SSLSocket s = client_context().wrap_socket(
      Socket(AF_INET, SOCK_STREAM),
      {.do_handshake_on_connect = false, .server_hostname = "localhost"});
  s.setblocking(false);
  int rc = s.connect_ex(server.address());
  CHECK((rc == 0 || rc == EINPROGRESS || rc == EWOULDBLOCK));
  wait_for(s, POLLOUT);  // the connect finished
  // (No bound on the number of calls: on a loaded machine the server's flight may already be
  // there when the first call reads.)
  nonblocking_handshake(s);
  CHECK(s.version() == "TLSv1.3");
  auto cert = s.getpeercert();
  REQUIRE(cert);
  CHECK_FALSE(cert->empty());
}

TEST_CASE("test_non_blocking_handshake") {
  PythonEchoServer server(server_context());
  Socket raw(AF_INET, SOCK_STREAM);
  raw.settimeout(kTestTimeout);
  raw.connect(server.address());
  raw.setblocking(false);
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_NONE);
  SSLSocket s = ctx.wrap_socket(std::move(raw), {.do_handshake_on_connect = false});
  nonblocking_handshake(s);
  CHECK(s.version() == "TLSv1.3");
  // And an echo in the same mode.
  s.write("NON-BLOCKING\n");
  std::string reply;
  while (reply.empty()) {
    try {
      reply = s.recv(1024);
    } catch (const SSLWantReadError&) {
      wait_for(s, POLLIN);
    }
  }
  CHECK(reply == "non-blocking\n");
}

TEST_CASE("test_nonblocking_send") {
  PythonEchoServer server(server_context());
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_NONE);
  SSLSocket s = wrap_and_connect(ctx, server.address(), {});
  s.setblocking(false);
  // If we keep sending data, at some point the buffers are full and the call would block
  // (the echo server's replies are never read, so it blocks too).
  const std::string buf(8192, '\0');
  bool wanted = false;
  for (int i = 0; i < 100000 && !wanted; ++i) {
    try {
      s.send(buf);
    } catch (const SSLWantWriteError&) {
      wanted = true;
    } catch (const SSLWantReadError&) {
      wanted = true;
    }
  }
  CHECK(wanted);
  s.setblocking(true);
  s.close();
}

TEST_CASE("test_handshake_timeout") {
  // CPython issue #5103: the handshake respects the socket timeout. The listener never accepts: the
  // kernel completes the TCP handshake and nothing ever answers.
  Socket server = make_listener();
  const double timeout = 0.2;
  const double margin = 2.0;
  {
    Socket c(AF_INET, SOCK_STREAM);
    c.settimeout(timeout);
    c.connect(server.getsockname());
    Stopwatch watch;
    CHECK_THROWS_WITH_AS(
        client_context().wrap_socket(std::move(c), {.server_hostname = "localhost"}),
        doctest::Contains("timed out"), TimeoutError);
    CHECK(watch.seconds() >= timeout * 0.9);
    CHECK(watch.seconds() < timeout + margin);
  }
  {
    // The timeout set on the SSLSocket before connect() bounds the handshake inside connect().
    SSLSocket c = client_context().wrap_socket(Socket(AF_INET, SOCK_STREAM),
                                               {.server_hostname = "localhost"});
    c.settimeout(timeout);
    Stopwatch watch;
    CHECK_THROWS_WITH_AS(c.connect(server.getsockname()), doctest::Contains("timed out"),
                         TimeoutError);
    CHECK(watch.seconds() >= timeout * 0.9);
    CHECK(watch.seconds() < timeout + margin);
  }
}

TEST_CASE("test_thread_recv_while_main_thread_sends") {
  // GH-137583: a recv() blocked in one thread must not stop a send() in another.
  const std::string data(1024, '1');
  TestingContext t = testing_context();
  PythonEchoServer server(t.server);
  SSLSocket sock = wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname});
  // Ensure that the server is ready to accept requests.
  sock.sendall("123");
  CHECK(sock.recv(3) == "123");
  std::promise<void> started;
  auto background = std::async(std::launch::async, [&] {
    started.set_value();
    std::string received;
    while (received.size() < data.size()) received += sock.recv(data.size() - received.size());
    return received;
  });
  started.get_future().wait();
  sock.sendall(data);
  CHECK(background.get() == data);
}
