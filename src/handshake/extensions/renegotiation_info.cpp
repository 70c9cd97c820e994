#include "handshake/extensions/renegotiation_info.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> RenegotiationInfo::encode() const {
  return write_bytes([&](Writer& w) { w.vec8(renegotiated_connection); });
}

Result<RenegotiationInfo> RenegotiationInfo::decode(ByteView body) {
  return decode_whole(body, "renegotiation_info", [](Reader& r) -> Result<RenegotiationInfo> {
    TLSOCK_TRY_ASSIGN(ByteView v, r.vec8());
    return RenegotiationInfo{Bytes(v.begin(), v.end())};
  });
}

}  // namespace tlsock
