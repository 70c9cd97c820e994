// One X.509 v1/v2/v3 certificate (RFC 5280 §4.1), decoded into views over its own DER.
//
// Certificate owns exactly one buffer (shared, immutable): every field (names, SPKI,
// extensions, signature) is a view into it, so copies are cheap and nothing is copied out.
// Decoding is strict DER (see der_reader.hpp) and checks the profile rules that make the
// bytes meaningless when broken (outer/inner signature algorithm equality, version vs. the
// fields present). Profile rules that only matter for trust (serial length, extension
// criticality, unknown critical extensions) are left to path validation: a certificate with
// such a defect still decodes, as it does in Python, and is refused by the verifier.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/signature.hpp"
#include "x509/der_reader.hpp"
#include "x509/extensions.hpp"
#include "x509/name.hpp"
#include "x509/validity.hpp"

namespace tlsock::x509 {

// What a signatureAlgorithm AlgorithmIdentifier names (RFC 5280 §4.1.1.2, RFC 4055, RFC 5758,
// RFC 8410). nullopt algorithm: a well-formed identifier we do not verify (SHA-1, DSA, ...).
struct SignatureAlgorithmId {
  ByteView der;  // the whole AlgorithmIdentifier TLV
  ByteView oid;
  std::optional<SignatureAlgorithm> algorithm;
};

// SubjectPublicKeyInfo summary (RFC 5280 §4.1.2.7, RFC 5480, RFC 8410). The key itself is
// handed to crypto::PublicKey::from_spki(der) when a signature is checked.
struct SubjectPublicKeyInfo {
  ByteView der;             // whole SPKI TLV
  ByteView algorithm_oid;
  std::optional<KeyType> key_type;  // nullopt: algorithm we do not support (DSA, P-192, ...)
  size_t key_bits = 0;      // RSA modulus bits, EC field bits, 256 for Ed25519
  std::string unsupported;  // why key_type is empty
};

class Certificate {
 public:
  static Result<Certificate> from_der(Bytes der);
  static Result<Certificate> from_der(ByteView der) { return from_der(Bytes(der.begin(), der.end())); }

  ByteView der() const { return *buffer_; }
  // The DER's owner, for a holder that needs the bytes but not the parsed fields.
  const std::shared_ptr<const Bytes>& der_buffer() const { return buffer_; }
  ByteView tbs() const { return tbs_; }  // the TBSCertificate TLV (what is signed)
  int version() const { return version_; }  // 1, 2 or 3 (X.509 version + 1, as Python)
  ByteView serial() const { return serial_; }  // INTEGER content (two's complement)
  const SignatureAlgorithmId& signature_algorithm() const { return signature_algorithm_; }
  ByteView signature() const { return signature_; }
  const DistinguishedName& issuer() const { return issuer_; }
  const DistinguishedName& subject() const { return subject_; }
  const X509Time& not_before() const { return not_before_; }
  const X509Time& not_after() const { return not_after_; }
  const SubjectPublicKeyInfo& spki() const { return spki_; }
  const Extensions& extensions() const { return extensions_; }

  bool is_ca() const {
    return extensions_.basic_constraints && extensions_.basic_constraints->ca;
  }
  bool self_issued() const { return issuer_.matches(subject_); }

  friend bool operator==(const Certificate& a, const Certificate& b) {
    ByteView x = a.der(), y = b.der();
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  }

 private:
  std::shared_ptr<const Bytes> buffer_;
  ByteView tbs_;
  int version_ = 1;
  ByteView serial_;
  SignatureAlgorithmId signature_algorithm_;
  ByteView signature_;
  DistinguishedName issuer_, subject_;
  X509Time not_before_, not_after_;
  SubjectPublicKeyInfo spki_;
  Extensions extensions_;
};

Result<SignatureAlgorithmId> parse_signature_algorithm(const DerElement& element, int depth);

// The signed envelope of certificates and CRLs (RFC 5280 §4.1, §5.1): SEQUENCE { the TBS
// SEQUENCE, signatureAlgorithm, signatureValue BIT STRING without unused bits }, alone in `der`.
struct SignedEnvelope {
  DerElement tbs;
  SignatureAlgorithmId algorithm;  // the outer one; algorithm.der is its TLV
  ByteView signature;
  int depth = 0;  // nesting depth of the envelope's body, for the TBS reader
};
Result<SignedEnvelope> parse_signed_envelope(ByteView der, const char* what);
Result<SubjectPublicKeyInfo> parse_spki(const DerElement& element, int depth);

// Whether two SubjectPublicKeyInfos hold the same subjectPublicKey bits (RFC 5280 §4.1.2.7):
// comparing the bits rather than whole SPKIs ignores how the AlgorithmIdentifier happens to be
// encoded (a certificate against its private key, load_cert_chain()). False when either does
// not parse.
bool same_public_key(ByteView spki_a, ByteView spki_b);

// Whether the first DER element of `der` is a certificate that decodes (OpenSSL words a DER
// cadata that fails on its first element as "nothing there").
bool starts_with_certificate(ByteView der);

}  // namespace tlsock::x509
