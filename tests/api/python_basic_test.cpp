// Ports of CPython's Lib/test/test_ssl.py tests that need no echo server (BasicSocketTests,
// SSLErrorTests.test_bad_server_hostname, ThreadedTests' ENOTCONN tests, TestPreHandshakeClose).
// Python's TypeError/NotImplementedError for members tlsock does not have become compile-time
// checks.
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

#include "api/loopback.hpp"
#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_object.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

// Python's test_wrap_socket(sock, ...): a context that verifies nothing unless asked.
SSLSocket test_wrap_socket(Socket sock, WrapSocketOptions options = {}) {
  SSLContext ctx(options.server_side ? PROTOCOL_TLS_SERVER : PROTOCOL_TLS_CLIENT);
  if (options.server_side) {
    ctx.load_cert_chain(engine_vector("server-p256.pem"), engine_vector("server-p256.key.pem"));
  } else {
    ctx.set_check_hostname(false);
    ctx.set_verify_mode(CERT_NONE);
  }
  return ctx.wrap_socket(std::move(sock), options);
}

// Python's socket methods that SSLSocket refuses (recvfrom, sendto: ValueError; dup, sendmsg,
// recvmsg, recvmsg_into: NotImplementedError) do not exist on tlsock's SSLSocket.
template <typename S>
concept HasDup = requires(S s) { s.dup(); };
template <typename S>
concept HasSendto = requires(S s, Address a) { s.sendto("x", a); };
template <typename S>
concept HasRecvfrom = requires(S s) { s.recvfrom(1); };
template <typename S>
concept HasRecvfromInto = requires(S s, MutableBuffer b) { s.recvfrom_into(b, 1); };
template <typename S>
concept HasSendmsg = requires(S s) { s.sendmsg(); };
template <typename S>
concept HasRecvmsg = requires(S s) { s.recvmsg(100); };
template <typename S>
concept HasRecvmsgInto = requires(S s, MutableBuffer b) { s.recvmsg_into(b); };

// Waits until a TCP reset from the peer has arrived (POLLHUP/POLLERR): the readiness signal the
// pre-handshake tests need instead of a sleep.
void wait_for_reset(const Socket& s) {
  pollfd p{s.fileno(), POLLRDHUP, 0};
  REQUIRE(::poll(&p, 1, static_cast<int>(kTestTimeout * 1000)) == 1);
  CHECK((p.revents & (POLLHUP | POLLERR)) != 0);
}

// SO_LINGER on with a zero timeout: close() sends a RST.
void set_socket_so_linger_on_with_zero_timeout(Socket& s) {
  struct linger l{1, 0};
  s.setsockopt(SOL_SOCKET, SO_LINGER, ConstBuffer(&l, sizeof l));
}

void check_pre_handshake_error(const SSLError& e) {
  CHECK(std::string(e.what()).find("before TLS handshake with data") != std::string::npos);
  REQUIRE(e.reason());
  CHECK(e.reason()->find("before TLS handshake with data") != std::string::npos);
  CHECK(e.code().value() != 0);
  CHECK_FALSE(e.library());
}

}  // namespace

TEST_CASE("test_private_init") {
  // Python: SSLSocket(s) / SSLObject(bio, bio) raise TypeError "does not have a public
  // constructor"; here the constructors are private (only wrap_socket / wrap_bio make them).
  // The constructors that exist are private: is_constructible sees access.
  CHECK_FALSE(std::is_constructible_v<SSLSocket, const SSLContext&, Socket&&,
                                      const WrapSocketOptions&>);
  CHECK_FALSE(std::is_constructible_v<SSLSocket, Socket&&>);
  CHECK_FALSE(std::is_constructible_v<SSLObject, const SSLContext&, MemoryBIO, MemoryBIO,
                                      const WrapBioOptions&>);
  CHECK_FALSE(std::is_constructible_v<SSLObject, MemoryBIO, MemoryBIO>);
  // SSLSession is not instantiable either (Python makes one only for SSLSocket.session).
  CHECK_FALSE(std::is_default_constructible_v<SSLSession>);
}

TEST_CASE("test_wrapped_unconnected") {
  // Methods on an unconnected SSLSocket propagate the OSError of the underlying socket.
  SSLSocket ss = test_wrap_socket(Socket(AF_INET, SOCK_STREAM));
  std::string buf = "x";
  CHECK_THROWS_AS(ss.recv(1), std::system_error);
  CHECK_THROWS_AS(ss.recv_into(buf), std::system_error);
  CHECK_THROWS_AS(ss.send("x"), std::system_error);
  CHECK_FALSE(HasDup<SSLSocket>);
  CHECK_FALSE(HasSendto<SSLSocket>);
  CHECK_FALSE(HasRecvfrom<SSLSocket>);
  CHECK_FALSE(HasRecvfromInto<SSLSocket>);
  CHECK_FALSE(HasSendmsg<SSLSocket>);
  CHECK_FALSE(HasRecvmsg<SSLSocket>);
  CHECK_FALSE(HasRecvmsgInto<SSLSocket>);
}

TEST_CASE("test_timeout") {
  // CPython issue #8524: the SSL socket keeps the timeout of the original socket.
  for (std::optional<double> timeout : {std::optional<double>(), std::optional<double>(0.0),
                                        std::optional<double>(5.0)}) {
    Socket s(AF_INET, SOCK_STREAM);
    s.settimeout(timeout);
    SSLSocket ss = test_wrap_socket(std::move(s));
    CHECK(ss.gettimeout() == timeout);
  }
}

