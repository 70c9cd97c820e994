// Hostile peers: every loop that pumps the engine makes progress (input taken, output
// sent, the call finished), or waits on the fd for new bytes within the call's deadline, or
// ends with an error. Bytes the engine will not take (those after a close_notify) are never
// progress: a plaintext close_notify and one more byte used to make accept() spin forever.
//
// Each call under test runs on a thread of its own (bounded_call): its CPU time is measured,
// and a call still running after kWallBound ends the program with a message, so a spin or a
// hang fails instead of stalling the suite.
//
// What Python (OpenSSL 3.0) raises, checked against CPython 3.11: a close_notify during the
// handshake is SSLZeroReturnError, a TCP EOF (or MemoryBIO.write_eof()) is SSLEOFError.
// OpenSSL refuses any alert before a server's ClientHello with UNEXPECTED_MESSAGE; the
// engine treats it as a close_notify, so both answers are accepted there.
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <initializer_list>
#include <string>
#include <thread>

#include "api/bio_pair.hpp"
#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_object.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

constexpr auto kWallBound = std::chrono::seconds(10);
constexpr double kCpuBound = 0.100;  // seconds of CPU a failing call may use

// Plaintext alert records (RFC 8446 §5.1, §6): close_notify, warning level.
const std::string kCloseNotify10("\x15\x03\x01\x00\x02\x01\x00", 7);
const std::string kCloseNotify12("\x15\x03\x03\x00\x02\x01\x00", 7);

struct Outcome {
  std::string error;   // the exception's class, empty when the call returned
  std::string reason;  // SSLError::reason(), when there is one
  double cpu_seconds = 0;
};

