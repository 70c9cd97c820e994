#include "handshake/messages/server_hello_done.hpp"

#include "handshake/handshake_message.hpp"

namespace tlsock {

Result<Bytes> ServerHelloDone::encode() const { return encode_handshake_message(HandshakeType::server_hello_done, {}); }

Result<ServerHelloDone> ServerHelloDone::decode(ByteView body) {
  if (!body.empty()) {
    return decode_error("ServerHelloDone: body must be empty, has " + std::to_string(body.size()) + " bytes");
  }
  return ServerHelloDone{};
}

}  // namespace tlsock
