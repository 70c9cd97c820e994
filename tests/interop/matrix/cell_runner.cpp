#include "cell_runner.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <algorithm>
#include <exception>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "../child_process.hpp"
#include "../socket_pump.hpp"
#include "common/bytes.hpp"
#include "crypto/hash.hpp"
#include "tlsock/tlsock.hpp"

namespace tlsock::interop::matrix {

namespace {

using namespace std::chrono_literals;

constexpr double kSocketTimeout = 10.0;  // seconds: any single read or write
constexpr double kBulkSocketTimeout = 60.0;  // seconds: one sendall / recv of a bulk cell
constexpr auto kWait = 10s;              // the peer printing something
constexpr auto kBulkWait = 60s;          // the peer hashing 10 MiB
constexpr size_t kBulkSize = 10 * 1024 * 1024;

struct CellFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void expect(bool ok, const std::string& what) {
  if (!ok) throw CellFailure(what);
}

std::string hex(ByteView bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::string common_name(const std::optional<PeerCertificate>& cert) {
  if (!cert) return "(no certificate)";
  for (const auto& rdn : cert->subject) {
    for (const auto& attribute : rdn) {
      if (attribute.name == "commonName") return attribute.value;
    }
  }
  return "(no commonName)";
}

// The peer program of a cell, in its own process group (a bulk cell runs a pipeline).
class Peer {
 public:
  Peer(const Column& column, const Case& c, uint16_t port, const BulkData& bulk)
      : command_(peer_command(column, c, port, bulk)), child_(command_.argv, ProcessGroup::own) {
    expect(child_.started(), "cannot start " + command_.argv[0]);
  }
  ChildProcess& child() { return child_; }
  bool echoes() const { return command_.echoes; }
  void check_evidence(std::chrono::milliseconds wait) const {
    for (const auto& e : command_.evidence) {
      expect(child_.wait_for_output(e, wait), "the peer did not print \"" + e + "\"");
    }
  }
  // Runs the cell's body; a failure carries the end of the peer's output.
  template <typename Body>
  void run(Body body) {
    try {
      body();
    } catch (const std::exception& e) {
      std::string out = child_.output();
      if (out.size() > 1500) out = "..." + out.substr(out.size() - 1500);
      throw CellFailure(std::string(e.what()) + "\n--- peer output ---\n" + out);
    }
  }

 private:
  PeerCommand command_;
  ChildProcess child_;
};

// --- tlsock's side ----------------------------------------------------------------------------

SSLContext client_context(const Case& c) {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cafile = vector_file("ca.pem")});
  if (c.group != nullptr) ctx.set_ecdh_curve(c.group->tlsock);
  if (c.feature == Feature::client_auth) {
    ctx.load_cert_chain(vector_file(std::string(kClientIdentity) + ".pem"),
                        vector_file(std::string(kClientIdentity) + ".key.pem"));
  }
  if (c.feature == Feature::alpn) ctx.set_alpn_protocols({"h2", "http/1.1"});
  return ctx;
}

SSLContext server_context(const Case& c, std::shared_ptr<std::string> sni_seen) {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(vector_file(c.identity + ".pem"), vector_file(c.identity + ".key.pem"));
  if (c.group != nullptr) ctx.set_ecdh_curve(c.group->tlsock);
  if (c.feature == Feature::hello_retry) ctx.set_ecdh_curve(kP384.tlsock);
  if (c.feature == Feature::client_auth || c.feature == Feature::post_handshake_auth) {
    ctx.load_verify_locations({.cafile = vector_file("ca.pem")});
    ctx.set_verify_mode(CERT_REQUIRED);
  }
  if (c.feature == Feature::post_handshake_auth) ctx.set_post_handshake_auth(true);
  if (c.feature == Feature::alpn) ctx.set_alpn_protocols({"http/1.1"});
  if (c.feature == Feature::sni) {
    ctx.set_sni_callback([sni_seen](SSLConnection&, std::optional<std::string_view> name,
                                    SSLContext&) -> std::optional<AlertDescription> {
      *sni_seen = name ? std::string(*name) : "(no server name)";
      return std::nullopt;
    });
  }
  return ctx;
}

// Connects to the peer server. Not every peer mode prints a readiness line (s_server -quiet
// prints nothing), so a refused connection is retried until the deadline or the peer's exit.
SSLSocket connect_to(SSLContext& ctx, Peer& peer, uint16_t port, const std::string& hostname,
                     std::optional<SSLSession> session = std::nullopt) {
  const auto deadline = Clock::now() + kWait;
  for (;;) {
    Socket raw(AF_INET, SOCK_STREAM);
    raw.settimeout(kSocketTimeout);
    const int err = raw.connect_ex({"127.0.0.1", port});
    if (err == 0) {
      return ctx.wrap_socket(std::move(raw), {.server_hostname = hostname, .session = session});
    }
    expect(err == ECONNREFUSED && Clock::now() < deadline && !peer.child().exited(),
           std::string("cannot connect to the peer: ") + std::strerror(err));
    std::this_thread::sleep_for(20ms);
  }
}

SSLSocket accept_from(SSLContext& ctx, Socket& listener) {
  auto [raw, address] = listener.accept();
  raw.settimeout(kSocketTimeout);
  return ctx.wrap_socket(std::move(raw), {.server_side = true});
}

void read_until(SSLSocket& s, const std::string& needle) {
  std::string got;
  while (got.find(needle) == std::string::npos) {
    std::string chunk = s.recv(16384);
    expect(!chunk.empty(), "the peer closed before sending \"" + needle.substr(0, needle.size() - 1) + "\"");
    got += chunk;
  }
}

// One line each way: tlsock's reaches the peer's output (or comes back from an echo server),
// the peer's typed line reaches tlsock.
void exchange(SSLSocket& s, Peer& peer, const std::string& tag) {
  const std::string ours = "tlsock says " + tag + "\n";
  s.sendall(ours);
  if (peer.echoes()) {
    read_until(s, ours);
    return;
  }
  expect(peer.child().wait_for_output(ours, kWait), "the peer did not print what tlsock sent");
  const std::string theirs = "peer says " + tag + "\n";
  expect(peer.child().write_stdin(theirs), "the peer's stdin is closed");
  read_until(s, theirs);
}

// The bulk data to the peer and as much back, hashed as it arrives. Never both directions at
// once on one SSLSocket: a recv() waits behind a sendall() that waits for the socket to drain
// (the driver flushes after every read under the send lock), and a peer that does not read
// while its own write is blocked (s_server, s_client, gnutls-serv, gnutls-cli) then never
// drains it. So: an echo peer gets the data in chunks, each read back before the next; a
// peer that sends the file first is read to the end, then gets ours.
void transfer(SSLSocket& s, Peer& peer, const BulkData& bulk) {
  constexpr size_t kChunk = 256 * 1024;
  s.settimeout(kBulkSocketTimeout);
  const std::string_view data = bulk.bytes;
  Hash hash(HashAlgorithm::sha256);
  size_t received = 0;
  auto receive_until = [&](size_t total) {
    while (received < total) {
      std::string chunk = s.recv(static_cast<std::ptrdiff_t>(std::min<size_t>(65536, total - received)));
      expect(!chunk.empty(), "the peer closed after " + std::to_string(received) + " bytes");
      hash.update(as_bytes(chunk));
      received += chunk.size();
    }
  };
  if (peer.echoes()) {
    for (size_t at = 0; at < data.size(); at += kChunk) {
      const std::string_view piece = data.substr(at, kChunk);
      s.sendall(piece);
      receive_until(at + piece.size());
    }
  } else {
    expect(peer.child().write_stdin(kBulkGo), "the peer's stdin is closed");
    receive_until(data.size());
    s.sendall(data);
  }
  expect(hex(hash.digest()) == bulk.sha256_hex, "the bytes received hash differently");
}

// close_notify both ways; a peer that answers ours by closing TCP without its own
// close_notify is done too (it has read everything before ours).
void close_tls(SSLSocket& s) {
  try {
    s.unwrap().close();
  } catch (const SSLEOFError&) {
  }
}

void check_common(SSLSocket& s, const Case& c) {
  expect(s.version() == std::string(version_name(c.version)),
         "version " + s.version().value_or("none") + ", expected " + version_name(c.version));
  if (c.suite != nullptr) {
    const std::string want = c.version == Version::tls13 ? c.suite->iana : c.suite->openssl;
    const auto cipher = s.cipher();
    expect(cipher && cipher->name == want, "cipher " + (cipher ? cipher->name : "none") + ", expected " + want);
  }
}

void client_body(const Case& c, const BulkData& bulk, Peer& peer, uint16_t port);
void server_body(const Case& c, const BulkData& bulk, Peer& peer, Socket& listener,
                 SSLContext& ctx, const std::string& sni_seen);

// tlsock connects to the peer server.
void run_as_client(const Column& column, const Case& c, const BulkData& bulk) {
  const uint16_t port = pick_free_port();
  Peer peer(column, c, port, bulk);
  peer.run([&] { client_body(c, bulk, peer, port); });
}

void client_body(const Case& c, const BulkData& bulk, Peer& peer, uint16_t port) {
  SSLContext ctx = client_context(c);
  const std::string hostname = c.feature == Feature::sni ? "example.test" : "localhost";
  SSLSocket s = connect_to(ctx, peer, port, hostname);
  check_common(s, c);
  expect(common_name(s.getpeercert()) == c.identity,
         "peer certificate " + common_name(s.getpeercert()) + ", expected " + c.identity);
  if (c.feature == Feature::bulk) {
    transfer(s, peer, bulk);
    close_tls(s);
    peer.check_evidence(kBulkWait);
    return;
  }
  if (c.feature == Feature::alpn) {
    expect(s.selected_alpn_protocol() == std::string("http/1.1"),
           "ALPN " + s.selected_alpn_protocol().value_or("none"));
  }
  exchange(s, peer, "1");
  if (c.feature == Feature::resumption) {
    // Reading the peer's line took in the tickets it sent after the handshake.
    std::optional<SSLSession> session = s.session();
    expect(session.has_value(), "no session to resume after the first connection");
    close_tls(s);
    SSLSocket again = connect_to(ctx, peer, port, hostname, session);
    expect(again.session_reused() == true, "the second connection did not resume");
    check_common(again, c);
    exchange(again, peer, "2");
  }
  peer.check_evidence(kWait);
}

// The peer client connects to tlsock's server.
void run_as_server(const Column& column, const Case& c, const BulkData& bulk) {
  Socket listener(AF_INET, SOCK_STREAM);
  listener.bind("127.0.0.1", 0);
  listener.listen();
  listener.settimeout(kSocketTimeout);
  auto sni_seen = std::make_shared<std::string>();
  SSLContext ctx = server_context(c, sni_seen);
  Peer peer(column, c, static_cast<uint16_t>(listener.getsockname().port), bulk);
  peer.run([&] { server_body(c, bulk, peer, listener, ctx, *sni_seen); });
}

void server_body(const Case& c, const BulkData& bulk, Peer& peer, Socket& listener,
                 SSLContext& ctx, const std::string& sni_seen) {
  SSLSocket s = accept_from(ctx, listener);
  if (c.feature == Feature::resumption) {
    // The peer disconnects after the handshake (and, TLS 1.3, the ticket), then resumes.
    while (!s.recv(16384).empty()) {
    }
    s = accept_from(ctx, listener);
    expect(s.session_reused() == true, "the second connection did not resume");
  }
  check_common(s, c);
  if (c.feature == Feature::bulk) {
    transfer(s, peer, bulk);
    close_tls(s);
    peer.check_evidence(kBulkWait);
    return;
  }
  switch (c.feature) {
    case Feature::client_auth:
      expect(common_name(s.getpeercert()) == kClientIdentity,
             "client certificate " + common_name(s.getpeercert()));
      break;
    case Feature::alpn:
      expect(s.selected_alpn_protocol() == std::string("http/1.1"),
             "ALPN " + s.selected_alpn_protocol().value_or("none"));
      break;
    case Feature::sni:
      expect(sni_seen == "example.test", "server name seen: \"" + sni_seen + "\"");
      break;
    default: break;
  }
  exchange(s, peer, "1");
  if (c.feature == Feature::post_handshake_auth) {
    expect(!s.getpeercert().has_value(), "a client certificate before it was asked for");
    s.verify_client_post_handshake();
    exchange(s, peer, "2");  // our write carries the request; the answer precedes their line
    expect(common_name(s.getpeercert()) == kClientIdentity,
           "client certificate after the request: " + common_name(s.getpeercert()));
  }
  if (c.feature == Feature::key_update) {
    // gnutls-cli's inline commands: rekey1 updates its keys and asks tlsock to update too.
    for (const std::string command : {"rekey1", "rekey"}) {
      expect(peer.child().write_stdin("^" + command + "^\n"), "the peer's stdin is closed");
      exchange(s, peer, "after " + command);
    }
  }
  peer.check_evidence(kWait);
}

}  // namespace

