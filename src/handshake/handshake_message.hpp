// The handshake message header (RFC 8446 §4): HandshakeType msg_type; uint24 length; body.
//
// The record layer's handshake deframer joins and splits messages across records and hands
// the state machines whole messages as a HandshakeMessage (defined by the record layer, in
// record/handshake_message.hpp). Encoders in messages/ produce whole messages (header
// included), because the transcript hashes whole messages.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/handshake_message.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

struct HandshakeHeader {
  HandshakeType type;
  uint32_t length;
};

// Reads the 4-byte header; decode_error when fewer than 4 bytes are given.
Result<HandshakeHeader> decode_handshake_header(ByteView data);

// Splits one whole message (header + body, nothing after it) into type and body view.
// decode_error when the length field disagrees with the data.
Result<HandshakeMessage> decode_handshake_message(ByteView data);

// Header + body as one buffer; internal_error when the body exceeds 2^24-1 bytes.
Result<Bytes> encode_handshake_message(HandshakeType type, ByteView body);

}  // namespace tlsock
