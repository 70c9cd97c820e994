#include "handshake/extensions/record_size_limit.hpp"

#include "handshake/limits.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> RecordSizeLimit::encode() const {
  return write_bytes([&](Writer& w) { w.u16(limit); });
}

Result<RecordSizeLimit> RecordSizeLimit::decode(ByteView body) {
  return decode_whole(body, "record_size_limit", [](Reader& r) -> Result<RecordSizeLimit> {
    TLSOCK_TRY_ASSIGN(uint16_t limit, r.u16());
    if (limit < kMinRecordSizeLimit) {
      return protocol_error(AlertDescription::illegal_parameter,
                            "record_size_limit: " + std::to_string(limit) + " is below 64");
    }
    return RecordSizeLimit{limit};
  });
}

}  // namespace tlsock
