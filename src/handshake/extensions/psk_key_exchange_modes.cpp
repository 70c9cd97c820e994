#include "handshake/extensions/psk_key_exchange_modes.hpp"

#include <algorithm>

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> PskKeyExchangeModes::encode() const {
  return write_bytes([&](Writer& w) {
    auto list = w.prefix8();
    for (auto m : modes) w.u8(static_cast<uint8_t>(m));
  });
}

Result<PskKeyExchangeModes> PskKeyExchangeModes::decode(ByteView body) {
  return decode_whole(body, "psk_key_exchange_modes",
                      [](Reader& r) -> Result<PskKeyExchangeModes> {
                        TLSOCK_TRY_ASSIGN(ByteView list, r.vec8(1));
                        PskKeyExchangeModes out;
                        for (uint8_t m : list) out.modes.push_back(static_cast<PskKeyExchangeMode>(m));
                        return out;
                      });
}

bool PskKeyExchangeModes::contains(PskKeyExchangeMode m) const {
  return std::find(modes.begin(), modes.end(), m) != modes.end();
}

}  // namespace tlsock
