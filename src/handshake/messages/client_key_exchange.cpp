#include "handshake/messages/client_key_exchange.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> ClientKeyExchangeEcdhe::encode() const {
  if (public_point.empty()) return internal_error("ClientKeyExchange: empty point");
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) { w.vec8(public_point); }));
  return encode_handshake_message(HandshakeType::client_key_exchange, body);
}

Result<ClientKeyExchangeEcdhe> ClientKeyExchangeEcdhe::decode(ByteView body) {
  return decode_whole(body, "ClientKeyExchange", [](Reader& r) -> Result<ClientKeyExchangeEcdhe> {
    TLSOCK_TRY_ASSIGN(ByteView point, r.vec8(1));
    return ClientKeyExchangeEcdhe{Bytes(point.begin(), point.end())};
  });
}

}  // namespace tlsock
