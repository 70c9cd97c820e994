// certificate_authorities (RFC 8446 §4.2.4): DistinguishedName authorities<3..2^16-1>,
// DistinguishedName opaque<1..2^16-1> (DER). TLS 1.2's CertificateRequest carries the same list.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct CertificateAuthorities {
  std::vector<Bytes> names;  // DER Names, not parsed here

  Result<Bytes> encode() const;
  static Result<CertificateAuthorities> decode(ByteView body);
  // The list inside a larger structure; min_len 3 for the extension, 0 for TLS 1.2's
  // CertificateRequest (RFC 5246 §7.4.4: certificate_authorities<0..2^16-1>).
  static Result<CertificateAuthorities> read(Reader& r, size_t min_len);
  void write(Writer& w) const;
};

}  // namespace tlsock