CellResult run_cell(const Column& column, const Case& c, const BulkData& bulk) {
  CellResult result;
  const auto start = Clock::now();
  try {
    if (column.peer_is_server) {
      run_as_client(column, c, bulk);
    } else {
      run_as_server(column, c, bulk);
    }
    result.passed = true;
  } catch (const std::exception& e) {
    result.detail = e.what();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

BulkData make_bulk_data() {
  BulkData bulk;
  bulk.bytes.resize(kBulkSize);
  // Lines of 1023 pseudo-random base64 characters: gnutls-serv --echo echoes text only (it
  // stops at a NUL byte), and the line-reading peers see lines of a sane length.
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint64_t x = 0x9e3779b97f4a7c15ULL;  // xorshift64
  for (size_t i = 0; i < bulk.bytes.size(); ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    bulk.bytes[i] = i % 1024 == 1023 ? '\n' : kAlphabet[x >> 58];
  }
  bulk.sha256_hex = hex(Hash::compute(HashAlgorithm::sha256, as_bytes(bulk.bytes)));
  char path[] = "/tmp/tlsock-matrix-bulk-XXXXXX";
  const int fd = mkstemp(path);
  if (fd >= 0) {
    close(fd);
    bulk.path = path;
    std::ofstream(bulk.path, std::ios::binary) << bulk.bytes;
  }
  return bulk;
}

}  // namespace tlsock::interop::matrix
