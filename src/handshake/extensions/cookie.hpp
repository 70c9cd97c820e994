// cookie (RFC 8446 §4.2.2): opaque cookie<1..2^16-1>, sent by the server in a
// HelloRetryRequest and echoed by the client in its second ClientHello.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct Cookie {
  Bytes cookie;

  Result<Bytes> encode() const;
  static Result<Cookie> decode(ByteView body);
};

}  // namespace tlsock