TEST_CASE("test_server_side") {
  // server_hostname doesn't work for server sockets.
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  Socket sock(AF_INET, SOCK_STREAM);
  CHECK_THROWS_AS(ctx.wrap_socket(std::move(sock), {.server_side = true,
                                                    .server_hostname = "some.hostname"}),
                  std::invalid_argument);
}

TEST_CASE("test_unknown_channel_binding") {
  // An unknown type is ValueError.
  Socket listener = make_listener();
  Socket c(AF_INET, SOCK_STREAM);
  c.settimeout(kTestTimeout);
  c.connect(listener.getsockname());
  SSLSocket ss = test_wrap_socket(std::move(c), {.do_handshake_on_connect = false});
  CHECK_THROWS_AS(ss.get_channel_binding("unknown-type"), std::invalid_argument);
}

TEST_CASE("test_tls_unique_channel_binding (BasicSocketTests)") {
  // An unconnected socket has no binding, client side and server side.
  SSLSocket client = test_wrap_socket(Socket(AF_INET, SOCK_STREAM));
  CHECK_FALSE(client.get_channel_binding("tls-unique"));
  SSLSocket server = test_wrap_socket(Socket(AF_INET, SOCK_STREAM), {.server_side = true});
  CHECK_FALSE(server.get_channel_binding("tls-unique"));
}

TEST_CASE("test_connect_ex_error") {
  // A bound port nobody listens on.
  Socket server(AF_INET, SOCK_STREAM);
  server.bind("127.0.0.1", 0);
  SSLContext ctx = client_context();
  ctx.set_check_hostname(false);
  SSLSocket s = ctx.wrap_socket(Socket(AF_INET, SOCK_STREAM));
  s.settimeout(kTestTimeout);
  int rc = s.connect_ex(server.getsockname());
  CHECK((rc == ECONNREFUSED || rc == EHOSTUNREACH || rc == ETIMEDOUT || rc == EWOULDBLOCK));
  CHECK_FALSE(s.version());
}

TEST_CASE("test_bad_server_hostname") {
  SSLContext ctx = client_context();
  CHECK_THROWS_WITH_AS(ctx.wrap_bio(MemoryBIO(), MemoryBIO(), {.server_hostname = ""}),
                       "server_hostname cannot be an empty string or start with a leading dot.",
                       std::invalid_argument);
  CHECK_THROWS_AS(ctx.wrap_bio(MemoryBIO(), MemoryBIO(), {.server_hostname = ".example.org"}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ctx.wrap_bio(MemoryBIO(), MemoryBIO(),
                               {.server_hostname = std::string("example.org\0evil.com", 20)}),
                  std::invalid_argument);
  // A valid name is kept, and the SSLObject uses the caller's BIOs (handles to one queue).
  MemoryBIO incoming, outgoing;
  SSLObject obj = ctx.wrap_bio(incoming, outgoing, {.server_hostname = "example.org"});
  CHECK(obj.server_hostname() == "example.org");
  CHECK_THROWS_AS(obj.do_handshake(), SSLWantReadError);
  CHECK(outgoing.pending() > 0);  // the ClientHello
  CHECK(obj.outgoing().pending() == outgoing.pending());
  incoming.write("x");
  CHECK(obj.incoming().pending() == 1);
}

TEST_CASE("test_getpeercert_enotconn") {
  SSLContext context(PROTOCOL_TLS_CLIENT);
  context.set_check_hostname(false);
  SSLSocket sock = context.wrap_socket(Socket(AF_INET, SOCK_STREAM));
  try {
    (void)sock.getpeercert();
    FAIL("no error");
  } catch (const std::system_error& e) {
    CHECK(e.code().value() == ENOTCONN);
  }
}

TEST_CASE("test_do_handshake_enotconn") {
  SSLContext context(PROTOCOL_TLS_CLIENT);
  context.set_check_hostname(false);
  SSLSocket sock = context.wrap_socket(Socket(AF_INET, SOCK_STREAM));
  try {
    sock.do_handshake();
    FAIL("no error");
  } catch (const std::system_error& e) {
    CHECK(e.code().value() == ENOTCONN);
  }
}

TEST_CASE("TestPreHandshakeClose: test_preauth_data_to_tls_server") {
  ConnectedPair p = connected_pair();
  // The client sends a request and resets the connection before any TLS.
  set_socket_so_linger_on_with_zero_timeout(p.client);
  p.client.send("DELETE /data HTTP/1.0\r\n\r\n");
  p.client.close();
  wait_for_reset(p.server);
  try {
    SSLSocket tls = server_context().wrap_socket(std::move(p.server), {.server_side = true});
    FAIL("wrap_socket should have failed");
  } catch (const SSLError& e) {
    check_pre_handshake_error(e);
  }
}

TEST_CASE("TestPreHandshakeClose: test_preauth_data_to_tls_client") {
  ConnectedPair p = connected_pair();
  // The server answers in clear text and resets the connection.
  set_socket_so_linger_on_with_zero_timeout(p.server);
  p.server.send(
      "HTTP/1.0 307 Temporary Redirect\r\n"
      "Location: https://example.com/someone-elses-server\r\n\r\n");
  p.server.close();
  wait_for_reset(p.client);
  try {
    SSLSocket tls =
        client_context().wrap_socket(std::move(p.client), {.server_hostname = "localhost"});
    FAIL("wrap_socket should have failed");
  } catch (const SSLError& e) {
    check_pre_handshake_error(e);
  }
}
