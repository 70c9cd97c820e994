#include "handshake/messages/end_of_early_data.hpp"

#include "handshake/handshake_message.hpp"

namespace tlsock {

Result<Bytes> EndOfEarlyData::encode() const {
  return encode_handshake_message(HandshakeType::end_of_early_data, {});
}

Result<EndOfEarlyData> EndOfEarlyData::decode(ByteView body) {
  if (!body.empty()) {
    return decode_error("EndOfEarlyData: body must be empty, has " +
                        std::to_string(body.size()) + " bytes");
  }
  return EndOfEarlyData{};
}

}  // namespace tlsock
