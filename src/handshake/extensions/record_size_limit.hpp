// record_size_limit (RFC 8449 §4): uint16 RecordSizeLimit.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct RecordSizeLimit {
  uint16_t limit = 0;

  Result<Bytes> encode() const;
  // RFC 8449 §4: "An endpoint MUST treat receipt of a smaller value [than 64] as a fatal error
  // and generate an "illegal_parameter" alert."
  static Result<RecordSizeLimit> decode(ByteView body);
};

}  // namespace tlsock
