#include "handshake/extensions/supported_groups.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> SupportedGroups::encode() const {
  return write_bytes([&](Writer& w) { write_u16_list(w, groups); });
}

Result<SupportedGroups> SupportedGroups::decode(ByteView body) {
  return decode_whole(body, "supported_groups", [](Reader& r) -> Result<SupportedGroups> {
    TLSOCK_TRY_ASSIGN(auto groups, read_u16_list<NamedGroup>(r, 2, 0xffff));
    return SupportedGroups{std::move(groups)};
  });
}

}  // namespace tlsock
