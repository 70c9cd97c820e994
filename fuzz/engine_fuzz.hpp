// Shared by fuzz/engine_client.cpp, fuzz/engine_server.cpp and the seed generator
// (fuzz/seeds/make_seed_corpus.cpp): the engine under test, fed arbitrary peer bytes, then poked
// at every entry point. It must never crash, read out of bounds or loop; once it fails, the
// error must be sticky and its alert sent at most once.
//
// An input is: byte 0, the chunk size - 1 (1..256 bytes per feed()); byte 1, a Scenario; then
// what the peer sent. The engine draws from a fixed RNG and clock, so a transcript recorded
// against a real peer replays byte for byte; in fuzzer mode (src/common/fuzzer_mode.hpp) its
// mutations also get past Finished, signatures and record protection, into every state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "crypto/provider.hpp"
#include "engine/connection.hpp"
#include "handshake/session_13.hpp"
#include "x509/pem.hpp"

namespace tlsock::fuzz {

enum Scenario : uint8_t {
  kTls12 = 1u << 0,             // the engine also negotiates TLS 1.2
  kResume = 1u << 1,            // client: offers the session of resumable_session()
  kPostHandshakeAuth = 1u << 2  // server: asks for the client's certificate once connected
};

inline constexpr int64_t kTimeMs = 1811808000000;  // inside the test certificates' validity

inline CertifiedKey load_identity(const std::string& name) {
  auto read = [](const std::string& file) {
    std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/engine/" + file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  auto chain = x509::pem_decode_label(read(name + ".pem"), "CERTIFICATE");
  std::string key_pem = read(name + ".key.pem");
  auto key = PrivateKey::load(as_bytes(key_pem));
  if (!chain.ok() || chain->empty() || !key.ok()) std::abort();
  return CertifiedKey{*chain, *key, {}};
}

inline const CertifiedKey& server_identity() {
  static const CertifiedKey id = load_identity("server-p256");
  return id;
}
inline const CertifiedKey& client_identity() {
  static const CertifiedKey id = load_identity("client-p256");
  return id;
}

// A ticket sealer whose key comes from its own fixed RNG, the same in every run, so a ticket
// recorded in one process (a resumption seed) opens in another. The sealer makes its key at
// the first seal, from that connection's RNG: one seal here first makes it from `seed`. Every
// engine runs at kTimeMs, so the key never rotates, and it has no usage bound to replace it.
class FixedKeySealer : public TicketSealer {
 public:
  explicit FixedKeySealer(uint64_t seed)
      : TicketSealer(kDefaultTicketKeyRotationSeconds, UINT64_MAX) {
    ScriptedRng rng(seed);
    FixedClock clock(kTimeMs);
    Provider provider{rng, clock};
    if (!seal({}, provider).ok()) std::abort();
  }
};

// One ticket key for the whole process.
inline TicketSealer& ticket_sealer() {
  static FixedKeySealer sealer(3);
  return sealer;
}

// Feeds `in` to c in chunks, reading all application data. Stops when c stops taking bytes.
inline void feed_all(Connection& c, ByteView in, size_t chunk, const std::function<void()>& after) {
  while (!in.empty()) {
    auto took = c.feed(in.first(std::min(chunk, in.size())));
    if (!took.ok()) return;
    uint8_t buf[512];
    bool read_any = false;
    for (;;) {
      auto n = c.read_app(buf);
      if (!n.ok() || *n == 0) break;
      read_any = true;
    }
    after();
    if (*took == 0 && !read_any) return;
    in = in.subspan(*took);
  }
}

std::optional<ClientSession13> resumable_session();

// The engine under test: its configuration per role and Scenario, and what it does on its own
// (the server's post-handshake CertificateRequest).
class Engine {
 public:
  Engine(Role role, uint8_t scenario) : scenario_(scenario) {
    ConnectionOptions options;
    options.verify = VerifyPolicy{};  // no trust anchors: any parsable leaf's key is used
    if (scenario & kTls12) options.min_version = ProtocolVersion::tls1_2;
    auto c = role == Role::client ? client(options) : server(options);
    if (!c.ok()) std::abort();
    conn_.emplace(std::move(*c));
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Connection& conn() { return *conn_; }

  // keep_output false: what the engine sends is dropped as it comes (nobody reads it).
  void feed(ByteView in, size_t chunk, bool keep_output) {
    feed_all(*conn_, in, chunk, [this, keep_output] {
      if (!keep_output) conn_->consume_output(conn_->pending_output().size());
      if ((scenario_ & kPostHandshakeAuth) && !asked_ && conn_->handshake_done()) {
        asked_ = true;
        (void)conn_->request_client_certificate();
      }
    });
  }

 private:
  Result<Connection> client(ConnectionOptions& options) {
    ClientConfig config;
    config.server_name = "localhost";
    config.alpn = {"h2", "http/1.1"};
    config.certificate = client_identity();
    config.post_handshake_auth = true;
    config.record_size_limit = 1024;
    options.key_log = [](std::string_view) {};
    if (scenario_ & kResume) options.session = resumable_session();
    return Connection::client(config, Provider{rng_, clock_}, options);
  }

  Result<Connection> server(ConnectionOptions& options) {
    ServerConfig config;
    config.certificates.push_back(server_identity());
    config.alpn = {"http/1.1"};
    config.client_auth = ClientAuth::optional;
    config.defer_client_auth = (scenario_ & kPostHandshakeAuth) != 0;
    config.strict_group_preference = true;  // x25519 or a HelloRetryRequest
    config.tickets = &ticket_sealer();
    config.record_size_limit = 2048;
    return Connection::server(config, Provider{rng_, clock_}, options);
  }

  uint8_t scenario_;
  ScriptedRng rng_{1};
  FixedClock clock_{kTimeMs};
  std::optional<Connection> conn_;
  bool asked_ = false;
};

// The peer's moves once connected, for recording transcripts (run_pair).
struct PeerMoves {
  bool key_update = false;           // a KeyUpdate asking for one back
  bool request_certificate = false;  // server: a post-handshake CertificateRequest
};

// Runs the engine against a real peer until both are quiet, the peer sending application data
// and `moves` once connected and close_notify at the end. Returns what the peer sent.
inline Bytes run_pair(Engine& engine, Connection& peer, PeerMoves moves) {
  Bytes sent;
  bool connected = false, closing = false;
  for (int round = 0; round < 64; ++round) {
    ByteView out = engine.conn().pending_output();
    const bool engine_sent = !out.empty();
    feed_all(peer, out, out.size(), [] {});
    engine.conn().consume_output(out.size());
    if (!connected && peer.handshake_done() && !peer.failed()) {
      connected = true;
      (void)peer.write_app(as_bytes("hello from the peer"));
      if (moves.key_update) (void)peer.key_update(true);
      if (moves.request_certificate) (void)peer.request_client_certificate();
    }
    ByteView back = peer.pending_output();
    if (back.empty() && !engine_sent) {
      if (closing || peer.failed()) break;
      closing = true;
      (void)peer.close();
      back = peer.pending_output();
    }
    Bytes copy(back.begin(), back.end());
    peer.consume_output(back.size());
    sent.insert(sent.end(), copy.begin(), copy.end());
    engine.feed(copy, 256, /*keep_output=*/true);
  }
  return sent;
}

// A server for the client engine's resumption: the client's session is the one this server's
// tickets open, and the seed generator runs the same server for the resumed handshake.
inline Result<Connection> resumption_peer(Provider provider) {
  static FixedKeySealer sealer(4);
  ServerConfig config;
  config.certificates.push_back(server_identity());
  config.tickets = &sealer;
  return Connection::server(config, provider, ConnectionOptions{});
}

inline std::optional<ClientSession13> resumable_session() {
  static const std::optional<ClientSession13> session = [] {
    Engine engine(Role::client, 0);
    ScriptedRng rng(5);
    FixedClock clock(kTimeMs);
    auto peer = resumption_peer(Provider{rng, clock});
    if (!peer.ok()) std::abort();
    run_pair(engine, *peer, {});
    return engine.conn().latest_session();
  }();
  return session;
}

// The fuzz target: feeds the input's peer bytes, then every entry point.
inline void drive(Role role, const uint8_t* data, size_t size) {
  if (size < 2) return;
  Engine engine(role, data[1]);
  Connection& c = engine.conn();
  engine.feed(ByteView(data + 2, size - 2), size_t{data[0]} + 1, /*keep_output=*/false);
  (void)c.write_app(as_bytes("response"));
  (void)c.key_update(true);
  if (c.failed()) {
    // Sticky: the same error again, and no second alert.
    Error first = *c.error();
    c.consume_output(c.pending_output().size());
    auto again = c.feed(as_bytes("x"));
    if (again.ok() || again.error().alert != first.alert || c.has_output()) std::abort();
  }
  (void)c.close();
}

}  // namespace tlsock::fuzz
