#include "handshake/messages/finished.hpp"

#include "handshake/handshake_message.hpp"

namespace tlsock {

Result<Bytes> Finished::encode() const {
  return encode_handshake_message(HandshakeType::finished, verify_data);
}

Result<Finished> Finished::decode(ByteView body, size_t expected_length) {
  if (body.size() != expected_length) {
    return decode_error("Finished: verify_data is " + std::to_string(body.size()) +
                        " bytes, expected " + std::to_string(expected_length));
  }
  return Finished{Bytes(body.begin(), body.end())};
}

}  // namespace tlsock
