#include "handshake/extensions/early_data.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> EarlyDataTicket::encode() const {
  return write_bytes([&](Writer& w) { w.u32(max_early_data_size); });
}

Result<EarlyDataTicket> EarlyDataTicket::decode(ByteView body) {
  return decode_whole(body, "early_data", [](Reader& r) -> Result<EarlyDataTicket> {
    TLSOCK_TRY_ASSIGN(uint32_t size, r.u32());
    return EarlyDataTicket{size};
  });
}

}  // namespace tlsock
