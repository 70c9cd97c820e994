#include "handshake/saved_session.hpp"

namespace tlsock {

namespace {

constexpr uint8_t kFormat = 2;
constexpr uint8_t kFormatWithoutCreation = 1;
constexpr uint8_t kKind13 = 13;
constexpr uint8_t kKind12 = 12;

ByteView text_bytes(std::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string text(ByteView b) { return std::string(b.begin(), b.end()); }

}  // namespace

Status encode_saved_session(const SavedSession& s, Writer& w) {
  w.u8(kFormat);
  w.u8(s.session12 ? kKind12 : kKind13);
  w.u64(static_cast<uint64_t>(s.time));
  w.u64(static_cast<uint64_t>(s.lifetime));
  w.vec8(text_bytes(s.id));
  if (s.session12) {
    TLSOCK_TRY_ASSIGN(Bytes session, s.session12->session.encode());
    w.vec16(session);
    secure_wipe(session.data(), session.size());  // it holds the master secret
    w.vec8(s.session12->session_id);
    w.vec16(s.session12->ticket);
  } else {
    const ClientSession13& c = s.session13;
    w.u16(static_cast<uint16_t>(c.suite));
    w.vec8(c.psk.view());
    w.vec16(c.ticket);
    w.u32(c.ticket_age_add);
    w.u32(c.lifetime_seconds);
    w.u64(static_cast<uint64_t>(c.received_at_ms));
    w.u32(c.max_early_data_size);
    w.vec16(text_bytes(c.server_name));
    w.vec8(text_bytes(c.alpn));
    w.u64(static_cast<uint64_t>(c.session_created_ms));
  }
  return w.status();
}

Result<SavedSession> decode_saved_session(ByteView body) {
  Reader r(body);
  SavedSession s;
  TLSOCK_TRY_ASSIGN(uint8_t format, r.u8());
  if (format != kFormat && format != kFormatWithoutCreation) {
    return decode_error("session file: unknown format");
  }
  TLSOCK_TRY_ASSIGN(uint8_t kind, r.u8());
  TLSOCK_TRY_ASSIGN(uint64_t time, r.u64());
  TLSOCK_TRY_ASSIGN(uint64_t lifetime, r.u64());
  TLSOCK_TRY_ASSIGN(ByteView id, r.vec8());
  s.time = static_cast<int64_t>(time);
  s.lifetime = static_cast<int64_t>(lifetime);
  s.id = text(id);
  if (kind == kKind12) {
    TLSOCK_TRY_ASSIGN(ByteView session, r.vec16());
    TLSOCK_TRY_ASSIGN(Session12 decoded, Session12::decode(session));
    TLSOCK_TRY_ASSIGN(ByteView session_id, r.vec8());
    TLSOCK_TRY_ASSIGN(ByteView ticket, r.vec16());
    s.session12 = ClientSession12{std::move(decoded), Bytes(session_id.begin(), session_id.end()),
                                  Bytes(ticket.begin(), ticket.end())};
    s.has_ticket = !ticket.empty();
  } else if (kind == kKind13) {
    ClientSession13& c = s.session13;
    TLSOCK_TRY_ASSIGN(uint16_t suite, r.u16());
    TLSOCK_TRY_ASSIGN(ByteView psk, r.vec8());
    TLSOCK_TRY_ASSIGN(ByteView ticket, r.vec16());
    TLSOCK_TRY_ASSIGN(c.ticket_age_add, r.u32());
    TLSOCK_TRY_ASSIGN(c.lifetime_seconds, r.u32());
    TLSOCK_TRY_ASSIGN(uint64_t received, r.u64());
    TLSOCK_TRY_ASSIGN(c.max_early_data_size, r.u32());
    TLSOCK_TRY_ASSIGN(ByteView server_name, r.vec16());
    TLSOCK_TRY_ASSIGN(ByteView alpn, r.vec8());
    c.suite = static_cast<CipherSuite>(suite);
    c.psk = Secret(psk);
    c.ticket.assign(ticket.begin(), ticket.end());
    c.received_at_ms = static_cast<int64_t>(received);
    c.server_name = text(server_name);
    c.alpn = text(alpn);
    c.session_created_ms = c.received_at_ms;
    if (format == kFormat) {
      TLSOCK_TRY_ASSIGN(uint64_t created, r.u64());
      c.session_created_ms = static_cast<int64_t>(created);
    }
    s.has_ticket = !c.ticket.empty();
  } else {
    return decode_error("session file: unknown session kind");
  }
  TLSOCK_TRY(r.expect_empty());
  return s;
}

}  // namespace tlsock
