#include "handshake/extensions/ec_point_formats.hpp"

#include <algorithm>

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> EcPointFormats::encode() const {
  if (formats.empty()) return internal_error("ec_point_formats: empty list");
  return write_bytes([&](Writer& w) { w.vec8(formats); });
}

Result<EcPointFormats> EcPointFormats::decode(ByteView body) {
  return decode_whole(body, "ec_point_formats", [](Reader& r) -> Result<EcPointFormats> {
    TLSOCK_TRY_ASSIGN(ByteView v, r.vec8(1));
    return EcPointFormats{Bytes(v.begin(), v.end())};
  });
}

bool EcPointFormats::has_uncompressed() const {
  return std::find(formats.begin(), formats.end(), kEcPointFormatUncompressed) != formats.end();
}

}  // namespace tlsock
