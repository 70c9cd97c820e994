// psk_key_exchange_modes (RFC 8446 §4.2.9): PskKeyExchangeMode ke_modes<1..255>.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

enum class PskKeyExchangeMode : uint8_t { psk_ke = 0, psk_dhe_ke = 1 };

struct PskKeyExchangeModes {
  std::vector<PskKeyExchangeMode> modes;  // unknown values kept

  Result<Bytes> encode() const;
  static Result<PskKeyExchangeModes> decode(ByteView body);
  bool contains(PskKeyExchangeMode m) const;
};

}  // namespace tlsock
