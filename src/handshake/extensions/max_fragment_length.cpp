#include "handshake/extensions/max_fragment_length.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

namespace {
bool valid_code(uint8_t c) { return c >= 1 && c <= 4; }
}  // namespace

Result<Bytes> MaxFragmentLength::encode() const {
  if (!valid_code(code)) return config_error("max_fragment_length: code must be 1..4");
  return write_bytes([&](Writer& w) { w.u8(code); });
}

Result<MaxFragmentLength> MaxFragmentLength::decode(ByteView body) {
  return decode_whole(body, "max_fragment_length", [](Reader& r) -> Result<MaxFragmentLength> {
    TLSOCK_TRY_ASSIGN(uint8_t code, r.u8());
    if (!valid_code(code)) {
      return protocol_error(AlertDescription::illegal_parameter,
                            "max_fragment_length: value " + std::to_string(code) +
                                " is not 1..4 (RFC 6066 §4)");
    }
    return MaxFragmentLength{code};
  });
}

uint8_t MaxFragmentLength::code_for_length(size_t length) {
  for (uint8_t c = 1; c <= 4; ++c) {
    if ((size_t{1} << (8 + c)) == length) return c;
  }
  return 0;
}

}  // namespace tlsock
