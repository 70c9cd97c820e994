#include "handshake/messages/new_session_ticket.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> NewSessionTicket13::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.u32(ticket_lifetime);
                      w.u32(ticket_age_add);
                      w.vec8(ticket_nonce);
                      w.vec16(ticket);
                      extensions.write(w);
                    }));
  return encode_handshake_message(HandshakeType::new_session_ticket, body);
}

Result<NewSessionTicket13> NewSessionTicket13::decode(ByteView body) {
  const char* ctx = "NewSessionTicket";
  Reader r(body, ctx);
  NewSessionTicket13 out;
  TLSOCK_TRY_ASSIGN(out.ticket_lifetime, r.u32());
  TLSOCK_TRY_ASSIGN(out.ticket_age_add, r.u32());
  TLSOCK_TRY_ASSIGN(ByteView nonce, r.vec8());
  out.ticket_nonce.assign(nonce.begin(), nonce.end());
  TLSOCK_TRY_ASSIGN(ByteView ticket, r.vec16(1));
  out.ticket.assign(ticket.begin(), ticket.end());
  TLSOCK_TRY_ASSIGN(ByteView exts, r.vec16(0, 0xfffe));
  TLSOCK_TRY_ASSIGN(out.extensions, Extensions::decode(exts, ctx));
  TLSOCK_TRY(r.expect_empty());
  return out;
}

Result<Bytes> NewSessionTicket12::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.u32(ticket_lifetime_hint);
                      w.vec16(ticket);
                    }));
  return encode_handshake_message(HandshakeType::new_session_ticket, body);
}

Result<NewSessionTicket12> NewSessionTicket12::decode(ByteView body) {
  Reader r(body, "NewSessionTicket");
  NewSessionTicket12 out;
  TLSOCK_TRY_ASSIGN(out.ticket_lifetime_hint, r.u32());
  TLSOCK_TRY_ASSIGN(ByteView ticket, r.vec16());
  out.ticket.assign(ticket.begin(), ticket.end());
  TLSOCK_TRY(r.expect_empty());
  return out;
}

}  // namespace tlsock
