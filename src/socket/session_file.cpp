// session_to_pem / session_from_pem (tlsock/session_file.hpp). The body is tlsock's own
// binary layout, versioned by its first byte:
//   u8 format (2) | u8 kind (13 or 12) | u64 time | u64 lifetime | vec8 id
//   kind 13: u16 suite | vec8 psk | vec16 ticket | u32 ticket_age_add | u32 lifetime_seconds
//            | u64 received_at_ms | u32 max_early_data_size | vec16 server_name | vec8 alpn
//            | u64 session_created_ms (format 2; format 1 files had none: received_at_ms)
//   kind 12: vec16 Session12::encode() | vec8 session_id | vec16 ticket
// Every buffer that held the secret is wiped.
#include "tlsock/session_file.hpp"

#include <memory>
#include <stdexcept>

#include "common/codec.hpp"
#include "socket/ssl_session_state.hpp"
#include "x509/pem.hpp"

namespace tlsock {

namespace {

constexpr std::string_view kLabel = "TLSOCK SESSION";
constexpr uint8_t kFormat = 2;
constexpr uint8_t kFormatWithoutCreation = 1;
constexpr uint8_t kKind13 = 13;
constexpr uint8_t kKind12 = 12;

// A buffer that wipes itself (the encoding holds the secret).
struct WipedBytes {
  Bytes bytes;
  ~WipedBytes() { secure_wipe(bytes.data(), bytes.size()); }
};

ByteView text_bytes(std::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string text(ByteView b) { return std::string(b.begin(), b.end()); }

Status encode(const detail::SessionState& s, Writer& w) {
  w.u8(kFormat);
  w.u8(s.session12 ? kKind12 : kKind13);
  w.u64(static_cast<uint64_t>(s.time));
  w.u64(static_cast<uint64_t>(s.lifetime));
  w.vec8(text_bytes(s.id));
  if (s.session12) {
    TLSOCK_TRY_ASSIGN(Bytes session, s.session12->session.encode());
    WipedBytes wiped{std::move(session)};
    w.vec16(wiped.bytes);
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

Result<detail::SessionState> decode(ByteView body) {
  Reader r(body);
  detail::SessionState s;
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

}  // namespace

std::string session_to_pem(const SSLSession& session) {
  WipedBytes body;
  Writer w(body.bytes);
  Status st = encode(detail::SessionAccess::state(session), w);
  if (!st) throw std::invalid_argument("session cannot be saved: " + st.error().detail);
  return x509::pem_encode(kLabel, body.bytes);
}

SSLSession session_from_pem(const SSLContext& context, std::string_view pem) {
  auto blocks = x509::pem_decode_label(pem, kLabel);
  if (!blocks || blocks->size() != 1) {
    throw std::invalid_argument("not a tlsock session (one TLSOCK SESSION PEM block expected)");
  }
  WipedBytes body{std::move(blocks->front())};
  auto state = decode(body.bytes);
  if (!state) throw std::invalid_argument("not a tlsock session: " + state.error().detail);
  state->context = context;
  return detail::SessionAccess::make(
      std::make_shared<const detail::SessionState>(std::move(*state)));
}

}  // namespace tlsock
