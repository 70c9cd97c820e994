// CertificateRequest, TLS 1.3 form (RFC 8446 §4.3.2):
//   opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1>;
// and TLS 1.2 form (RFC 5246 §7.4.4):
//   ClientCertificateType certificate_types<1..2^8-1>;
//   SignatureAndHashAlgorithm supported_signature_algorithms<2^16-1>;
//   DistinguishedName certificate_authorities<0..2^16-1>;
#pragma once

#include "handshake/extensions/certificate_authorities.hpp"
#include "handshake/extensions/signature_algorithms.hpp"

namespace tlsock {

struct CertificateRequest13 {
  Bytes request_context;
  Extensions extensions;

  Result<Bytes> encode() const;
  // RFC 8446 §4.3.2: "The "signature_algorithms" extension MUST be specified" -> missing_extension.
  static Result<CertificateRequest13> decode(ByteView body);
};

struct CertificateRequest12 {
  Bytes certificate_types;  // ClientCertificateType values (rsa_sign 1, ecdsa_sign 64, ...)
  SignatureSchemeList signature_algorithms;
  CertificateAuthorities authorities;

  Result<Bytes> encode() const;
  static Result<CertificateRequest12> decode(ByteView body);
};

}  // namespace tlsock
