// ClientKeyExchange for ECDHE (RFC 8422 §5.7): struct { opaque point <1..2^8-1>; }
// ClientECDiffieHellmanPublic, always the explicit form (we never use fixed ECDH client
// certificates, so the implicit, empty form is not allowed).
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct ClientKeyExchangeEcdhe {
  Bytes public_point;

  Result<Bytes> encode() const;
  // decode_error for an empty point or trailing bytes.
  static Result<ClientKeyExchangeEcdhe> decode(ByteView body);
};

}  // namespace tlsock
