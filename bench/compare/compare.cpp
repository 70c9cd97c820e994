// tlsock next to OpenSSL's libssl, in one run, on the same machine: each
// scenario runs with both libraries and one table gives both figures and their ratio
// (tlsock / OpenSSL: below 1 means tlsock spends less, or for MB/s and rates does less).
//
//  - handshake rows: CPU per handshake for each role, both ends in one thread over in-memory
//    transports (tlsock's MemoryBIO, OpenSSL's BIO pair), timed with the process's CPU clock
//    around each role's calls only (object creation and destruction included; Botan's RSA
//    thread pool counts, see role_cpu() in harness.hpp). The client
//    verifies the server's chain against vectors/engine/ca.pem and the name "localhost";
//    X25519 only; no tickets, except in the resumed row (one ticket per handshake, the client
//    resumes with the newest one: PSK with (EC)DHE, RFC 8446 §4.2.9).
//  - rate rows: whole handshakes (both ends) per second of wall time, with 1 and 2 threads
//    handshaking at once on one client and one server context (locks, shared caches).
//  - bulk rows: one TLS 1.3 connection over loopback TCP, a thread per end, one direction;
//    MB/s of application data over the wall clock, and the CPU of the whole process (both
//    ends, user and kernel) per GiB moved.
//  - idle rows: heap (malloc's in-use bytes) per established connection and role with N held
//    at once, for each AEAD, the client's verifier installed, after 4 bytes each way (both
//    directions' keys used). OpenSSL's in-memory transport is swapped for null BIOs first, so
//    neither library is charged for the benchmark's pipes.
//  - peak rows: the most heap each role holds at any moment of a full handshake (object
//    creation to destruction; heap_meter.hpp counts every malloc and free of the process,
//    attributed to the role whose call made it). tlsock's MemoryBIOs grow with each flight and
//    count for the role that writes into them; OpenSSL's BIO pair is allocated before, not
//    counted (2 x 64 KiB rings).
// Botan's mlock pool is switched off (BOTAN_MLOCK_POOL_SIZE=0) so that its secure buffers
// are malloc'd, where the idle and peak rows see them.
//
// The only program that links libssl (-DTLSOCK_BENCH_OPENSSL=ON); it reports figures and
// asserts nothing about them. scripts/bench.sh builds and runs it.
//
//   compare_openssl [--seconds S] [--bulk-mib M] [--idle N] [--rows handshake,rate,bulk,idle,peak]
//                   [--vectors DIR]
// The vectors are the source tree's unless --vectors or $TLSOCK_VECTORS_DIR says otherwise.
#include <openssl/crypto.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace {

using namespace compare;

struct Row {
  std::string scenario, figure;
  double tlsock = 0, openssl = 0;
  int decimals = 0;
};

void print_table(const std::vector<Row>& rows) {
  std::printf("\n| scenario | figure | OpenSSL | tlsock | ratio |\n|---|---|---:|---:|---:|\n");
  for (const Row& r : rows) {
    std::printf("| %s | %s | %.*f | %.*f | %.2f |\n", r.scenario.c_str(), r.figure.c_str(), r.decimals, r.openssl,
                r.decimals, r.tlsock, r.openssl > 0 ? r.tlsock / r.openssl : 0.0);
  }
}

void handshake_rows(const Options& o, std::vector<Row>& rows) {
  const HandshakeCase cases[] = {
      {"TLS 1.3 full, ECDSA P-256", "server-p256"},
      {"TLS 1.3 full, RSA-2048", "server-rsa2048"},
      {"TLS 1.3 full, Ed25519", "server-ed25519"},
      {"TLS 1.3 resumed (PSK + X25519), ECDSA P-256", "server-p256", false, true},
      {"TLS 1.2 full, ECDHE-ECDSA P-256", "server-p256", true},
  };
  for (const HandshakeCase& c : cases) {
    std::fprintf(stderr, "%s\n", c.label);
    const HandshakeCost t = tlsock_handshakes(o, c);
    const HandshakeCost s = openssl_handshakes(o, c);
    rows.push_back({c.label, "server CPU us/handshake", t.server.cpu_s * 1e6 / t.count, s.server.cpu_s * 1e6 / s.count});
    rows.push_back({c.label, "client CPU us/handshake", t.client.cpu_s * 1e6 / t.count, s.client.cpu_s * 1e6 / s.count});
  }
}

