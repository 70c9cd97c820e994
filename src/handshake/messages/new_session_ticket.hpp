// NewSessionTicket, TLS 1.3 form (RFC 8446 §4.6.1):
//   uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
//   opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>;
// and TLS 1.2 form (RFC 5077 §3.3): uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>;
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct NewSessionTicket13 {
  uint32_t ticket_lifetime = 0;
  uint32_t ticket_age_add = 0;
  Bytes ticket_nonce;
  Bytes ticket;
  Extensions extensions;

  Result<Bytes> encode() const;
  static Result<NewSessionTicket13> decode(ByteView body);
};

struct NewSessionTicket12 {
  uint32_t ticket_lifetime_hint = 0;
  Bytes ticket;

  Result<Bytes> encode() const;
  static Result<NewSessionTicket12> decode(ByteView body);
};

}  // namespace tlsock
