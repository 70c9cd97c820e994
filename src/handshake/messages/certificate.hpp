// Certificate, in the TLS 1.3 form (RFC 8446 §4.4.2):
//   opaque certificate_request_context<0..2^8-1>;
//   CertificateEntry certificate_list<0..2^24-1>;
//   CertificateEntry { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; }
// and the TLS 1.2 form (RFC 5246 §7.4.2): ASN.1Cert certificate_list<0..2^24-1>,
// ASN.1Cert opaque<1..2^24-1>. Only X.509 certificates (no raw public keys, RFC 7250), so
// cert_data is always DER.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct CertificateEntry {
  Bytes cert_data;
  Extensions extensions;
  friend bool operator==(const CertificateEntry&, const CertificateEntry&) = default;
};

struct Certificate13 {
  Bytes request_context;
  std::vector<CertificateEntry> entries;

  Result<Bytes> encode() const;
  // decode_error for malformed bodies; a limit error (bad_certificate) for more than
  // kMaxCertificateChainLength entries.
  static Result<Certificate13> decode(ByteView body);
  std::vector<Bytes> chain() const;
};

struct Certificate12 {
  std::vector<Bytes> chain;

  Result<Bytes> encode() const;
  static Result<Certificate12> decode(ByteView body);
};

}  // namespace tlsock
