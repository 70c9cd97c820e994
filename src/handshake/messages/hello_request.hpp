// HelloRequest, RFC 5246 §7.4.1.1 (struct { } HelloRequest): the server asks the client to
// renegotiate. tlsock refuses renegotiation, so a client answers it with a no_renegotiation
// warning (RFC 5746 §4.2).
// The body is empty; anything else is a decode_error.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct HelloRequest {
  Result<Bytes> encode() const;
  static Result<HelloRequest> decode(ByteView body);
};

}  // namespace tlsock
