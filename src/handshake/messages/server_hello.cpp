#include "handshake/messages/server_hello.hpp"

#include <algorithm>

#include "handshake/handshake_message.hpp"
#include "handshake/limits.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

const Random kHelloRetryRequestRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
const std::array<uint8_t, 8> kDowngradeSentinelTls12 = {0x44, 0x4f, 0x57, 0x4e,
                                                        0x47, 0x52, 0x44, 0x01};
const std::array<uint8_t, 8> kDowngradeSentinelTls11 = {0x44, 0x4f, 0x57, 0x4e,
                                                        0x47, 0x52, 0x44, 0x00};

bool ServerHello::has_downgrade_sentinel() const {
  auto tail = random.end() - 8;
  return std::equal(tail, random.end(), kDowngradeSentinelTls12.begin()) ||
         std::equal(tail, random.end(), kDowngradeSentinelTls11.begin());
}

Result<Bytes> ServerHello::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.u16(static_cast<uint16_t>(legacy_version));
                      w.bytes(random);
                      w.vec8(legacy_session_id_echo);
                      w.u16(static_cast<uint16_t>(cipher_suite));
                      w.u8(legacy_compression_method);
                      if (extensions_present || !extensions.empty()) extensions.write(w);
                    }));
  return encode_handshake_message(HandshakeType::server_hello, body);
}

Result<ServerHello> ServerHello::decode(ByteView body) {
  const char* ctx = "ServerHello";
  Reader r(body, ctx);
  ServerHello sh;
  TLSOCK_TRY_ASSIGN(uint16_t version, r.u16());
  sh.legacy_version = static_cast<ProtocolVersion>(version);
  TLSOCK_TRY_ASSIGN(ByteView random, r.bytes(kRandomLength));
  std::copy(random.begin(), random.end(), sh.random.begin());
  TLSOCK_TRY_ASSIGN(ByteView sid, r.vec8(0, kMaxLegacySessionIdLength));
  sh.legacy_session_id_echo.assign(sid.begin(), sid.end());
  TLSOCK_TRY_ASSIGN(uint16_t suite, r.u16());
  sh.cipher_suite = static_cast<CipherSuite>(suite);
  TLSOCK_TRY_ASSIGN(sh.legacy_compression_method, r.u8());
  if (r.empty()) {
    sh.extensions_present = false;
    return sh;
  }
  TLSOCK_TRY_ASSIGN(sh.extensions,
                    Extensions::read(r, 0, sh.is_hello_retry_request() ? "HelloRetryRequest" : ctx));
  TLSOCK_TRY(r.expect_empty());
  return sh;
}

}  // namespace tlsock
