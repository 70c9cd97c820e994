// HandshakeMessage: one whole handshake message as the layers above the record layer see it
// (RFC 8446 §4 / RFC 5246 §7.4: HandshakeType msg_type; uint24 length; body).
//
// Defined once, here, because both the record layer's HandshakeDeframer (which produces it)
// and the handshake state machines (which consume it) name it; the handshake layer sits above
// the record layer and includes this header. The views point into whoever owns the bytes (the
// deframer's buffer, or the caller's buffer for decode_handshake_message).
#pragma once

#include "common/bytes.hpp"
#include "common/wire_enums.hpp"

namespace tlsock {

struct HandshakeMessage {
  HandshakeType type = HandshakeType::hello_request;
  ByteView body;     // the message body (without the 4-byte header)
  ByteView encoded;  // header + body: what goes into the transcript
};

}  // namespace tlsock
