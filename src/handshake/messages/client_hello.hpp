// ClientHello (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2 for TLS 1.2, which shares the layout):
//   ProtocolVersion legacy_version; Random random; opaque legacy_session_id<0..32>;
//   CipherSuite cipher_suites<2..2^16-2>; opaque legacy_compression_methods<1..2^8-1>;
//   Extension extensions<8..2^16-1>;   (may be absent altogether in TLS 1.2)
//
// decode() checks structure only (lengths, duplicates). Version-dependent rules (compression
// must be exactly {0} in TLS 1.3, pre_shared_key last, ...) are checked by the state machines.
#pragma once

#include <array>

#include "handshake/extensions/extension.hpp"

namespace tlsock {

using Random = std::array<uint8_t, 32>;

struct ClientHello {
  ProtocolVersion legacy_version = ProtocolVersion::tls1_2;
  Random random{};
  Bytes legacy_session_id;
  std::vector<CipherSuite> cipher_suites;  // unknown and GREASE values kept
  Bytes legacy_compression_methods{0};
  Extensions extensions;
  // RFC 5246 §7.4.1.2: a TLS 1.2 ClientHello may end after the compression methods. Encoding
  // with extensions_present == false omits the block (only meaningful when it is empty).
  bool extensions_present = true;

  // The whole message, header included.
  Result<Bytes> encode() const;
  // The message body (after the 4-byte header).
  static Result<ClientHello> decode(ByteView body);
};

}  // namespace tlsock