std::string class_of(std::exception_ptr e, std::string& reason) {
  try {
    std::rethrow_exception(e);
  } catch (const SSLZeroReturnError&) {
    return "SSLZeroReturnError";
  } catch (const SSLEOFError&) {
    return "SSLEOFError";
  } catch (const SSLWantReadError&) {
    return "SSLWantReadError";
  } catch (const SSLWantWriteError&) {
    return "SSLWantWriteError";
  } catch (const SSLError& err) {
    reason = err.reason().value_or("");
    return "SSLError";
  } catch (const tlsock::TimeoutError&) {
    return "TimeoutError";
  } catch (const std::exception& other) {
    return std::string("other: ") + other.what();
  }
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Outcome bounded_call(const std::function<void()>& call) {
  std::promise<Outcome> done;
  std::future<Outcome> result = done.get_future();
  std::thread worker([&] {
    Outcome o;
    double start = thread_cpu_seconds();
    try {
      call();
    } catch (...) {
      o.error = class_of(std::current_exception(), o.reason);
    }
    o.cpu_seconds = thread_cpu_seconds() - start;
    done.set_value(o);
  });
  if (result.wait_for(kWallBound) != std::future_status::ready) {
    // The worker cannot be stopped, and its objects live on this stack: end here.
    std::fprintf(stderr, "progress_invariant_test: a call did not return within %lld s "
                         "(a spin or a hang)\n",
                 static_cast<long long>(kWallBound.count()));
    std::fflush(stderr);
    std::_Exit(1);
  }
  worker.join();
  return result.get();
}

// The call ended with one of `expected` (an SSLError with reason R is "SSLError:R"), quickly.
void check_failed_fast(const Outcome& o, std::initializer_list<std::string> expected) {
  std::string seen = o.error == "SSLError" ? "SSLError:" + o.reason : o.error;
  bool known = false;
  for (const std::string& e : expected) known = known || seen == e;
  CHECK_MESSAGE(known, "the call ended with '" << seen << "'");
  CHECK(o.cpu_seconds < kCpuBound);
}

// What the engine answers a plaintext alert before the ClientHello (see the top).
const std::initializer_list<std::string> kAlertBeforeHello = {"SSLZeroReturnError",
                                                              "SSLError:UNEXPECTED_MESSAGE"};

enum class Mode { blocking, timeout, nonblocking };
constexpr Mode kModes[] = {Mode::blocking, Mode::timeout, Mode::nonblocking};

const char* name(Mode m) {
  switch (m) {
    case Mode::blocking: return "blocking";
    case Mode::timeout: return "timeout";
    case Mode::nonblocking: return "non-blocking";
  }
  return "?";
}

std::optional<double> timeout_of(Mode m) {
  switch (m) {
    case Mode::blocking: return std::nullopt;
    case Mode::timeout: return kTestTimeout;
    case Mode::nonblocking: return 0.0;
  }
  return std::nullopt;
}

// Python's select() on one fd; a wait that ends without it is a hang, reported as a timeout.
void wait_readable(int fd, short events = POLLIN) {
  pollfd p{fd, events, 0};
  if (::poll(&p, 1, static_cast<int>(kTestTimeout * 1000)) != 1) {
    throw tlsock::TimeoutError("nothing to read: the test's peer is stuck");
  }
}

// Python's non-blocking loop. Each Want must be followed by new bytes: a call that wants to
// read while the fd stays readable is a spin across calls.
void nonblocking_handshake(SSLSocket& s) {
  for (int calls = 0; calls < 1000; ++calls) {
    try {
      s.do_handshake();
      return;
    } catch (const SSLWantReadError&) {
      wait_readable(s.fileno());
    } catch (const SSLWantWriteError&) {
      wait_readable(s.fileno(), POLLOUT);
    }
  }
  throw std::runtime_error("do_handshake() wanted to read 1000 times with bytes waiting");
}

// The handshake of `plain` (connected) as `mode` runs it, Python-style.
SSLSocket handshake_in(Mode mode, SSLContext ctx, Socket plain, WrapSocketOptions options) {
  plain.settimeout(timeout_of(mode));
  if (mode != Mode::nonblocking) return ctx.wrap_socket(std::move(plain), options);
  options.do_handshake_on_connect = false;
  SSLSocket s = ctx.wrap_socket(std::move(plain), options);
  nonblocking_handshake(s);
  return s;
}

// A listening SSLSocket with the test server certificate (Python's server loop: the handshake
// runs inside accept()).
struct TlsListener {
  SSLContext ctx = server_context();
  SSLSocket listener = ctx.wrap_socket(make_listener(), {.server_side = true});

  Address address() const { return listener.getsockname(); }

  // One connection's handshake, in `mode` (blocking: accept() itself handshakes).
  SSLSocket accept(Mode mode) {
    if (mode == Mode::blocking) return listener.accept().first;
    auto [plain, peer] = listener.Socket::accept();
    return handshake_in(mode, ctx, std::move(plain), {.server_side = true});
  }
};

// A plain TCP client that has sent `bytes` (and, with shut_wr, its EOF) and stays connected.
Socket hostile_client(const Address& to, const std::string& bytes, bool shut_wr) {
  Socket s(AF_INET, SOCK_STREAM);
  s.settimeout(kTestTimeout);
  s.connect(to);
  if (!bytes.empty()) s.sendall(bytes);
  if (shut_wr) s.shutdown(SHUT_WR);
  return s;
}

// The first flight of a TLS 1.2 client (its records stay plaintext until ChangeCipherSpec).
std::string client_hello_12() {
  SSLContext ctx = client_context();
  ctx.set_maximum_version(TLSVersion::TLSv1_2);
  MemoryBIO in, out;
  SSLObject client = ctx.wrap_bio(in, out, {.server_hostname = "localhost"});
  CHECK_THROWS_AS(client.do_handshake(), SSLWantReadError);
  return out.read();
}

// After the hostile connection, a real client is served: handshake and one echo.
void check_next_client_served(TlsListener& server, Mode mode) {
  std::future<std::string> client = std::async(std::launch::async, [&] {
    Socket plain(AF_INET, SOCK_STREAM);
    plain.settimeout(kTestTimeout);
    plain.connect(server.address());
    SSLSocket s = client_context().wrap_socket(std::move(plain), {.server_hostname = "localhost"});
    s.sendall("ping");
    return s.recv(16);
  });
  Outcome served = bounded_call([&] {
    SSLSocket conn = server.accept(mode);
    conn.settimeout(kTestTimeout);
    conn.sendall(conn.recv(16));
  });
  CHECK(served.error == "");
  CHECK(client.get() == "ping");
}

struct HostileCase {
  const char* what;
  std::string bytes;
  bool shut_wr;
  std::initializer_list<std::string> expected;
};

}  // namespace

