#include "handshake/messages/hello_request.hpp"

#include "handshake/handshake_message.hpp"

namespace tlsock {

Result<Bytes> HelloRequest::encode() const { return encode_handshake_message(HandshakeType::hello_request, {}); }

Result<HelloRequest> HelloRequest::decode(ByteView body) {
  if (!body.empty()) {
    return decode_error("HelloRequest: body must be empty, has " + std::to_string(body.size()) + " bytes");
  }
  return HelloRequest{};
}

}  // namespace tlsock
