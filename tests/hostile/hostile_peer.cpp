#include "hostile/hostile_peer.hpp"

#include <algorithm>
#include <array>

#include "crypto/provider.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/messages/server_hello.hpp"
#include "tlsock/errors.hpp"
#include "unit/engine/engine_test_support.hpp"

namespace tlsock::hostile {
namespace {

Connection make_engine(Role role, const PeerSpec& spec, KeyLogCallback key_log) {
  ConnectionOptions options;
  options.min_version = spec.min_version;
  options.max_version = spec.max_version;
  options.key_log = std::move(key_log);
  Result<Connection> c = [&] {
    if (role == Role::client) {
      ClientConfig config;
      config.server_name = "localhost";
      options.verify = test::policy_trusting("ca.pem", std::string("localhost"));
      if (spec.client_setup) spec.client_setup(config, options);
      return Connection::client(config, default_provider(), std::move(options));
    }
    ServerConfig config;
    if (auto id = test::load_identity("server-p256")) config.certificates.push_back(std::move(*id));
    if (spec.server_setup) spec.server_setup(config, options);
    return Connection::server(config, default_provider(), std::move(options));
  }();
  if (!c.ok()) throw std::runtime_error("hostile peer: engine refused its configuration: " +
                                        c.error().message());
  return std::move(*c);
}

// "LABEL <client_random hex> <secret hex>"
struct KeyLogLine {
  std::string label;
  Bytes client_random;
  Bytes secret;
};

std::optional<KeyLogLine> parse_key_log(std::string_view line) {
  size_t a = line.find(' ');
  size_t b = line.find(' ', a + 1);
  if (a == std::string_view::npos || b == std::string_view::npos) return std::nullopt;
  KeyLogLine out{std::string(line.substr(0, a)), {}, {}};
  if (!from_hex(line.substr(a + 1, b - a - 1), out.client_random) ||
      !from_hex(line.substr(b + 1), out.secret))
    return std::nullopt;
  return out;
}

}  // namespace

HostilePeer::HostilePeer(Role role, const PeerSpec& spec, Socket& socket,
                         std::chrono::steady_clock::time_point deadline)
    : role_(role), socket_(socket), deadline_(deadline) {
  engine_.emplace(make_engine(role, spec, [this](std::string_view line) { on_key_log(line); }));
}

DirectionKeys& HostilePeer::keys_of(Role writer) {
  return writer == Role::client ? client_keys_ : server_keys_;
}

bool& HostilePeer::ccs_of(Role writer) { return writer == Role::client ? client_ccs_ : server_ccs_; }

bool HostilePeer::is_protected(Role writer, const WireRecord& r) {
  if (version_ == ProtocolVersion::tls1_2) return ccs_of(writer);
  return r.type == ContentType::application_data && keys_of(writer).has_keys();
}

void HostilePeer::on_key_log(std::string_view line) {
  auto kl = parse_key_log(line);
  if (!kl) return;
  if (kl->label == "CLIENT_HANDSHAKE_TRAFFIC_SECRET") client_keys_.set_secret_13(0, kl->secret);
  if (kl->label == "SERVER_HANDSHAKE_TRAFFIC_SECRET") server_keys_.set_secret_13(0, kl->secret);
  if (kl->label == "CLIENT_TRAFFIC_SECRET_0") client_keys_.set_secret_13(1, kl->secret);
  if (kl->label == "SERVER_TRAFFIC_SECRET_0") server_keys_.set_secret_13(1, kl->secret);
  if (kl->label == "CLIENT_RANDOM") {
    client_random_ = kl->client_random;
    master_secret_12_ = Secret(ByteView(kl->secret));
    install_12_keys();
  }
}

void HostilePeer::install_12_keys() {
  if (version_ != ProtocolVersion::tls1_2 || master_secret_12_.empty() || server_random_.empty())
    return;
  auto suite = tls12_suite(*suite_);
  if (!suite) return;
  KeyBlock12 kb = key_block_12(*suite, master_secret_12_.view(), client_random_, server_random_);
  client_keys_.set_key_12(suite->aead, kb.client_write_key.view(), kb.client_write_iv.view());
  server_keys_.set_key_12(suite->aead, kb.server_write_key.view(), kb.server_write_iv.view());
}

// The ServerHello (either side's) tells the version, suite and server random; the facade's
// first one also what kind of hello it was.
void HostilePeer::note_hello(bool from_facade, ByteView content) {
  if (content.size() < 4 || content[0] != static_cast<uint8_t>(HandshakeType::server_hello)) return;
  size_t length = (size_t{content[1]} << 16) | (size_t{content[2]} << 8) | content[3];
  if (content.size() < 4 + length) return;
  auto sh = ServerHello::decode(content.subspan(4, length));
  if (!sh.ok()) return;
  if (from_facade) hellos_.push_back(sh->is_hello_retry_request() ? "hello_retry_request" : "server_hello");
  if (sh->is_hello_retry_request()) return;
  ProtocolVersion v = sh->legacy_version;
  if (const Extension* sv = sh->extensions.find(ExtensionType::supported_versions);
      sv != nullptr && sv->body.size() == 2)
    v = static_cast<ProtocolVersion>((sv->body[0] << 8) | sv->body[1]);
  version_ = v;
  suite_ = sh->cipher_suite;
  server_random_.assign(sh->random.begin(), sh->random.end());
  if (v == ProtocolVersion::tls1_3) {
    if (auto s = tls13_suite(sh->cipher_suite)) {
      client_keys_.set_suite_13(*s);
      server_keys_.set_suite_13(*s);
    }
  }
  install_12_keys();
}

Flight HostilePeer::take_flight() {
  Flight flight;
  if (!engine_->has_output()) return flight;
  ByteView out = engine_->pending_output();
  Bytes buffer(out.begin(), out.end());
  engine_->consume_output(out.size());
  while (auto r = take_record(buffer)) {
    OutRecord o{r->type, r->body, std::nullopt, 0, r->version};
    if (is_protected(role_, *r)) {
      // A record the peer cannot open goes out as the engine sealed it.
      if (auto opened = keys_of(role_).open(*r)) {
        o.type = opened->type;
        o.content = std::move(opened->content);
        o.epoch = opened->epoch;
      }
    } else if (r->type == ContentType::change_cipher_spec) {
      ccs_of(role_) = true;
    } else if (r->type == ContentType::handshake) {
      note_hello(false, r->body);
    }
    flight.push_back(std::move(o));
  }
  return flight;
}

OutRecord HostilePeer::protected_record(ContentType type, Bytes content) const {
  const DirectionKeys& keys = role_ == Role::client ? client_keys_ : server_keys_;
  size_t epoch = keys.current_epoch();
  if (version_ == ProtocolVersion::tls1_3 && engine_->handshake_done()) epoch = std::max<size_t>(epoch, 1);
  return OutRecord{type, std::move(content), epoch};
}

Bytes HostilePeer::wire(const Flight& flight) {
  Bytes out;
  for (const OutRecord& o : flight) {
    Bytes record = o.epoch ? keys_of(role_).seal(*o.epoch, o.type, o.content, o.padding)
                           : frame(o.type, o.content, o.version);
    out.insert(out.end(), record.begin(), record.end());
  }
  return out;
}

void HostilePeer::send(const Flight& flight) { send_bytes(wire(flight)); }

void HostilePeer::send_bytes(ByteView bytes) {
  if (bytes.empty()) return;
  try {
    socket_.settimeout(1.0);
    socket_.sendall(bytes);
  } catch (const std::exception&) {
    // The facade closed or reset the connection: what it sent before is in the log.
  }
}

void HostilePeer::shutdown_write() {
  try {
    socket_.shutdown(SHUT_WR);
  } catch (const std::exception&) {
  }
}

void HostilePeer::feed_engine(ByteView data) {
  size_t offset = 0;
  std::array<uint8_t, 16384> app;
  while (offset < data.size() && !engine_->failed() && !engine_->peer_closed()) {
    auto taken = engine_->feed(data.subspan(offset));
    if (!taken.ok()) return;
    offset += *taken;
    bool read_any = false;
    for (;;) {
      auto n = engine_->read_app(MutableByteView(app));
      if (!n.ok() || *n == 0) break;
      read_any = true;
    }
    if (*taken == 0 && !read_any) return;
  }
}

void HostilePeer::log_records() {
  Role writer = facade_role();
  while (auto r = take_record(inbound_)) {
    SeenRecord s{r->type, r->body, false, true};
    if (is_protected(writer, *r)) {
      s.protected_record = true;
      auto opened = keys_of(writer).open(*r);
      s.opened = opened.has_value();
      if (opened) {
        s.type = opened->type;
        s.content = std::move(opened->content);
      }
    } else if (r->type == ContentType::change_cipher_spec) {
      ccs_of(writer) = true;
    } else if (r->type == ContentType::handshake) {
      note_hello(true, r->body);
    }
    seen_.push_back(std::move(s));
  }
}

bool HostilePeer::receive(double wait) {
  double left = std::chrono::duration<double>(deadline_ - std::chrono::steady_clock::now()).count();
  if (left <= 0 || eof_) return false;
  try {
    socket_.settimeout(std::max(0.001, std::min(wait, left)));
    std::string chunk = socket_.recv(65536);
    if (chunk.empty()) {
      eof_ = true;
      return false;
    }
    // The engine first: its key log gives the keys that open the facade's records.
    feed_engine(as_bytes(chunk));
    ByteView bytes = as_bytes(chunk);
    inbound_.insert(inbound_.end(), bytes.begin(), bytes.end());
    log_records();
    return true;
  } catch (const TimeoutError&) {
    return true;
  } catch (const std::exception&) {
    eof_ = true;  // reset: the connection is over
    return false;
  }
}

bool HostilePeer::relay(const Edit& edit, const std::function<bool()>& done) {
  for (;;) {
    Flight flight = take_flight();
    if (!flight.empty()) {
      if (edit) edit(flight, flights_);
      ++flights_;
      send(flight);
    }
    if (done()) return true;
    if (!receive()) return done();
  }
}

bool HostilePeer::relay_handshake(const Edit& edit) {
  return relay(edit, [this] { return engine_->handshake_done() || engine_->failed(); });
}

void HostilePeer::drain() {
  while (receive(0.1)) {
  }
}

std::string HostilePeer::verdict() const {
  bool unopened = false;
  for (const SeenRecord& s : seen_) {
    if (!s.opened) unopened = true;
    if (s.type != ContentType::alert || !s.opened || s.content.size() < 2) continue;
    auto level = static_cast<AlertLevel>(s.content[0]);
    auto description = static_cast<AlertDescription>(s.content[1]);
    if (description == AlertDescription::close_notify) return "close_notify";
    return (level == AlertLevel::fatal ? "alert:" : "warning:") + name(description);
  }
  if (unopened) return eof_ ? "unopened+eof" : "unopened";
  return eof_ ? "eof" : "silent";
}

}  // namespace tlsock::hostile
