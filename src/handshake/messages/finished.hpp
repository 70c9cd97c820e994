// Finished (RFC 8446 §4.4.4: opaque verify_data[Hash.length]; RFC 5246 §7.4.9: 12 bytes).
// The body is the verify_data alone; its length is fixed by the negotiated suite, so decode()
// takes the expected length.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct Finished {
  Bytes verify_data;

  Result<Bytes> encode() const;
  // decode_error unless the body is exactly expected_length bytes.
  static Result<Finished> decode(ByteView body, size_t expected_length);
};

}  // namespace tlsock
