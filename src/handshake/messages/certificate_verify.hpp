// CertificateVerify (RFC 8446 §4.4.3): SignatureScheme algorithm; opaque signature<0..2^16-1>.
// TLS 1.2's CertificateVerify (RFC 5246 §7.4.8, digitally-signed struct) has the same bytes.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct CertificateVerify {
  SignatureScheme algorithm{};
  Bytes signature;

  Result<Bytes> encode() const;
  static Result<CertificateVerify> decode(ByteView body);
};

}  // namespace tlsock