void rate_rows(const Options& o, std::vector<Row>& rows) {
  const HandshakeCase c{"TLS 1.3 full, ECDSA P-256, one context", "server-p256"};
  for (const int threads : {1, 2}) {
    const std::string label = std::string(c.label) + ", " + std::to_string(threads) + " thread" + (threads > 1 ? "s" : "");
    std::fprintf(stderr, "%s\n", label.c_str());
    rows.push_back({label, "pairs (client + server) per second", tlsock_rate(o, c, threads), openssl_rate(o, c, threads)});
  }
}

struct Suite {
  const char* iana;
  const char* label;
};
constexpr Suite kSuites[] = {{"TLS_AES_128_GCM_SHA256", "AES-128-GCM"},
                             {"TLS_AES_256_GCM_SHA384", "AES-256-GCM"},
                             {"TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305"}};

void bulk_rows(const Options& o, std::vector<Row>& rows) {
  const size_t total = o.bulk_mib << 20;
  for (const Suite& s : kSuites) {
    for (const size_t write_size : {size_t{16384}, size_t{1024}}) {
      const std::string label =
          std::string("bulk TLS 1.3 ") + s.label + ", " + std::to_string(write_size / 1024) + " KiB writes";
      std::fprintf(stderr, "%s\n", label.c_str());
      const BulkResult t = tlsock_bulk(o, s.iana, total, write_size);
      const BulkResult l = openssl_bulk(o, s.iana, total, write_size);
      rows.push_back({label, "MB/s", t.mb_per_s, l.mb_per_s});
      rows.push_back({label, "CPU s/GiB (both ends)", t.cpu_s_per_gib, l.cpu_s_per_gib, 2});
    }
  }
}

void idle_rows(const Options& o, std::vector<Row>& rows) {
  if (o.idle <= 0) return;
  // Per AEAD: its state is most of what an idle connection holds.
  for (const Suite& s : kSuites) {
    const std::string label =
        std::string("idle TLS 1.3 connection, ECDSA P-256, ") + s.label + ", " + std::to_string(o.idle) + " held";
    std::fprintf(stderr, "%s\n", label.c_str());
    const IdleHeap t = tlsock_idle(o, s.iana);
    const IdleHeap l = openssl_idle(o, s.iana);
    rows.push_back({label, "client heap bytes", t.client, l.client});
    rows.push_back({label, "server heap bytes", t.server, l.server});
  }
}

void peak_rows(const Options& o, std::vector<Row>& rows) {
  const std::string label = "TLS 1.3 full handshake, ECDSA P-256";
  std::fprintf(stderr, "%s, heap peak\n", label.c_str());
  const HeapPeak t = tlsock_heap_peak(o);
  const HeapPeak s = openssl_heap_peak(o);
  rows.push_back({label, "client peak heap bytes", t.client, s.client});
  rows.push_back({label, "server peak heap bytes", t.server, s.server});
}

Options parse(int argc, char** argv) {
  Options o;
  o.vectors = COMPARE_VECTORS_DIR;
  if (const char* dir = std::getenv("TLSOCK_VECTORS_DIR")) o.vectors = dir;
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + arg);
    const char* value = argv[i + 1];
    if (arg == "--seconds") {
      o.seconds = std::atof(value);
    } else if (arg == "--bulk-mib") {
      o.bulk_mib = static_cast<size_t>(std::atol(value));
    } else if (arg == "--idle") {
      o.idle = std::atoi(value);
    } else if (arg == "--rows") {
      o.rows = value;
    } else if (arg == "--vectors") {
      o.vectors = value;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (o.seconds <= 0 || o.bulk_mib == 0) throw std::invalid_argument("--seconds and --bulk-mib must be positive");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  setenv("BOTAN_MLOCK_POOL_SIZE", "0", 1);  // before Botan's first allocation creates its pool
  try {
    const Options o = parse(argc, argv);
    std::vector<Row> rows;
    const auto wanted = [&](const char* group) { return ("," + o.rows + ",").find(std::string(",") + group + ",") != std::string::npos; };
    if (wanted("handshake")) handshake_rows(o, rows);
    if (wanted("rate")) rate_rows(o, rows);
    if (wanted("bulk")) bulk_rows(o, rows);
    if (wanted("idle")) idle_rows(o, rows);
    if (wanted("peak")) peak_rows(o, rows);
    std::printf("%s; %u CPUs; %.1f s per handshake row and library, %zu MiB per bulk row\n",
                OpenSSL_version(OPENSSL_VERSION), std::thread::hardware_concurrency(), o.seconds, o.bulk_mib);
    print_table(rows);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_openssl: %s\n", e.what());
    return 1;
  }
}
