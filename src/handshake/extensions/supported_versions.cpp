#include "handshake/extensions/supported_versions.hpp"

#include <algorithm>

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> SupportedVersionsClientHello::encode() const {
  return write_bytes([&](Writer& w) {
    auto list = w.prefix8();
    for (auto v : versions) w.u16(static_cast<uint16_t>(v));
  });
}

Result<SupportedVersionsClientHello> SupportedVersionsClientHello::decode(ByteView body) {
  return decode_whole(body, "supported_versions",
                      [](Reader& r) -> Result<SupportedVersionsClientHello> {
                        TLSOCK_TRY_ASSIGN(Reader list, r.sub8(2, 254));
                        if (list.remaining() % 2 != 0) {
                          return malformed("supported_versions", "odd length");
                        }
                        SupportedVersionsClientHello out;
                        while (!list.empty()) {
                          TLSOCK_TRY_ASSIGN(uint16_t v, list.u16());
                          out.versions.push_back(static_cast<ProtocolVersion>(v));
                        }
                        return out;
                      });
}

bool SupportedVersionsClientHello::contains(ProtocolVersion v) const {
  return std::find(versions.begin(), versions.end(), v) != versions.end();
}

Result<Bytes> SupportedVersionsServerHello::encode() const {
  return write_bytes([&](Writer& w) { w.u16(static_cast<uint16_t>(selected)); });
}

Result<SupportedVersionsServerHello> SupportedVersionsServerHello::decode(ByteView body) {
  return decode_whole(body, "supported_versions",
                      [](Reader& r) -> Result<SupportedVersionsServerHello> {
                        TLSOCK_TRY_ASSIGN(uint16_t v, r.u16());
                        return SupportedVersionsServerHello{static_cast<ProtocolVersion>(v)};
                      });
}

}  // namespace tlsock
