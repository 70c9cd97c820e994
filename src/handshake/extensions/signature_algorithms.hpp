// signature_algorithms and signature_algorithms_cert (RFC 8446 §4.2.3): the same body,
// SignatureScheme supported_signature_algorithms<2..2^16-2>. TLS 1.2 (RFC 5246 §7.4.1.4.1)
// reads the same bytes as SignatureAndHashAlgorithm pairs.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct SignatureSchemeList {
  std::vector<SignatureScheme> schemes;  // unknown and GREASE values kept

  Result<Bytes> encode() const;
  // context: "signature_algorithms" or "signature_algorithms_cert".
  static Result<SignatureSchemeList> decode(ByteView body,
                                            const char* context = "signature_algorithms");
  // Reads the list from inside a larger structure (TLS 1.2 CertificateRequest).
  static Result<SignatureSchemeList> read(Reader& r);
  bool contains(SignatureScheme s) const;
};

}  // namespace tlsock
