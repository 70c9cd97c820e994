// KeyUpdate (RFC 8446 §4.6.3): enum { update_not_requested(0), update_requested(1), (255) }.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

enum class KeyUpdateRequest : uint8_t { update_not_requested = 0, update_requested = 1 };

struct KeyUpdate {
  KeyUpdateRequest request_update = KeyUpdateRequest::update_not_requested;

  Result<Bytes> encode() const;
  // decode_error for a wrong length; illegal_parameter for a value other than 0 or 1 (the
  // field is well-formed but not one we may act on; OpenSSL sends the same alert).
  static Result<KeyUpdate> decode(ByteView body);
};

}  // namespace tlsock
