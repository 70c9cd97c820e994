// EncryptedExtensions (RFC 8446 §4.3.1): Extension extensions<0..2^16-1>.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct EncryptedExtensions {
  Extensions extensions;

  Result<Bytes> encode() const;
  static Result<EncryptedExtensions> decode(ByteView body);
};

}  // namespace tlsock
