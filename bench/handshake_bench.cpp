// Full TLS 1.3 handshake through the engine (in-memory client/server pair, x25519 + ECDSA
// P-256 certificate verified by the X.509 layer against the test CA): CPU time per role, and
// the heap an idle established connection holds.
//
// BM_Handshake13/client and /server run the whole handshake each iteration and report only the
// thread CPU time spent inside that role's Connection calls (manual time), so the two figures
// add up to the pair's cost. BM_IdleConnectionHeap reports (as counters) the bytes malloc
// holds for one established connection with its output taken, measured with mallinfo2()
// around the connection's construction and handshake while the peer is destroyed.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>

#include <cstdlib>
#include <optional>

#include "crypto/provider.hpp"
#include "engine/connection.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/pem.hpp"

#include <fstream>
#include <iterator>

namespace {

using namespace tlsock;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// vectors/ next to this source file (the bench target defines no path), or $TLSOCK_VECTORS_DIR.
std::string vector_path(const std::string& name) {
  if (const char* dir = std::getenv("TLSOCK_VECTORS_DIR")) return std::string(dir) + "/engine/" + name;
  std::string here = __FILE__;
  return here.substr(0, here.rfind('/')) + "/../vectors/engine/" + name;
}

struct Setup {
  ClientConfig client;
  ServerConfig server;
  ConnectionOptions client_options;
  bool ok = false;

  Setup() {
    auto chain = x509::pem_decode_label(read_text(vector_path("server-p256.pem")), "CERTIFICATE");
    std::string key_pem = read_text(vector_path("server-p256.key.pem"));
    auto key = PrivateKey::load(as_bytes(key_pem));
    auto store = std::make_shared<x509::TrustStore>();
    if (!chain.ok() || !key.ok() || !store->load_file(vector_path("ca.pem")).ok()) return;
    server.certificates.push_back(CertifiedKey{*chain, *key, {}});
    client.server_name = "localhost";
    client.groups = {NamedGroup::x25519};
    client.key_share_groups = {NamedGroup::x25519};
    client_options.verify = VerifyPolicy{};
    client_options.verify->verifier = std::make_shared<x509::WebPkiVerifier>(std::move(store));
    client_options.verify->hostname = "localhost";
    ok = true;
  }
};

const Setup& setup() {
  static const Setup s;
  return s;
}

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Moves a's output into b; returns false when nothing moved. Time spent in b is charged to b.
bool transfer(Connection& from, Connection& to, double& to_seconds) {
  bool moved = false;
  while (from.has_output()) {
    double t0 = thread_cpu_seconds();
    auto took = to.feed(from.pending_output());
    to_seconds += thread_cpu_seconds() - t0;
    if (!took.ok() || *took == 0) break;
    from.consume_output(*took);
    moved = true;
  }
  return moved;
}

struct Timing {
  double client = 0;
  double server = 0;
  bool ok = false;
};

Timing one_handshake(std::optional<Connection>* keep_client = nullptr,
                     std::optional<Connection>* keep_server = nullptr) {
  const Setup& s = setup();
  Timing t;
  double t0 = thread_cpu_seconds();
  auto c = Connection::client(s.client, default_provider(), s.client_options);
  t.client += thread_cpu_seconds() - t0;
  t0 = thread_cpu_seconds();
  auto sv = Connection::server(s.server, default_provider());
  t.server += thread_cpu_seconds() - t0;
  if (!c.ok() || !sv.ok()) return t;
  for (int i = 0; i < 20; ++i) {
    bool a = transfer(*c, *sv, t.server);
    bool b = transfer(*sv, *c, t.client);
    if (!a && !b) break;
  }
  t.ok = c->handshake_done() && sv->handshake_done() && !c->failed() && !sv->failed();
  if (keep_client) keep_client->emplace(std::move(*c));
  if (keep_server) keep_server->emplace(std::move(*sv));
  return t;
}

void BM_Handshake13(benchmark::State& state) {
  if (!setup().ok) {
    state.SkipWithError("cannot load vectors/engine");
    return;
  }
  const bool client_side = state.range(0) == 0;
  for (auto _ : state) {
    Timing t = one_handshake();
    if (!t.ok) {
      state.SkipWithError("handshake failed");
      return;
    }
    state.SetIterationTime(client_side ? t.client : t.server);
  }
  state.SetLabel(client_side ? "client (x25519, verifies ECDSA P-256 chain)"
                             : "server (x25519, signs ECDSA P-256)");
}
BENCHMARK(BM_Handshake13)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

size_t heap_in_use() { return mallinfo2().uordblks; }

void BM_IdleConnectionHeap(benchmark::State& state) {
  if (!setup().ok) {
    state.SkipWithError("cannot load vectors/engine");
    return;
  }
  double client_bytes = 0, server_bytes = 0;
  for (auto _ : state) {
    for (int role = 0; role < 2; ++role) {
      std::optional<Connection> c, s;
      size_t before = heap_in_use();
      Timing t = one_handshake(&c, &s);
      if (!t.ok) {
        state.SkipWithError("handshake failed");
        return;
      }
      // The peer goes; what remains is one idle established connection (output taken).
      if (role == 0) {
        s.reset();
        client_bytes = static_cast<double>(heap_in_use() - before);
      } else {
        c.reset();
        server_bytes = static_cast<double>(heap_in_use() - before);
      }
    }
  }
  state.counters["client_idle_heap_bytes"] = client_bytes;
  state.counters["server_idle_heap_bytes"] = server_bytes;
}
BENCHMARK(BM_IdleConnectionHeap)->Iterations(3);

}  // namespace
