// EndOfEarlyData (RFC 8446 §4.5): struct {} (an empty body).
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct EndOfEarlyData {
  Result<Bytes> encode() const;
  static Result<EndOfEarlyData> decode(ByteView body);
};

}  // namespace tlsock
