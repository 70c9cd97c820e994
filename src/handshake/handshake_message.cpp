#include "handshake/handshake_message.hpp"

#include "common/codec.hpp"
#include "handshake/limits.hpp"

namespace tlsock {

Result<HandshakeHeader> decode_handshake_header(ByteView data) {
  Reader r(data, "handshake header");
  TLSOCK_TRY_ASSIGN(uint8_t type, r.u8());
  TLSOCK_TRY_ASSIGN(uint32_t length, r.u24());
  return HandshakeHeader{static_cast<HandshakeType>(type), length};
}

Result<HandshakeMessage> decode_handshake_message(ByteView data) {
  TLSOCK_TRY_ASSIGN(HandshakeHeader h, decode_handshake_header(data));
  if (data.size() - kHandshakeHeaderLength != h.length) {
    return decode_error("handshake message: length field " + std::to_string(h.length) +
                        " but body has " + std::to_string(data.size() - kHandshakeHeaderLength) +
                        " bytes");
  }
  return HandshakeMessage{h.type, data.subspan(kHandshakeHeaderLength), data};
}

Result<Bytes> encode_handshake_message(HandshakeType type, ByteView body) {
  if (body.size() > kMaxHandshakeLengthField) {
    return internal_error("handshake message body longer than 2^24-1 bytes");
  }
  Bytes out;
  out.reserve(kHandshakeHeaderLength + body.size());
  Writer w(out);
  w.u8(static_cast<uint8_t>(type));
  w.u24(static_cast<uint32_t>(body.size()));
  w.bytes(body);
  return out;
}

}  // namespace tlsock
