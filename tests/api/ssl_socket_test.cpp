// Ports of CPython's SSLSocket tests (test_ssl.py ThreadedTests and
// BasicSocketTests) over real loopback sockets: a threaded echo server, wrap_socket checks,
// recv/send edge cases, close_notify and ragged EOF, unwrap (STARTTLS and back), timeouts
// and a non-blocking handshake. Every socket has a timeout, so a bug fails rather than hangs.
#include <doctest/doctest.h>
#include <poll.h>

#include <cctype>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using tlsock::testing::client_context;
using tlsock::testing::kTestTimeout;
using tlsock::testing::server_context;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// CPython's echo server, reduced: lower-cases what it receives until the client closes;
// "over" ends the session, "STARTTLS"/"ENDTLS" switch TLS on and off. Serves one connection.
class EchoServer {
 public:
  explicit EchoServer(SSLContext ctx = server_context())
      : listener_(ctx.wrap_socket(tlsock::testing::make_listener(), {.server_side = true})),
        address_(listener_.getsockname()) {
    done_ = std::async(std::launch::async, [this] { run(); });
  }
  ~EchoServer() {
    if (done_.valid()) done_.wait();
  }
  const Address& address() const { return address_; }
  // Rethrows what the server thread threw.
  void join() { done_.get(); }

 private:
  void run() {
    auto [conn, addr] = listener_.accept();
    conn.settimeout(kTestTimeout);
    for (;;) {
      std::string msg = conn.recv(1024);
      if (msg.empty() || msg == "over") return;
      if (msg == "ENDTLS") {
        conn.sendall("ok");
        Socket plain = conn.unwrap();
        std::string m = plain.recv(1024);
        plain.sendall(lower(m));
        return;
      }
      conn.sendall(lower(msg));
    }
  }

  SSLSocket listener_;
  Address address_;
  std::future<void> done_;
};

SSLSocket connect_client(const Address& address, SSLContext ctx = client_context(),
                         WrapSocketOptions options = {.server_hostname = "localhost"}) {
  Socket raw(AF_INET, SOCK_STREAM);
  raw.settimeout(kTestTimeout);
  raw.connect(address);
  return ctx.wrap_socket(std::move(raw), options);
}

}  // namespace

TEST_CASE("SSLSocket: test_echo / test_server_accept / test_getpeercert") {
  EchoServer server;
  SSLSocket s = connect_client(server.address());
  CHECK_FALSE(s.server_side());
  CHECK(s.server_hostname() == "localhost");
  CHECK(s.gettimeout() == kTestTimeout);  // inherited from the wrapped socket
  CHECK(s.version() == "TLSv1.3");
  auto cipher = s.cipher();
  REQUIRE(cipher);
  CHECK(cipher->protocol == "TLSv1.3");
  auto cert = s.getpeercert();
  REQUIRE(cert);
  CHECK(cert->to_python_repr().find("('DNS', 'localhost')") != std::string::npos);
  for (const char* msg : {"HELLO", "Some DATA", "x"}) {
    CHECK(s.send(msg) == std::string(msg).size());
    CHECK(s.recv(1024) == lower(msg));
  }
  std::string big(200000, 'A');
  s.sendall(big);
  std::string got;
  while (got.size() < big.size()) got += s.recv(65536);
  CHECK(got == lower(big));
  char buf[16];
  s.write("ABC");
  CHECK(s.recv_into(MutableBuffer(buf, sizeof buf)) == 3);
  CHECK(std::string(buf, 3) == "abc");
  s.write("over");
  server.join();
  s.close();
  CHECK_FALSE(s.version());
  CHECK_THROWS_WITH_AS(s.read(), "Read on closed or unwrapped SSL socket.",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.write("x"), "Write on closed or unwrapped SSL socket.",
                       std::invalid_argument);
}

TEST_CASE("SSLSocket: test_recv_zero / test_read_write_zero / flags") {
  EchoServer server;
  SSLSocket s = connect_client(server.address());
  CHECK(s.recv(0) == "");
  CHECK(s.send("") == 0);
  CHECK(s.write("") == 0);
  CHECK(s.read(0) == "");
  CHECK_THROWS_WITH_AS(s.recv(10, MSG_PEEK),
                       "non-zero flags not allowed in calls to recv() on <class 'ssl.SSLSocket'>",
                       std::invalid_argument);
  CHECK_THROWS_AS(s.send("x", MSG_DONTWAIT), std::invalid_argument);
  CHECK_THROWS_AS(s.sendall("x", MSG_DONTWAIT), std::invalid_argument);
  CHECK_THROWS_AS(s.read(-1), std::invalid_argument);
  CHECK(s.pending() == 0);
  s.sendall("over");
  server.join();
}