TEST_CASE("progress: a hostile client fails its handshake at once and the next one is served") {
  const std::string hello = client_hello_12();
  const HostileCase cases[] = {
      {"plaintext close_notify and one more byte", kCloseNotify10 + "x", false,
       kAlertBeforeHello},
      {"plaintext close_notify, then EOF", kCloseNotify10, true, kAlertBeforeHello},
      {"EOF before any byte", "", true, {"SSLEOFError"}},
      {"EOF inside a record header", std::string("\x16\x03\x01\x00", 4), true, {"SSLEOFError"}},
      {"ClientHello, close_notify and one more byte", hello + kCloseNotify12 + "x", false,
       {"SSLZeroReturnError"}},
      {"ClientHello, close_notify, EOF", hello + kCloseNotify12, true, {"SSLZeroReturnError"}},
      {"ClientHello, then EOF", hello, true, {"SSLEOFError"}},
  };
  for (Mode mode : kModes) {
    for (const HostileCase& c : cases) {
      INFO(name(mode) << ": " << c.what);
      TlsListener server;
      Socket hostile = hostile_client(server.address(), c.bytes, c.shut_wr);
      check_failed_fast(bounded_call([&] { server.accept(mode); }), c.expected);
      check_next_client_served(server, mode);
    }
  }
}

TEST_CASE("progress: a server's close_notify during the client's handshake") {
  const struct {
    const char* what;
    std::string bytes;
    bool shut_wr;
    const char* expected;
  } cases[] = {
      {"close_notify and one more byte", kCloseNotify12 + "x", false, "SSLZeroReturnError"},
      {"close_notify, then EOF", kCloseNotify12, true, "SSLZeroReturnError"},
      {"EOF", "", true, "SSLEOFError"},
  };
  for (Mode mode : kModes) {
    for (const auto& c : cases) {
      INFO(name(mode) << ": " << c.what);
      ConnectedPair pair = connected_pair();
      if (!c.bytes.empty()) pair.server.sendall(c.bytes);
      if (c.shut_wr) pair.server.shutdown(SHUT_WR);
      Outcome o = bounded_call([&] {
        handshake_in(mode, client_context(), std::move(pair.client),
                     {.server_hostname = "localhost"});
      });
      check_failed_fast(o, {c.expected});
    }
  }
}

TEST_CASE("progress: SSLObject never wants to read while its input holds a close_notify") {
  SUBCASE("server, before the ClientHello") {
    MemoryBIO in, out;
    SSLObject server = server_context().wrap_bio(in, out, {.server_side = true});
    in.write(kCloseNotify10 + "x");
    // Every call fails: the close_notify stays received.
    for (int call = 0; call < 3; ++call) {
      check_failed_fast(bounded_call([&] { server.do_handshake(); }), kAlertBeforeHello);
    }
  }
  SUBCASE("server, after a TLS 1.2 ClientHello") {
    MemoryBIO in, out;
    SSLObject server = server_context().wrap_bio(in, out, {.server_side = true});
    in.write(client_hello_12() + kCloseNotify12 + "x");
    for (int call = 0; call < 3; ++call) {
      check_failed_fast(bounded_call([&] { server.do_handshake(); }), {"SSLZeroReturnError"});
    }
  }
  SUBCASE("server, write_eof()") {
    MemoryBIO in, out;
    SSLObject server = server_context().wrap_bio(in, out, {.server_side = true});
    in.write_eof();
    for (int call = 0; call < 3; ++call) {
      check_failed_fast(bounded_call([&] { server.do_handshake(); }), {"SSLEOFError"});
    }
  }
  SUBCASE("client, the server's answer is a close_notify") {
    MemoryBIO in, out;
    SSLObject client = client_context().wrap_bio(in, out, {.server_hostname = "localhost"});
    CHECK_THROWS_AS(client.do_handshake(), SSLWantReadError);
    in.write(kCloseNotify12 + "x");
    for (int call = 0; call < 3; ++call) {
      check_failed_fast(bounded_call([&] { client.do_handshake(); }), {"SSLZeroReturnError"});
    }
  }
}

