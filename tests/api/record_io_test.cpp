// What the facade costs per record once a connection is established (issue 15): at most two
// recv() calls per record (its 5-byte header, then its body, straight into the engine's
// receive buffer: no MSG_PEEK, no discard), and no heap allocation per record once the
// buffers are warm, for SSLSocket and for SSLObject's reads from its incoming MemoryBIO. Both
// are counted here: recv() calls by interposing recv() in this binary, allocations by the test
// binary's allocation counter (tests/support).
#include <doctest/doctest.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <future>
#include <string>
#include <utility>

#include "api/bio_pair.hpp"
#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "support/allocation_counter.hpp"
#include "tlsock/ssl_socket.hpp"

// Sanitizers intercept recv() themselves; a second interposer would fight theirs.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TLSOCK_COUNTS_RECV 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TLSOCK_COUNTS_RECV 0
#endif
#endif
#ifndef TLSOCK_COUNTS_RECV
#define TLSOCK_COUNTS_RECV 1
#endif

namespace {
thread_local uint64_t t_recv_calls = 0;  // recv() calls made by this thread
}  // namespace

#if TLSOCK_COUNTS_RECV
// The program's recv() wins over libc's for every call in this binary (tlsock is linked in
// statically); it counts and forwards to the system call, as libc's recv() does.
extern "C" ssize_t recv(int fd, void* buf, size_t len, int flags) {
  ++t_recv_calls;
  return static_cast<ssize_t>(syscall(SYS_recvfrom, fd, buf, len, flags, nullptr, nullptr));
}
#endif

using namespace tlsock;
using namespace tlsock::testing;

namespace {

struct EstablishedPair {
  SSLSocket client;
  SSLSocket server;
};

// A handshake over loopback, then one message each way so that the server's session tickets
// have been read: what follows is application data only.
EstablishedPair established_pair() {
  auto pair = connected_pair();
  SSLContext sctx = server_context();
  auto server = std::async(std::launch::async, [&] {
    return sctx.wrap_socket(std::move(pair.server), {.server_side = true});
  });
  SSLSocket client =
      client_context().wrap_socket(std::move(pair.client), {.server_hostname = "localhost"});
  SSLSocket srv = server.get();
  client.sendall("ping");
  CHECK(srv.recv(16) == "ping");
  srv.sendall("pong");
  CHECK(client.recv(16) == "pong");
  return {std::move(client), std::move(srv)};
}

size_t bytes_waiting(const Socket& s) {
  int n = 0;
  REQUIRE(ioctl(s.fileno(), FIONREAD, &n) == 0);
  return static_cast<size_t>(n);
}

}  // namespace

TEST_CASE("facade: two recv() calls per record, none past it" *
          doctest::skip(!TLSOCK_COUNTS_RECV) *
          doctest::description("sanitizers intercept recv() themselves")) {
  EstablishedPair p = established_pair();
  constexpr size_t kRecords = 20;
  const std::string message(1000, 'm');
  // One record per sendall(); all of them are in the client's socket before it reads.
  for (size_t i = 0; i < kRecords; ++i) p.server.sendall(message);
  // TLS 1.3: header 5, content type 1, AEAD tag 16.
  const size_t record_size = 5 + message.size() + 1 + 16;
  Stopwatch waited;
  while (bytes_waiting(p.client) < record_size * kRecords && waited.seconds() < kTestTimeout) {
    usleep(1000);
  }
  REQUIRE(record_size * kRecords == bytes_waiting(p.client));
  std::array<char, 4096> buf;
  uint64_t before = t_recv_calls;
  for (size_t i = 0; i < kRecords; ++i) {
    CHECK(p.client.recv_into(MutableBuffer(buf.data(), buf.size())) == message.size());
    // Exactly this record was taken from the socket.
    CHECK(bytes_waiting(p.client) == record_size * (kRecords - 1 - i));
  }
  CHECK(t_recv_calls - before == 2 * kRecords);
}

TEST_CASE("facade: no heap allocation per record once the buffers are warm") {
  EstablishedPair p = established_pair();
  std::array<char, 16384> buf;
  const std::string small(1000, 's');
  const std::string large(16384, 'L');  // one full record
  // Both ends in this thread: each record is sent, then received, by the public API.
  auto round = [&](size_t records) {
    size_t got = 0;
    for (size_t i = 0; i < records; ++i) {
      const std::string& m = i % 2 == 0 ? small : large;
      p.client.sendall(m);
      size_t n = 0;
      while (n < m.size()) n += p.server.recv_into(MutableBuffer(buf.data(), buf.size()));
      p.server.sendall(ConstBuffer(buf.data(), 100));
      got += n + p.client.recv_into(MutableBuffer(buf.data(), buf.size()));
    }
    return got;
  };
  round(4);  // warm up
  test::AllocationCounts a = test::allocation_counts();
  CHECK(round(10) == 5 * (small.size() + 100) + 5 * (large.size() + 100));
  test::AllocationCounts b = test::allocation_counts();
  CHECK(round(40) == 20 * (small.size() + 100) + 20 * (large.size() + 100));
  test::AllocationCounts c = test::allocation_counts();
  MESSAGE("heap allocations for 20 and for 80 records: " << test::allocations_between(a, b)
                                                           << ", "
                                                           << test::allocations_between(b, c));
  CHECK(test::allocations_between(a, b) == 0);
  CHECK(test::allocations_between(b, c) == 0);
}

TEST_CASE("SSLObject: no heap allocation per record read from a MemoryBIO once warm") {
  BioPair p(client_context(), server_context());
  p.handshake();
  std::array<char, 16384> buf;
  const std::string small(1000, 's');
  const std::string large(16384, 'L');  // one full record
  test::AllocationCounts reads, writes;  // what SSLObject::read and SSLObject::write allocated
  auto add = [](test::AllocationCounts& sum, const test::AllocationCounts& a,
                const test::AllocationCounts& b) {
    sum.news += b.news - a.news;
    sum.c_allocs += b.c_allocs - a.c_allocs;
  };
  // One message from one side to the other. Only the SSLObject calls are counted, not the
  // test moving the bytes from one side's outgoing BIO to the other's incoming BIO.
  auto send = [&](SSLObject& from, SSLObject& to, ConstBuffer m) {
    test::AllocationCounts a = test::allocation_counts();
    CHECK(from.write(m) == m.size());
    add(writes, a, test::allocation_counts());
    p.transfer();
    a = test::allocation_counts();
    size_t n = 0;
    while (n < m.size()) n += to.read(MutableBuffer(buf.data(), buf.size()));
    add(reads, a, test::allocation_counts());
    return n;
  };
  auto round = [&](size_t records) {
    reads = writes = {};
    size_t got = 0;
    for (size_t i = 0; i < records; ++i) {
      got += send(p.client, p.server, i % 2 == 0 ? small : large);
      got += send(p.server, p.client, ConstBuffer(buf.data(), 100));
    }
    return got;
  };
  round(4);  // warm up; the client's first read takes the server's session tickets too
  for (size_t records : {20, 80}) {
    CHECK(round(records / 2) == records / 4 * (small.size() + large.size() + 200));
    MESSAGE(records << " records: operator new in SSLObject.read " << reads.news << ", in write "
                    << writes.news);
    CHECK(reads.news + reads.c_allocs == 0);
    // The outgoing BIO, drained after each record, gives its buffer back: each write allocates
    // one for its record, and nothing else.
    CHECK(writes.news == records);
  }
}
