// ServerHelloDone, RFC 5246 §7.4.5 (struct { } ServerHelloDone): the end of the server's
// first flight.
// The body is empty; anything else is a decode_error.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct ServerHelloDone {
  Result<Bytes> encode() const;
  static Result<ServerHelloDone> decode(ByteView body);
};

}  // namespace tlsock