namespace {

// A TLS client made of an SSLObject and a plain socket, its bytes moved by hand: it can send
// what no SSLSocket would (a close_notify followed by plaintext in the same segment).
struct HandClient {
  Socket sock;
  MemoryBIO in, out;
  SSLObject tls;

  explicit HandClient(Socket s)
      : sock(std::move(s)),
        tls(client_context().wrap_bio(in, out, {.server_hostname = "localhost"})) {}

  void handshake() {
    for (int round = 0; round < 20; ++round) {
      try {
        tls.do_handshake();
        sock.sendall(out.read());
        return;
      } catch (const SSLWantReadError&) {
        sock.sendall(out.read());
        std::string got = sock.recv(65536);
        REQUIRE_FALSE(got.empty());
        in.write(got);
      }
    }
    FAIL("the hand client's handshake did not finish");
  }

  // Our close_notify, then `after` in the clear, in one send.
  void close_notify_then(const std::string& after) {
    CHECK_THROWS_AS(tls.unwrap(), SSLWantReadError);
    sock.sendall(out.read() + after);
  }
};

}  // namespace

// A connected stream pair: TCP over 127.0.0.1, or AF_UNIX (the socket transport drops the
// bytes the engine took in its own way for each: MSG_TRUNC works on TCP only).
ConnectedPair stream_pair(int family) {
  if (family != AF_UNIX) return connected_pair(family);
  int fds[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
  ConnectedPair pair{Socket(AF_UNIX, SOCK_STREAM, 0, fds[0]), Socket(AF_UNIX, SOCK_STREAM, 0, fds[1])};
  pair.client.settimeout(kTestTimeout);
  pair.server.settimeout(kTestTimeout);
  return pair;
}

TEST_CASE("progress: reads and unwrap() after the peer's close_notify, bytes after it kept") {
  for (auto [mode, family] : {std::pair{Mode::blocking, AF_INET}, {Mode::timeout, AF_INET},
                              {Mode::nonblocking, AF_INET}, {Mode::blocking, AF_UNIX},
                              {Mode::nonblocking, AF_UNIX}}) {
    INFO(name(mode) << (family == AF_UNIX ? ", AF_UNIX" : ", TCP"));
    ConnectedPair pair = stream_pair(family);
    HandClient client(std::move(pair.client));
    std::future<SSLSocket> server = std::async(std::launch::async, [&] {
      return handshake_in(mode, server_context(), std::move(pair.server), {.server_side = true});
    });
    client.handshake();
    SSLSocket conn = server.get();
    client.close_notify_then("STARTTLS tail");
    wait_readable(conn.fileno());
    // Python: "" every time once the peer's close_notify is in, without waiting.
    Outcome reads = bounded_call([&] {
      CHECK(conn.recv(100) == "");
      CHECK(conn.recv(100) == "");
      conn.sendall("still writable");  // only the peer has closed
    });
    CHECK(reads.error == "");
    CHECK(reads.cpu_seconds < kCpuBound);
    // unwrap() sends ours and hands back the socket with the plaintext unread.
    std::optional<Socket> plain;
    Outcome unwrapped = bounded_call([&] { plain.emplace(conn.unwrap()); });
    CHECK(unwrapped.error == "");
    CHECK(unwrapped.cpu_seconds < kCpuBound);
    REQUIRE(plain.has_value());
    plain->settimeout(kTestTimeout);
    std::string tail;
    while (tail.size() < 13) tail += plain->recv(100);
    CHECK(tail == "STARTTLS tail");
  }
}

TEST_CASE("progress: SSLObject reads and unwrap() after the peer's close_notify") {
  BioPair p(client_context(), server_context());
  p.handshake();
  CHECK_THROWS_AS(p.client.unwrap(), SSLWantReadError);
  p.s_in.write(p.c_out.read() + "STARTTLS tail");
  Outcome o = bounded_call([&] {
    CHECK(p.server.read() == "");
    CHECK(p.server.read() == "");
    p.server.unwrap();
  });
  CHECK(o.error == "");
  CHECK(o.cpu_seconds < kCpuBound);
  // The bytes after the close_notify are back in the incoming BIO, for what follows TLS.
  CHECK(p.s_in.read() == "STARTTLS tail");
}
