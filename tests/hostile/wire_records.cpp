#include "hostile/wire_records.hpp"

#include "record/record_limits.hpp"

namespace tlsock::hostile {

Bytes frame(ContentType type, ByteView body, uint16_t version) {
  Bytes out{static_cast<uint8_t>(type), static_cast<uint8_t>(version >> 8),
            static_cast<uint8_t>(version), static_cast<uint8_t>(body.size() >> 8),
            static_cast<uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes frame(const WireRecord& r) { return frame(r.type, r.body, r.version); }

std::optional<WireRecord> take_record(Bytes& buffer) {
  if (buffer.size() < kRecordHeaderLength) return std::nullopt;
  size_t length = (size_t{buffer[3]} << 8) | buffer[4];
  if (buffer.size() < kRecordHeaderLength + length) return std::nullopt;
  WireRecord r{static_cast<ContentType>(buffer[0]),
               static_cast<uint16_t>((buffer[1] << 8) | buffer[2]),
               Bytes(buffer.begin() + kRecordHeaderLength,
                     buffer.begin() + static_cast<std::ptrdiff_t>(kRecordHeaderLength + length))};
  buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(kRecordHeaderLength + length));
  return r;
}

Bytes plaintext_alert(AlertLevel level, AlertDescription description, uint16_t version) {
  Bytes body{static_cast<uint8_t>(level), static_cast<uint8_t>(description)};
  return frame(ContentType::alert, body, version);
}

Bytes handshake_header(HandshakeType type, uint32_t length) {
  return {static_cast<uint8_t>(type), static_cast<uint8_t>(length >> 16),
          static_cast<uint8_t>(length >> 8), static_cast<uint8_t>(length)};
}

}  // namespace tlsock::hostile
