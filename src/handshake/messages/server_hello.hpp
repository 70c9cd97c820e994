// ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4; RFC 5246 §7.4.1.3):
//   ProtocolVersion legacy_version; Random random; opaque legacy_session_id_echo<0..32>;
//   CipherSuite cipher_suite; uint8 legacy_compression_method; Extension extensions<6..2^16-1>;
//   (extensions may be absent in TLS 1.2)
// A HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest").
#pragma once

#include "handshake/messages/client_hello.hpp"

namespace tlsock {

// RFC 8446 §4.1.3: the special Random value of a HelloRetryRequest.
extern const Random kHelloRetryRequestRandom;
// RFC 8446 §4.1.3: the last 8 bytes of ServerHello.random when a TLS 1.3-capable server
// negotiates TLS 1.2 ("DOWNGRD" 01) or TLS 1.1 and below ("DOWNGRD" 00).
extern const std::array<uint8_t, 8> kDowngradeSentinelTls12;
extern const std::array<uint8_t, 8> kDowngradeSentinelTls11;

struct ServerHello {
  ProtocolVersion legacy_version = ProtocolVersion::tls1_2;
  Random random{};
  Bytes legacy_session_id_echo;
  CipherSuite cipher_suite{};
  uint8_t legacy_compression_method = 0;
  Extensions extensions;
  bool extensions_present = true;  // RFC 5246 §7.4.1.3: may be absent in TLS 1.2

  bool is_hello_retry_request() const { return random == kHelloRetryRequestRandom; }
  // Whether random ends in one of the downgrade sentinels.
  bool has_downgrade_sentinel() const;

  Result<Bytes> encode() const;
  static Result<ServerHello> decode(ByteView body);
};

}  // namespace tlsock
