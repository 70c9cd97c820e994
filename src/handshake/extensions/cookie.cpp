#include "handshake/extensions/cookie.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> Cookie::encode() const {
  return write_bytes([&](Writer& w) { w.vec16(cookie); });
}

Result<Cookie> Cookie::decode(ByteView body) {
  return decode_whole(body, "cookie", [](Reader& r) -> Result<Cookie> {
    TLSOCK_TRY_ASSIGN(ByteView c, r.vec16(1));
    return Cookie{Bytes(c.begin(), c.end())};
  });
}

}  // namespace tlsock
