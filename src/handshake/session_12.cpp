#include "handshake/session_12.hpp"

#include "handshake/session_lifetime.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

namespace {
// The first byte of a sealed TLS 1.2 ticket's plaintext (session_13.cpp uses 0x13).
constexpr uint8_t kTicketFormatTls12 = 0x12;
}  // namespace

bool Session12::expired(int64_t now_ms) const { return !lifetime_of(*this).live(now_ms); }

Result<Bytes> Session12::encode() const {
  return write_bytes([&](Writer& w) {
    w.u8(kTicketFormatTls12);
    w.u16(static_cast<uint16_t>(suite));
    w.vec8(master_secret);
    w.u8(extended_master_secret ? 1 : 0);
    w.vec16(as_bytes(server_name));
    w.vec8(as_bytes(alpn));
    w.u64(static_cast<uint64_t>(created_ms));
    w.u32(lifetime_seconds);
  });
}

Result<Session12> Session12::decode(ByteView b) {
  return decode_whole(b, "TLS 1.2 session", [](Reader& r) -> Result<Session12> {
    Session12 s;
    TLSOCK_TRY_ASSIGN(uint8_t format, r.u8());
    if (format != kTicketFormatTls12) return decode_error("ticket: not a TLS 1.2 session");
    TLSOCK_TRY_ASSIGN(uint16_t suite, r.u16());
    s.suite = static_cast<CipherSuite>(suite);
    TLSOCK_TRY_ASSIGN(ByteView ms, r.vec8(48, 48));
    s.master_secret = Secret(ms);
    TLSOCK_TRY_ASSIGN(uint8_t ems, r.u8());
    if (ems > 1) return decode_error("TLS 1.2 session: bad EMS flag");
    s.extended_master_secret = ems == 1;
    TLSOCK_TRY_ASSIGN(ByteView sni, r.vec16());
    s.server_name = std::string(as_chars(sni));
    TLSOCK_TRY_ASSIGN(ByteView alpn, r.vec8());
    s.alpn = std::string(as_chars(alpn));
    TLSOCK_TRY_ASSIGN(uint64_t created, r.u64());
    s.created_ms = static_cast<int64_t>(created);
    TLSOCK_TRY_ASSIGN(s.lifetime_seconds, r.u32());
    return s;
  });
}

}  // namespace tlsock
