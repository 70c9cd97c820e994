#include "handshake/messages/client_hello.hpp"

#include <algorithm>

#include "handshake/handshake_message.hpp"
#include "handshake/limits.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> ClientHello::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.u16(static_cast<uint16_t>(legacy_version));
                      w.bytes(random);
                      w.vec8(legacy_session_id);
                      write_u16_list(w, cipher_suites);
                      w.vec8(legacy_compression_methods);
                      if (extensions_present || !extensions.empty()) extensions.write(w);
                    }));
  return encode_handshake_message(HandshakeType::client_hello, body);
}

Result<ClientHello> ClientHello::decode(ByteView body) {
  const char* ctx = "ClientHello";
  Reader r(body, ctx);
  ClientHello ch;
  TLSOCK_TRY_ASSIGN(uint16_t version, r.u16());
  ch.legacy_version = static_cast<ProtocolVersion>(version);
  TLSOCK_TRY_ASSIGN(ByteView random, r.bytes(kRandomLength));
  std::copy(random.begin(), random.end(), ch.random.begin());
  TLSOCK_TRY_ASSIGN(ByteView sid, r.vec8(0, kMaxLegacySessionIdLength));
  ch.legacy_session_id.assign(sid.begin(), sid.end());
  TLSOCK_TRY_ASSIGN(ch.cipher_suites, read_u16_list<CipherSuite>(r, 2, 0xfffe));
  TLSOCK_TRY_ASSIGN(ByteView compression, r.vec8(1));
  ch.legacy_compression_methods.assign(compression.begin(), compression.end());
  if (r.empty()) {
    ch.extensions_present = false;
    return ch;
  }
  TLSOCK_TRY_ASSIGN(ch.extensions, Extensions::read(r, 0, ctx));
  TLSOCK_TRY(r.expect_empty());
  return ch;
}

}  // namespace tlsock
