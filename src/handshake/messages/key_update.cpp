#include "handshake/messages/key_update.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> KeyUpdate::encode() const {
  uint8_t v = static_cast<uint8_t>(request_update);
  return encode_handshake_message(HandshakeType::key_update, ByteView(&v, 1));
}

Result<KeyUpdate> KeyUpdate::decode(ByteView body) {
  Reader r(body, "KeyUpdate");
  TLSOCK_TRY_ASSIGN(uint8_t v, r.u8());
  TLSOCK_TRY(r.expect_empty());
  if (v > 1) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "KeyUpdate: request_update " + std::to_string(v) + " is not 0 or 1");
  }
  return KeyUpdate{static_cast<KeyUpdateRequest>(v)};
}

}  // namespace tlsock
