#include "handshake/session_13.hpp"

#include <utility>

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
    TLSOCK_TRY_ASSIGN(ByteView sni, r.vec16());
    t.server_name = std::string(as_chars(sni));
    TLSOCK_TRY_ASSIGN(ByteView alpn, r.vec8());
    t.alpn = std::string(as_chars(alpn));
    return t;
  });
}

TicketSealer::Key TicketSealer::make_key(Rng& rng) {
  Key k;
  rng.fill(k.id);
  Secret key(32);
  rng.fill(key.mutable_view());
  auto aead = Aead::create(AeadAlgorithm::aes_256_gcm, key);
  if (aead.ok()) k.aead = std::move(*aead);
  return k;
}

TicketSealer::TicketSealer(Rng& rng) : current_(make_key(rng)) {}

TicketSealer::~TicketSealer() = default;

void TicketSealer::rotate(Rng& rng) {
  Key fresh = make_key(rng);
  std::lock_guard lock(mutex_);
  previous_ = std::exchange(current_, std::move(fresh));
}

Result<Bytes> TicketSealer::seal(ByteView plaintext, Rng& rng) const {
  std::lock_guard lock(mutex_);
  if (!current_.aead) return internal_error("ticket sealer has no key");
  Bytes out(current_.id.begin(), current_.id.end());
  out.resize(4 + kAeadNonceLength);
  rng.fill(MutableByteView(out).subspan(4, kAeadNonceLength));
  Bytes nonce(out.begin() + 4, out.end());
  size_t start = out.size();
  out.insert(out.end(), plaintext.begin(), plaintext.end());
  out.resize(out.size() + kAeadTagLength);
  // The key id is authenticated as associated data.
  TLSOCK_TRY(current_.aead->seal(nonce, ByteView(current_.id), MutableByteView(out).subspan(start),
                                 plaintext.size()));
  return out;
}

std::optional<Bytes> TicketSealer::open(ByteView ticket) const {
  if (ticket.size() < 4 + kAeadNonceLength + kAeadTagLength) return std::nullopt;
  std::lock_guard lock(mutex_);
  for (const Key* k : {&current_, &previous_}) {
    if (!k->aead || !std::equal(k->id.begin(), k->id.end(), ticket.begin())) continue;
    Bytes buf(ticket.begin() + 4 + kAeadNonceLength, ticket.end());
    auto n = k->aead->open(ticket.subspan(4, kAeadNonceLength), ByteView(k->id), buf);
    if (!n.ok()) return std::nullopt;
    buf.resize(*n);
    return buf;
  }
  return std::nullopt;
}

}  // namespace tlsock
