#include "handshake/messages/encrypted_extensions.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> EncryptedExtensions::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) { extensions.write(w); }));
  return encode_handshake_message(HandshakeType::encrypted_extensions, body);
}

Result<EncryptedExtensions> EncryptedExtensions::decode(ByteView body) {
  const char* ctx = "EncryptedExtensions";
  Reader r(body, ctx);
  TLSOCK_TRY_ASSIGN(Extensions exts, Extensions::read(r, 0, ctx));
  TLSOCK_TRY(r.expect_empty());
  return EncryptedExtensions{std::move(exts)};
}

}  // namespace tlsock
