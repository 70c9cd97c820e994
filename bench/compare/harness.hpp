// What compare_openssl's two sides share: the options, the measurements and the scenario
// shapes. Each library lives in its own file (tlsock_side.cpp, openssl_side.cpp): OpenSSL's
// SSL_ERROR_* macros would clash with tlsock's enumerators of the same names.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include "heap_meter.hpp"

namespace compare {

struct Options {
  double seconds = 2.0;  // per library and handshake row
  size_t bulk_mib = 512;
  int idle = 1000;
  std::string vectors;  // the repository's vectors/ directory
  std::string rows = "handshake,rate,bulk,idle,peak";  // which groups of rows to run
};

std::string vector_file(const Options& o, const std::string& name);

// The process's CPU clock, not the thread's: Botan 2 runs half of an RSA private operation (one
// CRT exponentiation) on its own thread pool, which the calling thread's clock never sees. The
// roles' calls run one at a time, so whatever the process spends meanwhile is the caller's.
double role_cpu();

// What one role (client or server) spent on its calls.
struct RoleCost {
  double cpu_s = 0;  // CPU seconds
  // With the heap meter on (heap_meter.hpp): bytes the role's calls hold, and the most they
  // held at any moment during a call.
  long long heap_held = 0, heap_peak = 0;
};

// Runs f() and adds the CPU time it took (role_cpu()), and with the meter on the heap it takes,
// to `role`.
template <class F>
auto charged(RoleCost& role, F&& f) {
  struct Add {
    RoleCost& role;
    double start;
    long long heap_start;
    ~Add() {
      role.cpu_s += role_cpu() - start;
      const long long peak = heap_metered_peak();
      role.heap_peak = std::max(role.heap_peak, role.heap_held + peak - heap_start);
      role.heap_held += heap_metered() - heap_start;
    }
  };
  heap_metered_peak();  // restarts the high-water mark at the current value
  Add add{role, role_cpu(), heap_metered()};
  return f();
}

// --- handshakes: both ends in one thread, in memory ---------------------------------------------

struct HandshakeCase {
  const char* label;
  const char* server;  // vectors/engine/<server>.pem and .key.pem
  bool tls12 = false;
  bool resume = false;
};

// The TLS 1.3 suite of the handshake rows (libssl would prefer AES-256-GCM, tlsock AES-128-GCM)
// and the TLS 1.2 one.
constexpr const char* kHandshakeSuite = "TLS_AES_128_GCM_SHA256";
constexpr const char* kSuite12 = "ECDHE-ECDSA-AES128-GCM-SHA256";

// What each side checks it negotiated: the version string ("TLSv1.3") and the suite's name as
// both libraries spell it (IANA's for TLS 1.3, OpenSSL's for TLS 1.2).
struct Negotiated {
  std::string version, cipher;
};
Negotiated expected(const HandshakeCase& c, const char* suite);
// Throws when `got` is not what `c` and `suite` ask for; `who` names the library.
void check_negotiated(const char* who, const HandshakeCase& c, const char* suite, const Negotiated& got);

// X25519 does the key exchange; a TLS 1.2 client also lists P-256, the curve of the server's
// ECDSA key, which RFC 8422 §5.1 requires for ECDHE-ECDSA.
inline const char* groups(const HandshakeCase& c) { return c.tls12 ? "X25519:P-256" : "X25519"; }

struct HandshakeCost {
  RoleCost client, server;
  int count = 0;
};

// Frees both ends of a pair (members client and server), each charged to its role.
template <class Pair>
void release(Pair& p, HandshakeCost& cost) {
  charged(cost.client, [&] { p.client.reset(); });
  charged(cost.server, [&] { p.server.reset(); });
}

// The connection of the bulk and idle rows.
constexpr HandshakeCase kPlainCase{"TLS 1.3, ECDSA P-256", "server-p256"};

// A handshake that needs more round trips than this is stuck.
constexpr int kMaxFlights = 20;

// Calls one(setup) once (the key's first signer, the first ticket), then one(cost) for
// o.seconds of wall time and at least 3 times.
HandshakeCost repeat_handshakes(const Options& o, const std::function<void(HandshakeCost&)>& one);

// The most heap each role held at once during a handshake: one(cost) runs a handshake (and
// frees it) with the heap meter on, 10 times after one unmetered setup run.
struct HeapPeak {
  double client = 0, server = 0;  // bytes
};
HeapPeak handshake_heap_peak(const std::function<void(HandshakeCost&)>& one);

HandshakeCost tlsock_handshakes(const Options& o, const HandshakeCase& c);
HandshakeCost openssl_handshakes(const Options& o, const HandshakeCase& c);
HeapPeak tlsock_heap_peak(const Options& o);
HeapPeak openssl_heap_peak(const Options& o);

// Handshakes per second (wall clock) when `threads` threads each call one() for o.seconds,
// every thread on the same client and server contexts.
double handshake_rate(const Options& o, int threads, const std::function<void()>& one);

double tlsock_rate(const Options& o, const HandshakeCase& c, int threads);
double openssl_rate(const Options& o, const HandshakeCase& c, int threads);

// --- bulk: one TLS 1.3 connection over loopback TCP, a thread per end ----------------------------

struct BulkResult {
  double mb_per_s = 0, cpu_s_per_gib = 0;
};

// A connected loopback pair of plain TCP sockets: {client fd, server fd}.
std::pair<int, int> tcp_pair();

struct BulkEnds {
  std::function<void()> client_setup, server_setup;  // the handshakes, on the two threads
  std::function<void(const char*, size_t)> send;     // writes all of it
  std::function<size_t(char*, size_t)> receive;      // some bytes; 0 at the end
  int client_fd = -1, server_fd = -1;                // shut down when one end fails
};

// Moves `total` bytes in writes of `write_size`, timed from both handshakes' end to the last
// byte received: wall clock and the whole process's CPU (user and kernel, both ends).
BulkResult run_bulk(size_t total, size_t write_size, const BulkEnds& ends);

BulkResult tlsock_bulk(const Options& o, const char* suite, size_t total, size_t write_size);
BulkResult openssl_bulk(const Options& o, const char* suite, size_t total, size_t write_size);

// --- heap per idle established connection -------------------------------------------------------

struct IdleHeap {
  double client = 0, server = 0;  // bytes per connection
};

// Heap growth while n connections are held, per role: make(i) establishes pair i,
// drop_clients() frees every client side.
IdleHeap idle_heap(int n, const std::function<void(int)>& make, const std::function<void()>& drop_clients);

IdleHeap tlsock_idle(const Options& o, const char* suite);
IdleHeap openssl_idle(const Options& o, const char* suite);

}  // namespace compare
