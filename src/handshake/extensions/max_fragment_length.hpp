// max_fragment_length (RFC 6066 §4): enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) }
// MaxFragmentLength. The server echoes the client's value exactly.
// RFC 6066 §4: "If a server receives a maximum fragment length negotiation request for a
// value other than the allowed values, it MUST abort the handshake with an
// "illegal_parameter" alert." The client's check on the echo (a different value:
// illegal_parameter) lives in the client state machine.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct MaxFragmentLength {
  uint8_t code = 0;  // 1..4

  // 512, 1024, 2048, 4096 for codes 1..4.
  size_t length() const { return size_t{1} << (8 + code); }
  Result<Bytes> encode() const;
  // decode_error for a wrong size; illegal_parameter for a code outside 1..4.
  static Result<MaxFragmentLength> decode(ByteView body);
  // The code for 512/1024/2048/4096, 0 for any other length.
  static uint8_t code_for_length(size_t length);
};

}  // namespace tlsock
