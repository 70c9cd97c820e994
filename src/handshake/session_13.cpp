#include "handshake/session_13.hpp"

#include <algorithm>
#include <string>

#include "handshake/wire.hpp"

namespace tlsock {

namespace {
// The first byte of a sealed ticket's plaintext: which protocol version's state follows, so a
// ticket is never used across versions (a TLS 1.2 ticket has another first byte).
constexpr uint8_t kTicketFormatTls13 = 0x13;
}  // namespace

Result<Bytes> TicketContents::encode() const {
  return write_bytes([&](Writer& w) {
    w.u8(kTicketFormatTls13);
    w.u16(static_cast<uint16_t>(suite));
    w.vec8(psk);
    w.u32(ticket_age_add);
    w.u32(lifetime_seconds);
    w.u64(static_cast<uint64_t>(issued_at_ms));
    w.u64(static_cast<uint64_t>(session_created_ms));
    w.vec16(as_bytes(server_name));
    w.vec8(as_bytes(alpn));
  });
}

Result<TicketContents> TicketContents::decode(ByteView b) {
  return decode_whole(b, "ticket", [](Reader& r) -> Result<TicketContents> {
    TicketContents t;
    TLSOCK_TRY_ASSIGN(uint8_t format, r.u8());
    if (format != kTicketFormatTls13) return decode_error("ticket: not a TLS 1.3 ticket");
    TLSOCK_TRY_ASSIGN(uint16_t suite, r.u16());
    t.suite = static_cast<CipherSuite>(suite);
    TLSOCK_TRY_ASSIGN(ByteView psk, r.vec8(1));
    t.psk = Secret(psk);
    TLSOCK_TRY_ASSIGN(t.ticket_age_add, r.u32());
    TLSOCK_TRY_ASSIGN(t.lifetime_seconds, r.u32());
    TLSOCK_TRY_ASSIGN(uint64_t issued, r.u64());
    t.issued_at_ms = static_cast<int64_t>(issued);
    TLSOCK_TRY_ASSIGN(uint64_t created, r.u64());
    t.session_created_ms = static_cast<int64_t>(created);
    TLSOCK_TRY_ASSIGN(ByteView sni, r.vec16());
    t.server_name = std::string(as_chars(sni));
    TLSOCK_TRY_ASSIGN(ByteView alpn, r.vec8());
    t.alpn = std::string(as_chars(alpn));
    return t;
  });
}

TicketSealer::TicketSealer(uint32_t rotation_seconds, uint64_t max_units_per_key)
    : rotation_seconds_(std::clamp<uint32_t>(rotation_seconds, 1, kMaxTicketKeyRotationSeconds)),
      max_units_(max_units_per_key) {}

TicketSealer::~TicketSealer() = default;

Status TicketSealer::set_rotation_seconds(uint32_t seconds) {
  if (seconds == 0 || seconds > kMaxTicketKeyRotationSeconds) {
    return config_error("ticket key rotation must be 1.." +
                        std::to_string(kMaxTicketKeyRotationSeconds) + " seconds");
  }
  rotation_seconds_ = seconds;
  return {};
}

void TicketSealer::expire_keys(int64_t now_ms) {
  if (current_ && !current_->retired_ms &&
      (now_ms >= current_->created_ms + period_ms() || current_->units >= max_units_)) {
    current_->retired_ms = std::min(now_ms, current_->created_ms + period_ms());
    // A key retired early for its usage bound pushes the previous one out at once: under that
    // load (2^24 tickets within one period) the older tickets give full handshakes.
    previous_ = std::move(current_);
    current_.reset();
  }
  // A retired key opens for one more period (a clock that went back keeps it too).
  if (previous_ && now_ms >= *previous_->retired_ms + period_ms()) previous_.reset();
}

Result<Bytes> TicketSealer::seal(ByteView plaintext, Provider& provider) {
  int64_t now = provider.clock.now_ms();
  expire_keys(now);
  if (!current_) {
    Key k;
    provider.rng.fill(k.id);
    Secret key(32);
    provider.rng.fill(key.mutable_view());
    TLSOCK_TRY_ASSIGN(k.aead, Aead::create(AeadAlgorithm::aes_256_gcm, key));
    k.created_ms = now;
    current_ = std::move(k);
  }
  Key& k = *current_;
  uint64_t counter = k.units;
  k.units += 1 + plaintext.size() / kMaxPlaintextLength;
  Bytes out(k.id.begin(), k.id.end());
  for (int b = 7; b >= 0; --b) out.push_back(static_cast<uint8_t>(counter >> (8 * b)));
  Bytes nonce(out.begin(), out.end());
  size_t start = out.size();
  out.insert(out.end(), plaintext.begin(), plaintext.end());
  out.resize(out.size() + kAeadTagLength);
  // The key id is authenticated as associated data.
  TLSOCK_TRY(k.aead->seal(nonce, ByteView(k.id), MutableByteView(out).subspan(start),
                          plaintext.size()));
  return out;
}

std::optional<Secret> TicketSealer::open(ByteView ticket, Provider& provider) {
  expire_keys(provider.clock.now_ms());
  if (ticket.size() < kAeadNonceLength + kAeadTagLength) return std::nullopt;
  for (std::optional<Key>* k : {&current_, &previous_}) {
    if (!*k || !std::equal((*k)->id.begin(), (*k)->id.end(), ticket.begin())) continue;
    Secret buf(ticket.subspan(kAeadNonceLength));
    auto n = (*k)->aead->open(ticket.first(kAeadNonceLength), ByteView((*k)->id),
                              buf.mutable_view());
    if (!n.ok()) continue;  // the other key may share the id
    return Secret(buf.view().first(*n));
  }
  return std::nullopt;
}

}  // namespace tlsock