TEST_CASE("SSLSocket: test_starttls-like unwrap from both sides") {
  EchoServer server;
  SSLSocket s = connect_client(server.address());
  s.sendall("ENDTLS");
  CHECK(s.recv(1024) == "ok");
  Socket plain = s.unwrap();
  CHECK(plain.fileno() >= 0);
  CHECK(s.fileno() == -1);
  CHECK_FALSE(s.version());
  plain.sendall("PLAIN TEXT");
  CHECK(plain.recv(1024) == "plain text");
  server.join();
  CHECK_THROWS_AS(s.unwrap(), std::invalid_argument);
}

TEST_CASE("SSLSocket: peer close_notify makes recv return empty") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  auto server = std::async(std::launch::async, [&] {
    SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
    conn.sendall("bye");
    Socket plain = conn.unwrap();  // close_notify, then waits for the client's
  });
  SSLSocket s = client_context().wrap_socket(std::move(pair.client),
                                             {.server_hostname = "localhost"});
  CHECK(s.recv(1024) == "bye");
  CHECK(s.recv(1024) == "");
  CHECK(s.recv(1024) == "");
  s.unwrap();
  server.get();
}

TEST_CASE("SSLSocket: ragged EOF with and without suppress_ragged_eofs") {
  for (bool suppress : {true, false}) {
    CAPTURE(suppress);
    auto pair = tlsock::testing::connected_pair();
    SSLContext sctx = server_context();
    auto server = std::async(std::launch::async, [&] {
      SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
      conn.close();  // no close_notify, as in Python
    });
    SSLSocket s = client_context().wrap_socket(
        std::move(pair.client), {.suppress_ragged_eofs = suppress, .server_hostname = "localhost"});
    server.get();
    if (suppress) {
      CHECK(s.recv(1024) == "");
    } else {
      CHECK_THROWS_AS(s.recv(1024), SSLEOFError);
    }
  }
}

TEST_CASE("SSLSocket: test_handshake_timeout") {
  Socket listener = tlsock::testing::make_listener();
  Socket c(AF_INET, SOCK_STREAM);
  c.settimeout(0.3);
  c.connect(listener.getsockname());
  auto [silent, addr] = listener.accept();  // accepts and never answers
  tlsock::testing::Stopwatch watch;
  CHECK_THROWS_WITH_AS(
      client_context().wrap_socket(std::move(c), {.server_hostname = "localhost"}),
      "The handshake operation timed out", TimeoutError);
  CHECK(watch.seconds() >= 0.25);
  CHECK(watch.seconds() < 0.3 + 2.0);
}

TEST_CASE("SSLSocket: do_handshake_on_connect on a non-blocking socket") {
  auto pair = tlsock::testing::connected_pair();
  pair.client.setblocking(false);
  CHECK_THROWS_WITH_AS(client_context().wrap_socket(std::move(pair.client),
                                                    {.server_hostname = "localhost"}),
                       "do_handshake_on_connect should not be specified for non-blocking sockets",
                       std::invalid_argument);
}

TEST_CASE("SSLSocket: non-blocking handshake and echo (poll loop)") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  // The server answers only once the client has met an empty socket, so that the client's
  // first do_handshake() always ends in SSLWantReadError, however the threads are scheduled.
  std::promise<void> client_waits;
  auto server = std::async(std::launch::async, [&, waiting = client_waits.get_future()] {
    REQUIRE(waiting.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
    std::string m = conn.recv(1024);
    conn.sendall(lower(m));
    conn.recv(1024);  // until the client goes
  });
  pair.client.setblocking(false);
  SSLSocket s = client_context().wrap_socket(
      std::move(pair.client), {.do_handshake_on_connect = false, .server_hostname = "localhost"});
  int want_reads = 0;
  for (int i = 0; i < 100; ++i) {
    try {
      s.do_handshake();
      break;
    } catch (const SSLWantReadError&) {
      if (want_reads++ == 0) client_waits.set_value();
      pollfd p{s.fileno(), POLLIN, 0};
      REQUIRE(::poll(&p, 1, 10000) == 1);
    } catch (const SSLWantWriteError&) {
      pollfd p{s.fileno(), POLLOUT, 0};
      REQUIRE(::poll(&p, 1, 10000) == 1);
    }
  }
  CHECK(want_reads > 0);
  CHECK(s.version() == "TLSv1.3");
  CHECK(s.write("NONBLOCKING") == 11);
  std::string reply;
  for (int i = 0; i < 100 && reply.empty(); ++i) {
    try {
      reply = s.recv(1024);
    } catch (const SSLWantReadError&) {
      pollfd p{s.fileno(), POLLIN, 0};
      REQUIRE(::poll(&p, 1, 10000) == 1);
    }
  }
  CHECK(reply == "nonblocking");
  s.close();
  server.get();
}

