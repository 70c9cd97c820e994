// Certificate revocation lists (RFC 5280 §5), decoded into views over their own DER.
//
// Crl owns one immutable buffer, like Certificate. Decoding is strict DER and refuses what
// makes the bytes meaningless (bad structure, a version other than v2, extensions in a v1 CRL,
// outer and inner signature algorithms that differ): such a CRL cannot be loaded. What only
// matters for trust is recorded instead, and the revocation check (revocation.hpp) reports it
// with OpenSSL's code when the CRL is the one chosen for a certificate:
//   - a thisUpdate/nextUpdate that is no valid RFC 5280 §5.1.2.4 time (codes 15/16);
//   - a critical CRL or entry extension OpenSSL does not process (code 36);
//   - a breach of RFC 5280 §5 (no cRLNumber, a malformed known extension, an inconsistent
//     issuingDistributionPoint, removeFromCRL outside a delta CRL): `defect`, code 41.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "x509/certificate.hpp"
#include "x509/extensions.hpp"
#include "x509/name.hpp"
#include "x509/validity.hpp"

namespace tlsock::x509 {

// CRLReason (RFC 5280 §5.3.1); 7 is unused.
enum CrlReason : uint8_t {
  crl_reason_unspecified = 0,
  crl_reason_key_compromise = 1,
  crl_reason_ca_compromise = 2,
  crl_reason_affiliation_changed = 3,
  crl_reason_superseded = 4,
  crl_reason_cessation_of_operation = 5,
  crl_reason_certificate_hold = 6,
  crl_reason_remove_from_crl = 8,
  crl_reason_privilege_withdrawn = 9,
  crl_reason_aa_compromise = 10,
};
// RFC 5280's name of a reason ("keyCompromise").
const char* crl_reason_name(uint8_t reason);

struct RevokedEntry {
  ByteView serial;                // INTEGER content, compared with Certificate::serial()
  std::optional<uint8_t> reason;  // reasonCode entry extension
};

// thisUpdate / nextUpdate: `value` is empty when the field is present but no valid time in
// RFC 5280 §5.1.2.4's form (UTCTime through 2049, GeneralizedTime from 2050); `error` says why.
struct CrlTime {
  bool present = false;
  std::optional<X509Time> value;
  std::string error;
};

// issuingDistributionPoint (RFC 5280 §5.2.5).
struct IssuingDistributionPoint {
  DistributionPoint point;  // distributionPoint (has_name false when absent)
  bool only_user_certs = false;
  bool only_ca_certs = false;
  bool only_some_reasons = false;
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};

class Crl {
 public:
  static Result<Crl> from_der(Bytes der);
  static Result<Crl> from_der(ByteView der) { return from_der(Bytes(der.begin(), der.end())); }

  ByteView der() const { return *buffer_; }
  ByteView tbs() const { return tbs_; }  // the TBSCertList TLV (what is signed)
  const SignatureAlgorithmId& signature_algorithm() const { return signature_algorithm_; }
  ByteView signature() const { return signature_; }
  const DistinguishedName& issuer() const { return issuer_; }
  const CrlTime& this_update() const { return this_update_; }
  const CrlTime& next_update() const { return next_update_; }
  const std::vector<RevokedEntry>& revoked() const { return revoked_; }
  const std::optional<AuthorityKeyIdentifier>& authority_key_id() const { return authority_key_id_; }
  const std::optional<IssuingDistributionPoint>& issuing_distribution_point() const { return idp_; }
  // deltaCRLIndicator present (RFC 5280 §5.2.4): not a complete CRL.
  bool is_delta() const { return delta_; }
  // The first critical CRL or entry extension OpenSSL does not process (it handles only
  // authorityKeyIdentifier, issuingDistributionPoint and deltaCRLIndicator, and the
  // certificateIssuer entry extension).
  const std::optional<std::string>& unhandled_critical() const { return unhandled_critical_; }
  const std::optional<std::string>& defect() const { return defect_; }

  // The entry for this serial number (INTEGER content octets), if listed.
  const RevokedEntry* find(ByteView serial) const;

  friend bool operator==(const Crl& a, const Crl& b) {
    ByteView x = a.der(), y = b.der();
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  }

 private:
  Status parse_entries(DerReader& list, bool v2);
  void apply_extensions(const std::vector<Extension>& extensions);

  std::shared_ptr<const Bytes> buffer_;
  ByteView tbs_;
  SignatureAlgorithmId signature_algorithm_;
  ByteView signature_;
  DistinguishedName issuer_;
  CrlTime this_update_, next_update_;
  std::vector<RevokedEntry> revoked_;
  std::optional<AuthorityKeyIdentifier> authority_key_id_;
  std::optional<IssuingDistributionPoint> idp_;
  bool delta_ = false;
  std::optional<std::string> unhandled_critical_;
  std::optional<std::string> defect_;
};

}  // namespace tlsock::x509
