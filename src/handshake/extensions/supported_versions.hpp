// supported_versions (RFC 8446 §4.2.1): ProtocolVersion versions<2..254> in a ClientHello,
// one ProtocolVersion selected_version in a ServerHello / HelloRetryRequest.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct SupportedVersionsClientHello {
  std::vector<ProtocolVersion> versions;  // unknown and GREASE values kept

  Result<Bytes> encode() const;
  static Result<SupportedVersionsClientHello> decode(ByteView body);
  bool contains(ProtocolVersion v) const;
};

struct SupportedVersionsServerHello {
  ProtocolVersion selected;

  Result<Bytes> encode() const;
  static Result<SupportedVersionsServerHello> decode(ByteView body);
};

}  // namespace tlsock