TEST_CASE("SSLSocket: test_ssl_cert_verify_error over sockets (verify_code 20)") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  auto server = std::async(std::launch::async, [&]() -> std::string {
    try {
      SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
      return "no error";
    } catch (const SSLError& e) {
      return e.reason().value_or("");
    }
  });
  SSLContext cctx(PROTOCOL_TLS_CLIENT);  // trusts nothing
  try {
    cctx.wrap_socket(std::move(pair.client), {.server_hostname = "localhost"});
    FAIL("no error");
  } catch (const SSLCertVerificationError& e) {
    CHECK(e.verify_code() == 20);
    CHECK(std::string(e.what()).starts_with(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local "
        "issuer certificate (certificate 'O=tlsock tests, CN=server-p256' was issued by "));
  }
  std::string server_reason = server.get();
  CAPTURE(server_reason);
  CHECK(server_reason.find("ALERT") != std::string::npos);
}

TEST_CASE("SSLSocket: wrap_socket checks and the unconnected state") {
  SSLContext cctx = client_context();
  SSLContext sctx = server_context();
  {
    Socket raw(AF_INET, SOCK_DGRAM);
    CHECK_THROWS_AS(cctx.wrap_socket(std::move(raw), {.server_hostname = "localhost"}),
                    std::logic_error);
  }
  Socket raw(AF_INET, SOCK_STREAM);
  CHECK_THROWS_WITH_AS(cctx.wrap_socket(std::move(raw)), "check_hostname requires server_hostname",
                       std::invalid_argument);
  CHECK(raw.fileno() >= 0);  // refused before the fd was taken over
  CHECK_THROWS_WITH_AS(
      sctx.wrap_socket(std::move(raw), {.server_side = true, .server_hostname = "x"}),
      "server_hostname can only be specified in client mode", std::invalid_argument);
  CHECK_THROWS_WITH_AS(sctx.wrap_socket(std::move(raw), {}),
                       "Cannot create a client socket with a PROTOCOL_TLS_SERVER context",
                       SSLError);
  SSLSocket s = cctx.wrap_socket(std::move(raw), {.server_hostname = "localhost"});
  CHECK(raw.fileno() == -1);
  CHECK_FALSE(s.version());
  CHECK_FALSE(s.cipher());
  CHECK_FALSE(s.session());
  CHECK_FALSE(s.session_reused());
  CHECK(s.pending() == 0);
  CHECK_THROWS_AS(s.getpeercert(), std::system_error);
  CHECK_THROWS_AS(s.do_handshake(), std::system_error);

  SSLSocket srv = sctx.wrap_socket(tlsock::testing::make_listener(), {.server_side = true});
  CHECK_THROWS_WITH_AS(srv.connect(srv.getsockname()), "can't connect in server-side mode",
                       std::invalid_argument);
}

TEST_CASE("SSLSocket: connect() then handshake; concurrent send and recv") {
  EchoServer server;
  SSLSocket s = client_context().wrap_socket(Socket(AF_INET, SOCK_STREAM),
                                             {.server_hostname = "localhost"});
  s.settimeout(kTestTimeout);
  s.connect(server.address());
  CHECK(s.version() == "TLSv1.3");
  CHECK_THROWS_WITH_AS(s.connect(server.address()),
                       "attempt to connect already-connected SSLSocket!", std::invalid_argument);
  // One thread sends while this one receives.
  constexpr int kMessages = 50;
  auto sender = std::async(std::launch::async, [&] {
    for (int i = 0; i < kMessages; ++i) s.sendall("ABCDEFGHIJ");
  });
  std::string got;
  while (got.size() < 10u * kMessages) got += s.recv(4096);
  sender.get();
  CHECK(got.find_first_not_of("abcdefghij") == std::string::npos);
  s.sendall("over");
  server.join();
}

