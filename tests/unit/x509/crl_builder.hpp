// Hand-built CRLs (RFC 5280 §5.1) beside the hand-built certificates of cert_builder.hpp: the
// DER is assembled here and signed with the same Ed25519 test key, so a CRL verifies under any
// hand-built CA. Defaults: a v2 CRL from "Test Root" with cRLNumber and authorityKeyIdentifier
// (key id 1), valid from 2030-01-01 to 2031-01-01 (around kTestTime), revoking nothing.
#pragma once

#include <optional>
#include <vector>

#include "unit/x509/cert_builder.hpp"

namespace tlsock::x509::test {

inline Bytes crl_number(uint8_t n, bool critical = false) {
  return extension(oid::crl_number, critical, tlv(tag::integer, Bytes{n}));
}
// reasonCode entry extension: CRLReason ENUMERATED (RFC 5280 §5.3.1).
inline Bytes reason_code(uint8_t reason, bool critical = false) {
  return extension(oid::crl_reason, critical, tlv(tag::enumerated, Bytes{reason}));
}
// issuingDistributionPoint (critical, RFC 5280 §5.2.5) from the fields inside its SEQUENCE.
inline Bytes issuing_distribution_point(std::initializer_list<Bytes> fields) {
  return extension(oid::issuing_distribution_point, true, seq(fields));
}
// [n] IMPLICIT BOOLEAN TRUE, for the IDP's flags.
inline Bytes idp_flag(uint8_t n) { return tlv(tag::context(n), Bytes{0xff}); }
// distributionPoint [0] { fullName [0] { uniformResourceIdentifier } }.
inline Bytes dp_uri(std::string_view uri) {
  return tlv(tag::context_constructed(0), tlv(tag::context_constructed(0), tlv(tag::context(6), text_bytes(uri))));
}
// cRLDistributionPoints for a certificate, one point with this URI.
inline Bytes crl_distribution_point(std::string_view uri) {
  return extension(oid::crl_distribution_points, false, seq({seq({dp_uri(uri)})}));
}

struct RevokedSpec {
  uint8_t serial = 2;
  std::vector<Bytes> extensions;
};

struct CrlSpec {
  Bytes issuer = name_cn("Test Root");
  Bytes this_update = utc_time("300101000000Z");
  std::optional<Bytes> next_update = utc_time("310101000000Z");
  std::vector<RevokedSpec> revoked;
  std::vector<Bytes> extensions = {crl_number(1), aki(1)};
  bool v2 = true;
  bool corrupt_signature = false;
};

inline Bytes build_crl(const CrlSpec& spec) {
  const Bytes alg = seq({oid_tlv(oid::ed25519)});
  Bytes entries;
  for (const auto& r : spec.revoked) {
    Bytes exts;
    for (const auto& e : r.extensions) exts.insert(exts.end(), e.begin(), e.end());
    Bytes entry = seq({tlv(tag::integer, Bytes{r.serial}), utc_time("291231000000Z"),
                       exts.empty() ? Bytes{} : tlv(tag::sequence, exts)});
    entries.insert(entries.end(), entry.begin(), entry.end());
  }
  Bytes exts;
  for (const auto& e : spec.extensions) exts.insert(exts.end(), e.begin(), e.end());
  Bytes tbs = seq({spec.v2 ? tlv(tag::integer, Bytes{1}) : Bytes{}, alg, spec.issuer, spec.this_update,
                   spec.next_update.value_or(Bytes{}), entries.empty() ? Bytes{} : tlv(tag::sequence, entries),
                   exts.empty() ? Bytes{} : tlv(tag::context_constructed(0), tlv(tag::sequence, exts))});
  auto sig = test_key().sign(SignatureScheme::ed25519, tbs, system_rng());
  REQUIRE(sig.ok());
  Bytes bits{0x00};
  bits.insert(bits.end(), sig->begin(), sig->end());
  if (spec.corrupt_signature) bits.back() ^= 0x01;
  return seq({tbs, alg, tlv(tag::bit_string, bits)});
}

// A CRL from "Test Root" revoking these serial numbers.
inline CrlSpec crl_revoking(std::initializer_list<uint8_t> serials) {
  CrlSpec s;
  for (uint8_t n : serials) s.revoked.push_back({n, {}});
  return s;
}

}  // namespace tlsock::x509::test
