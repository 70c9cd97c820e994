// Records as the hostile peer handles them: split out of a byte stream, framed by hand (any
// type, version or length, including illegal ones), and plaintext alerts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/bytes.hpp"
#include "common/wire_enums.hpp"

namespace tlsock::hostile {

// One record as it travels: header fields and body (ciphertext when protected).
struct WireRecord {
  ContentType type = ContentType::invalid;
  uint16_t version = 0x0303;
  Bytes body;
};

// Header (type, version, body length) + body. The length field is body.size() truncated to
// 16 bits: a caller wanting a lying length writes the bytes itself.
Bytes frame(ContentType type, ByteView body, uint16_t version = 0x0303);
Bytes frame(const WireRecord& r);

// Takes whole records off the front of `buffer` (RFC 8446 §5.1 framing, no length limit).
std::optional<WireRecord> take_record(Bytes& buffer);

// An alert record in the clear: level, description.
Bytes plaintext_alert(AlertLevel level, AlertDescription description, uint16_t version = 0x0303);

// The handshake message header (RFC 8446 §4) for a body of `length` bytes.
Bytes handshake_header(HandshakeType type, uint32_t length);

}  // namespace tlsock::hostile
