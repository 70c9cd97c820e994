// Writes the seed corpora of the engine fuzzers. For each scenario below a real peer runs a
// handshake and some post-handshake traffic with the engine built exactly as the fuzz target
// builds it (fuzz/engine_fuzz.hpp: same configuration, fixed RNG and clock), and what the peer
// sent becomes one seed, replayed here once more to check it reaches the same state:
//   <dir>/engine_client/<scenario>   the server's bytes
//   <dir>/engine_server/<scenario>   the client's bytes
// Built only in fuzzer mode (fuzz/CMakeLists.txt): the seeds carry its null record protection,
// so they replay only there. Usage: fuzz_seed_corpus fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "engine_fuzz.hpp"

using namespace tlsock;
using fuzz::Engine;

namespace {

struct PeerSetup {
  uint8_t scenario = 0;  // of the engine under test
  fuzz::PeerMoves moves;
  ClientConfig client;   // the peer, when the engine is a server
  ServerConfig server;   // the peer, when the engine is a client
  ConnectionOptions options;
  bool tls12_only = false;
  bool resume = false;  // server engine: the peer resumes a session from a first handshake
};

ScriptedRng peer_rng(7);
FixedClock peer_clock(fuzz::kTimeMs);

Result<Connection> make_peer(Role engine_role, const PeerSetup& s) {
  Provider provider{peer_rng, peer_clock};
  if (engine_role == Role::server) return Connection::client(s.client, provider, s.options);
  if (s.scenario & fuzz::kResume) return fuzz::resumption_peer(provider);
  return Connection::server(s.server, provider, s.options);
}

PeerSetup base() {
  static fuzz::FixedKeySealer sealer(8);
  PeerSetup s;
  s.client.server_name = "localhost";
  s.client.alpn = {"http/1.1"};
  s.server.certificates.push_back(fuzz::server_identity());
  s.server.tickets = &sealer;
  s.options.verify = VerifyPolicy{};
  return s;
}

// The seed's input: chunk byte (256 per feed), the scenario, the peer's bytes.
Bytes record(Role engine_role, PeerSetup s) {
  if (s.tls12_only) {
    s.options.min_version = s.options.max_version = ProtocolVersion::tls1_2;
  }
  if (s.resume) {
    Engine first(engine_role, s.scenario);
    auto peer = make_peer(engine_role, s);
    if (!peer.ok()) return {};
    fuzz::run_pair(first, *peer, {});
    s.options.session = peer->latest_session();
    s.options.session12 = peer->latest_session12();
  }
  Engine engine(engine_role, s.scenario);
  auto peer = make_peer(engine_role, s);
  if (!peer.ok()) return {};
  Bytes sent = fuzz::run_pair(engine, *peer, s.moves);
  if (!engine.conn().handshake_done() || engine.conn().failed()) return {};
  Bytes input{0xff, s.scenario};
  input.insert(input.end(), sent.begin(), sent.end());
  return input;
}

// The seed, fed as the fuzz target feeds it, connects (and the resumed ones resume).
bool replays(Role engine_role, const Bytes& input, bool resumed) {
  Engine engine(engine_role, input[1]);
  engine.feed(ByteView(input).subspan(2), 256, /*keep_output=*/false);
  const Connection& c = engine.conn();
  return c.handshake_done() && !c.failed() && c.resumed() == resumed;
}

struct Seed {
  const char* name;
  Role engine_role;
  std::function<void(PeerSetup&)> setup;
};

const Seed kSeeds[] = {
    // The engine is the client; the peer is a server.
    {"tls13", Role::client, [](PeerSetup&) {}},
    {"tls13_client_auth", Role::client,
     [](PeerSetup& s) { s.server.client_auth = ClientAuth::required; }},
    {"tls13_hello_retry", Role::client,
     [](PeerSetup& s) {
       s.server.groups = {NamedGroup::secp256r1, NamedGroup::x25519};
       s.server.strict_group_preference = true;
     }},
    {"tls13_key_update", Role::client, [](PeerSetup& s) { s.moves.key_update = true; }},
    {"tls13_post_handshake_auth", Role::client,
     [](PeerSetup& s) { s.moves.request_certificate = true; }},
    {"tls13_resumed", Role::client, [](PeerSetup& s) { s.scenario = fuzz::kResume; }},
    {"tls12", Role::client,
     [](PeerSetup& s) {
       s.scenario = fuzz::kTls12;
       s.tls12_only = true;
     }},
    {"tls12_client_auth", Role::client,
     [](PeerSetup& s) {
       s.scenario = fuzz::kTls12;
       s.tls12_only = true;
       s.server.client_auth = ClientAuth::required;
     }},
    // The engine is the server; the peer is a client.
    {"tls13", Role::server, [](PeerSetup&) {}},
    {"tls13_client_auth", Role::server,
     [](PeerSetup& s) { s.client.certificate = fuzz::client_identity(); }},
    {"tls13_hello_retry", Role::server,
     [](PeerSetup& s) {
       s.client.groups = {NamedGroup::secp256r1, NamedGroup::x25519};
       s.client.key_share_groups = {NamedGroup::secp256r1};
     }},
    {"tls13_key_update", Role::server, [](PeerSetup& s) { s.moves.key_update = true; }},
    {"tls13_post_handshake_auth", Role::server,
     [](PeerSetup& s) {
       s.scenario = fuzz::kPostHandshakeAuth;
       s.client.post_handshake_auth = true;
       s.client.certificate = fuzz::client_identity();
     }},
    {"tls13_resumed", Role::server, [](PeerSetup& s) { s.resume = true; }},
    {"tls12", Role::server,
     [](PeerSetup& s) {
       s.scenario = fuzz::kTls12;
       s.tls12_only = true;
     }},
    {"tls12_client_auth", Role::server,
     [](PeerSetup& s) {
       s.scenario = fuzz::kTls12;
       s.tls12_only = true;
       s.client.certificate = fuzz::client_identity();
     }},
    {"tls12_resumed", Role::server,
     [](PeerSetup& s) {
       s.scenario = fuzz::kTls12;
       s.tls12_only = true;
       s.resume = true;
     }},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
    return 2;
  }
  int failures = 0;
  for (const Seed& seed : kSeeds) {
    PeerSetup s = base();
    seed.setup(s);
    const bool resumed = s.resume || (s.scenario & fuzz::kResume);
    const char* target = seed.engine_role == Role::client ? "engine_client" : "engine_server";
    Bytes input = record(seed.engine_role, s);
    if (input.empty() || !replays(seed.engine_role, input, resumed)) {
      std::fprintf(stderr, "%s/%s: the handshake does not complete or does not replay\n", target,
                   seed.name);
      ++failures;
      continue;
    }
    std::filesystem::path dir = std::filesystem::path(argv[1]) / target;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / seed.name, std::ios::binary)
        .write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
    std::printf("%s/%s: %zu bytes\n", target, seed.name, input.size());
  }
  return failures == 0 ? 0 : 1;
}
