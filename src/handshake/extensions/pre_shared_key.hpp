// pre_shared_key (RFC 8446 §4.2.11).
//   ClientHello: OfferedPsks { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; }
//     PskIdentity { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; }
//     PskBinderEntry opaque<32..255>
//   ServerHello: uint16 selected_identity
//
// The binders sit at the very end of the ClientHello (the extension MUST be last), so the
// "truncated ClientHello" a binder covers is the encoded message minus binders_length() bytes.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct PskIdentity {
  Bytes identity;
  uint32_t obfuscated_ticket_age = 0;
  friend bool operator==(const PskIdentity&, const PskIdentity&) = default;
};

struct OfferedPsks {
  std::vector<PskIdentity> identities;
  std::vector<Bytes> binders;

  Result<Bytes> encode() const;
  // decode_error for malformed bodies; illegal_parameter when the number of binders differs
  // from the number of identities (RFC 8446 §4.2.11: one binder "for each value in the
  // identities list").
  static Result<OfferedPsks> decode(ByteView body);
  // Encoded size of the binders list including its u16 length prefix.
  size_t binders_length() const;
};

// Size of an encoded binders list for binders of these lengths (to reserve space before the
// binder values are known).
size_t binders_list_length(const std::vector<size_t>& binder_lengths);

struct PreSharedKeyServerHello {
  uint16_t selected_identity = 0;

  Result<Bytes> encode() const;
  static Result<PreSharedKeyServerHello> decode(ByteView body);
};

}  // namespace tlsock
