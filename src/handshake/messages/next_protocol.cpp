#include "handshake/messages/next_protocol.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

NextProtocol NextProtocol::with_padding(std::string protocol) {
  NextProtocol m;
  size_t pad = 32 - ((protocol.size() + 2) % 32);
  m.selected_protocol = std::move(protocol);
  m.padding.assign(pad, 0);
  return m;
}

Result<Bytes> NextProtocol::encode() const {
  if (selected_protocol.size() > 255 || padding.size() > 255) {
    return internal_error("NextProtocol: protocol or padding longer than 255 bytes");
  }
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.vec8(as_bytes(selected_protocol));
                      w.vec8(padding);
                    }));
  return encode_handshake_message(HandshakeType::next_protocol, body);
}

Result<NextProtocol> NextProtocol::decode(ByteView body) {
  return decode_whole(body, "NextProtocol", [](Reader& r) -> Result<NextProtocol> {
    NextProtocol m;
    TLSOCK_TRY_ASSIGN(ByteView p, r.vec8());
    m.selected_protocol = std::string(as_chars(p));
    TLSOCK_TRY_ASSIGN(ByteView pad, r.vec8());
    m.padding.assign(pad.begin(), pad.end());
    return m;
  });
}

}  // namespace tlsock
