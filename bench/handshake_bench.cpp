// Full TLS 1.3 handshake through the engine (in-memory client/server pair, x25519, the server's
// certificate verified by the X.509 layer against the test CA): CPU time per role, and the heap
// an idle established connection holds.
//
// BM_Handshake13/<role>/<key> runs the whole handshake each iteration and reports only the
// CPU time spent inside that role's Connection calls (manual time), so the client and
// server figures add up to the pair's cost. role 0 = client, 1 = server; key 0 = ECDSA P-256,
// 1 = RSA-2048 (rsa_pss_rsae_sha256), 2 = Ed25519 (the server certificates in vectors/engine).
// For instruction counts per role, see collected_role(). BM_IdleConnectionHeap reports (as
// counters) the bytes malloc holds for one established connection with its output taken,
// measured with mallinfo2() around the connection's construction and handshake while the peer
// is destroyed.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#endif

#include <cstdlib>
#include <optional>
#include <string>

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

struct ServerKind {
  const char* file;   // vectors/engine/<file>.pem and <file>.key.pem
  const char* label;  // what the server signs with
};
constexpr ServerKind kServerKinds[] = {
    {"server-p256", "ECDSA P-256"},
    {"server-rsa2048", "RSA-2048 PSS"},
    {"server-ed25519", "Ed25519"},
};

struct Setup {
  ClientConfig client;
  ServerConfig server;
  ConnectionOptions client_options;
  bool ok = false;

  explicit Setup(const ServerKind& kind) {
    const std::string file = kind.file;
    auto chain = x509::pem_decode_label(read_text(vector_path(file + ".pem")), "CERTIFICATE");
    std::string key_pem = read_text(vector_path(file + ".key.pem"));
    auto key = PrivateKey::load(as_bytes(key_pem));
    auto store = std::make_shared<x509::TrustStore>();
    if (!chain.ok() || !key.ok() || !store->load_pem(read_text(vector_path("ca.pem"))).ok()) return;
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

const Setup& setup(size_t kind = 0) {
  static const Setup s[] = {Setup(kServerKinds[0]), Setup(kServerKinds[1]), Setup(kServerKinds[2])};
  return s[kind];
}

// The process's CPU clock, not the thread's: Botan 2 runs one of an RSA private operation's two
// CRT exponentiations on its own thread pool, which the calling thread's clock never sees. Both
// roles run in this one thread, one call at a time, so the process's time is the caller's.
double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

enum class Role { client, server };

// The role whose instructions callgrind collects, from $TLSOCK_BENCH_COLLECT ("client" or
// "server"; run under `valgrind --tool=callgrind --collect-atstart=no`). Instruction counts stay
// repeatable when the CPU is shared, unlike the CPU times.
std::optional<Role> collected_role() {
  static const std::optional<Role> role = []() -> std::optional<Role> {
    const char* env = std::getenv("TLSOCK_BENCH_COLLECT");
    if (env == nullptr) return std::nullopt;
    if (std::string(env) == "client") return Role::client;
    if (std::string(env) == "server") return Role::server;
    return std::nullopt;
  }();
  return role;
}

struct Timing {
  double client = 0;
  double server = 0;
  bool ok = false;
};

// Runs f and charges its CPU time (and, under callgrind, its instructions) to `role`.
template <class F>
auto charge(Role role, Timing& t, F&& f) {
  const bool collect = collected_role() == role;
  if (collect) CALLGRIND_TOGGLE_COLLECT;
  const double t0 = cpu_seconds();
  auto result = f();
  (role == Role::client ? t.client : t.server) += cpu_seconds() - t0;
  if (collect) CALLGRIND_TOGGLE_COLLECT;
  return result;
}

// Moves a's output into b; returns false when nothing moved. Time spent in b is charged to b.
bool transfer(Connection& from, Connection& to, Role to_role, Timing& t) {
  bool moved = false;
  while (from.has_output()) {
    auto took = charge(to_role, t, [&] { return to.feed(from.pending_output()); });
    if (!took.ok() || *took == 0) break;
    from.consume_output(*took);
    moved = true;
  }
  return moved;
}

Timing one_handshake(const Setup& s, std::optional<Connection>* keep_client = nullptr,
                     std::optional<Connection>* keep_server = nullptr) {
  Timing t;
  auto c = charge(Role::client, t,
                  [&] { return Connection::client(s.client, default_provider(), s.client_options); });
  auto sv = charge(Role::server, t, [&] { return Connection::server(s.server, default_provider()); });
  if (!c.ok() || !sv.ok()) return t;
  for (int i = 0; i < 20; ++i) {
    bool a = transfer(*c, *sv, Role::server, t);
    bool b = transfer(*sv, *c, Role::client, t);
    if (!a && !b) break;
  }
  t.ok = c->handshake_done() && sv->handshake_done() && !c->failed() && !sv->failed();
  if (keep_client) keep_client->emplace(std::move(*c));
  if (keep_server) keep_server->emplace(std::move(*sv));
  return t;
}

void BM_Handshake13(benchmark::State& state) {
  const auto kind = static_cast<size_t>(state.range(1));
  const Setup& s = setup(kind);
  if (!s.ok) {
    state.SkipWithError("cannot load vectors/engine");
    return;
  }
  const bool client_side = state.range(0) == 0;
  for (auto _ : state) {
    Timing t = one_handshake(s);
    if (!t.ok) {
      state.SkipWithError("handshake failed");
      return;
    }
    state.SetIterationTime(client_side ? t.client : t.server);
  }
  const std::string key = kServerKinds[kind].label;
  state.SetLabel(client_side ? "client (x25519, verifies the " + key + " leaf, P-256 CA)"
                             : "server (x25519, signs " + key + ")");
}
BENCHMARK(BM_Handshake13)
    ->ArgsProduct({{0, 1}, {0, 1, 2}})
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

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
      Timing t = one_handshake(setup(), &c, &s);
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