// A reader must not wait behind a sender blocked on a full socket: the echo server stops
// reading while its own writes are not read, so a reader stuck behind our sender deadlocked
// both sides until the timeouts (found by the interop matrix's 10 MiB transfers).
TEST_CASE("SSLSocket: a bulk send in one thread while another receives the echo") {
  EchoServer server;
  SSLSocket s = connect_client(server.address());
  const std::string chunk(64 * 1024, 'A');
  constexpr size_t kChunks = 128;  // 8 MiB: more than the two sockets' buffers hold
  auto sender = std::async(std::launch::async, [&] {
    for (size_t i = 0; i < kChunks; ++i) s.sendall(chunk);
  });
  size_t got = 0;
  bool all_echoed = true;
  while (got < chunk.size() * kChunks) {
    std::string data = s.recv(65536);
    REQUIRE_FALSE(data.empty());
    got += data.size();
    all_echoed = all_echoed && data.find_first_not_of('a') == std::string::npos;
  }
  sender.get();
  CHECK(got == chunk.size() * kChunks);
  CHECK(all_echoed);
  s.sendall("over");
  server.join();
}

// A read never waits to send: with the send side full (the peer reads nothing until we read
// its reply), recv() returns the reply at once and what is queued (here the rest of a write
// that got SSLWantWriteError, then a KeyUpdate) waits for the socket to drain. A read that
// waited for the drain deadlocked with such a peer until its timeout; in the bulk send/echo
// case above it stalled that way whenever the reader picked up records the sender had sealed
// and not yet sent.
TEST_CASE("SSLSocket: a read does not wait to send while the send side is full") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  std::promise<void> filled;
  std::promise<void> replied;
  std::promise<void> finished;
  auto server = std::async(std::launch::async, [&] {
    SSLSocket conn = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
    filled.get_future().wait();
    conn.sendall("reply");
    replied.set_value();
    finished.get_future().wait();  // reads nothing: the client's send side stays full
  });
  SSLSocket s = client_context().wrap_socket(std::move(pair.client),
                                             {.server_hostname = "localhost"});
  s.settimeout(0.0);
  const std::string chunk(256 * 1024, 'x');
  size_t chunks = 0;
  for (; chunks < 1024; ++chunks) {
    try {
      s.send(chunk);
    } catch (const SSLWantWriteError&) {
      break;
    }
  }
  REQUIRE(chunks < 1024);  // the send side filled up
  s.key_update(false);     // queued behind the unsent records
  filled.set_value();
  replied.get_future().wait();
  s.settimeout(2.0);
  std::string got;
  CHECK_NOTHROW(got = s.recv(100));
  CHECK(got == "reply");
  finished.set_value();
  server.get();
}

TEST_CASE("SSLSocket: test_starttls (plain -> TLS -> plain on one connection)") {
  auto pair = tlsock::testing::connected_pair();
  SSLContext sctx = server_context();
  auto server = std::async(std::launch::async, [&] {
    Socket plain = std::move(pair.server);
    for (;;) {
      std::string m = plain.recv(1024);
      if (m == "STARTTLS") {
        plain.sendall("ok");
        SSLSocket tls = sctx.wrap_socket(std::move(plain), {.server_side = true});
        std::string t = tls.recv(1024);
        tls.sendall(lower(t));
        CHECK(tls.recv(1024) == "ENDTLS");
        tls.sendall("ok");
        plain = tls.unwrap();
      } else {
        plain.sendall(lower(m));
        if (m.empty() || m == "over") return;
      }
    }
  });
  Socket plain = std::move(pair.client);
  plain.sendall("MSG 1");
  CHECK(plain.recv(1024) == "msg 1");
  plain.sendall("STARTTLS");
  CHECK(plain.recv(1024) == "ok");
  SSLSocket tls = client_context().wrap_socket(std::move(plain), {.server_hostname = "localhost"});
  tls.sendall("SECRET");
  CHECK(tls.recv(1024) == "secret");
  tls.sendall("ENDTLS");
  CHECK(tls.recv(1024) == "ok");
  plain = tls.unwrap();
  plain.sendall("MSG 2");
  CHECK(plain.recv(1024) == "msg 2");
  plain.sendall("over");
  CHECK(plain.recv(1024) == "over");
  server.get();
}
