#include "x509/crl.hpp"

#include <algorithm>

#include "x509/oid.hpp"

namespace tlsock::x509 {

namespace {

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

Error crl_error(const std::string& detail) {
  return {ErrorKind::decode, AlertDescription::bad_certificate, "CRL: " + detail};
}

bool is_time_tag(std::optional<uint8_t> t) { return t == tag::utc_time || t == tag::generalized_time; }

// A Time whose contents are wrong is recorded, not refused: OpenSSL loads such a CRL and
// reports the field when it is used (codes 15 and 16).
CrlTime read_crl_time(const DerElement& e) {
  CrlTime t;
  t.present = true;
  auto parsed = parse_x509_time(e);
  if (!parsed) {
    t.error = parsed.error().detail;
  } else if (!parsed->encoding_conforms()) {
    t.error = "GeneralizedTime for a date before 2050 (RFC 5280 §5.1.2.4)";
  } else {
    t.value = *parsed;
  }
  return t;
}

// CRLNumber / BaseCRLNumber (RFC 5280 §5.2.3, §5.2.4): a non-negative INTEGER of at most 20
// octets.
Status parse_crl_number(ByteView v, const char* what) {
  DerReader r(v, 2, what);
  TLSOCK_TRY_ASSIGN(ByteView n, r.read_integer());
  TLSOCK_TRY(r.expect_end());
  if (n[0] & 0x80) return r.error("negative");
  if (n.size() - (n[0] == 0 && n.size() > 1 ? 1 : 0) > 20) return r.error("longer than 20 octets");
  return {};
}

Result<uint8_t> parse_reason_code(ByteView v) {
  DerReader r(v, 2, "reasonCode");
  TLSOCK_TRY_ASSIGN(DerElement e, r.read(tag::enumerated));
  TLSOCK_TRY(r.expect_end());
  TLSOCK_TRY(check_integer(e.content));
  if (e.content.size() != 1 || e.content[0] > crl_reason_aa_compromise || e.content[0] == 7)
    return r.error("not a CRLReason value");
  return e.content[0];
}

Result<IssuingDistributionPoint> parse_idp(ByteView v) {
  DerReader top(v, 2, "issuingDistributionPoint");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  IssuingDistributionPoint idp;
  TLSOCK_TRY(read_distribution_point_name(r, idp.point));
  // [n] IMPLICIT BOOLEAN DEFAULT FALSE: present only as TRUE in DER (X.690 §11.5).
  auto flag = [&](uint8_t n, bool& out) -> Status {
    if (!r.next_is(tag::context(n))) return {};
    TLSOCK_TRY_ASSIGN(DerElement e, r.read_any());
    TLSOCK_TRY_ASSIGN(bool b, parse_boolean(e.content));
    if (!b) return r.error("FALSE must be omitted in DER (DEFAULT FALSE)");
    out = true;
    return {};
  };
  TLSOCK_TRY(flag(1, idp.only_user_certs));
  TLSOCK_TRY(flag(2, idp.only_ca_certs));
  if (r.next_is(tag::context(3))) {
    TLSOCK_TRY_ASSIGN(DerElement e, r.read_any());
    TLSOCK_TRY(parse_named_bit_list(e.content));
    idp.only_some_reasons = true;
  }
  TLSOCK_TRY(flag(4, idp.indirect_crl));
  TLSOCK_TRY(flag(5, idp.only_attribute_certs));
  TLSOCK_TRY(r.expect_end());
  // RFC 5280 §5.2.5: "at most one of onlyContainsUserCerts, onlyContainsCACerts, and
  // onlyContainsAttributeCerts may be set to TRUE" ...
  if (int(idp.only_user_certs) + int(idp.only_ca_certs) + int(idp.only_attribute_certs) > 1)
    return r.error("more than one of onlyContainsUserCerts, onlyContainsCACerts, onlyContainsAttributeCerts");
  // ... and "CRL issuers MUST NOT issue CRLs where the DER encoding of the issuing
  // distribution point extension is an empty sequence".
  if (!idp.point.has_name && !idp.only_user_certs && !idp.only_ca_certs && !idp.only_some_reasons &&
      !idp.indirect_crl && !idp.only_attribute_certs)
    return r.error("empty sequence");
  return idp;
}

void record(std::optional<std::string>& slot, std::string what) {
  if (!slot) slot = std::move(what);
}

template <typename T>
void note_malformed(const Result<T>& r, const char* name, std::optional<std::string>& defect) {
  if (!r) record(defect, std::string("malformed ") + name + ": " + r.error().detail);
}

}  // namespace

const char* crl_reason_name(uint8_t reason) {
  static const char* const kNames[] = {"unspecified",          "keyCompromise", "cACompromise",
                                       "affiliationChanged",   "superseded",    "cessationOfOperation",
                                       "certificateHold",      "(unused)",      "removeFromCRL",
                                       "privilegeWithdrawn",   "aACompromise"};
  return reason < std::size(kNames) ? kNames[reason] : "(unknown)";
}

const RevokedEntry* Crl::find(ByteView serial) const {
  for (const auto& e : revoked_)
    if (same(e.serial, serial)) return &e;
  return nullptr;
}

Status Crl::parse_entries(DerReader& list, bool v2) {
  while (!list.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader entry, list.read_sequence());
    RevokedEntry e;
    TLSOCK_TRY_ASSIGN(e.serial, entry.read_integer());
    TLSOCK_TRY_ASSIGN(DerElement date, entry.read_any());
    if (!is_time_tag(date.tag)) return entry.error("revocationDate is not a Time");
    TLSOCK_TRY(parse_x509_time(date));
    if (!entry.empty()) {
      // RFC 5280 §5.1.2.6: "crlEntryExtensions ... if present, version MUST be v2".
      if (!v2) return crl_error("entry extensions in a v1 CRL");
      TLSOCK_TRY_ASSIGN(DerElement seq, entry.read(tag::sequence));
      TLSOCK_TRY_ASSIGN(auto extensions, read_extension_list(seq, entry, defect_));
      for (const Extension& x : extensions) {
        if (oid_equal(x.oid, oid::crl_reason)) {
          auto reason = parse_reason_code(x.value);
          note_malformed(reason, "reasonCode", defect_);
          if (reason) e.reason = *reason;
        } else if (oid_equal(x.oid, oid::certificate_issuer)) {
          // RFC 5280 §5.3.3: only indirect CRLs name another certificate issuer; tlsock, like
          // OpenSSL without X509_V_FLAG_EXTENDED_CRL_SUPPORT, never uses those.
          record(defect_, "certificateIssuer entry extension (indirect CRLs are not supported)");
          continue;
        }
        if (x.critical) record(unhandled_critical_, "critical entry extension " + oid_to_string(x.oid));
      }
    }
    TLSOCK_TRY(entry.expect_end());
    revoked_.push_back(e);
  }
  return {};
}

void Crl::apply_extensions(const std::vector<Extension>& extensions) {
  bool has_number = false;
  for (const Extension& x : extensions) {
    const ByteView o = x.oid;
    bool handled_critical = false;
    if (oid_equal(o, oid::authority_key_identifier)) {
      auto aki = parse_authority_key_identifier(x.value);
      note_malformed(aki, "authorityKeyIdentifier", defect_);
      if (aki) authority_key_id_ = *aki;
      handled_critical = true;
    } else if (oid_equal(o, oid::crl_number)) {
      has_number = true;
      note_malformed(parse_crl_number(x.value, "cRLNumber"), "cRLNumber", defect_);
    } else if (oid_equal(o, oid::delta_crl_indicator)) {
      delta_ = true;
      note_malformed(parse_crl_number(x.value, "deltaCRLIndicator"), "deltaCRLIndicator", defect_);
      handled_critical = true;
    } else if (oid_equal(o, oid::issuing_distribution_point)) {
      auto idp = parse_idp(x.value);
      note_malformed(idp, "issuingDistributionPoint", defect_);
      if (idp) idp_ = *idp;
      handled_critical = true;
    }
    if (x.critical && !handled_critical) record(unhandled_critical_, "critical CRL extension " + oid_to_string(o));
  }
  // RFC 5280 §5.2.3: "conforming CRL issuers MUST include this extension in all CRLs".
  if (!has_number) record(defect_, "no cRLNumber extension (RFC 5280 §5.2.3)");
}

Result<Crl> Crl::from_der(Bytes der_bytes) {
  if (der_bytes.size() > kMaxDerSize) return crl_error("larger than kMaxDerSize");
  Crl c;
  c.buffer_ = std::make_shared<const Bytes>(std::move(der_bytes));
  TLSOCK_TRY_ASSIGN(SignedEnvelope envelope, parse_signed_envelope(*c.buffer_, "CertificateList"));
  c.tbs_ = envelope.tbs.tlv;
  c.signature_algorithm_ = envelope.algorithm;
  c.signature_ = envelope.signature;

  DerReader tbs(envelope.tbs.content, envelope.depth + 1, "TBSCertList");
  bool v2 = false;
  if (tbs.next_is(tag::integer)) {
    // RFC 5280 §5.1.2.1: "if present, MUST be v2" (the INTEGER 1).
    TLSOCK_TRY_ASSIGN(int64_t n, tbs.read_small_unsigned());
    if (n != 1) return crl_error("version must be v2");
    v2 = true;
  }
  TLSOCK_TRY_ASSIGN(DerElement inner_alg, tbs.read(tag::sequence));
  // RFC 5280 §5.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier as the
  // signature field in the sequence tbsCertList".
  if (!same(inner_alg.tlv, envelope.algorithm.der))
    return crl_error("signatureAlgorithm differs from tbsCertList.signature (RFC 5280 §5.1.1.2)");
  TLSOCK_TRY_ASSIGN(DerElement issuer_el, tbs.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(c.issuer_, DistinguishedName::parse(issuer_el.tlv, tbs.depth()));
  TLSOCK_TRY_ASSIGN(DerElement this_update, tbs.read_any());
  if (!is_time_tag(this_update.tag)) return crl_error("thisUpdate is not a Time");
  c.this_update_ = read_crl_time(this_update);
  if (is_time_tag(tbs.peek_tag())) {
    TLSOCK_TRY_ASSIGN(DerElement next_update, tbs.read_any());
    c.next_update_ = read_crl_time(next_update);
  }
  if (tbs.next_is(tag::sequence)) {
    TLSOCK_TRY_ASSIGN(DerReader entries, tbs.read_sequence());
    TLSOCK_TRY(c.parse_entries(entries, v2));
  }
  if (tbs.next_is(tag::context_constructed(0))) {
    // RFC 5280 §5.1.2.7: "crlExtensions ... if present, version MUST be v2".
    if (!v2) return crl_error("extensions in a v1 CRL");
    TLSOCK_TRY_ASSIGN(DerReader holder, tbs.read_constructed(tag::context_constructed(0)));
    TLSOCK_TRY_ASSIGN(DerElement seq, holder.read(tag::sequence));
    TLSOCK_TRY(holder.expect_end());
    TLSOCK_TRY_ASSIGN(auto extensions, read_extension_list(seq, holder, c.defect_));
    c.apply_extensions(extensions);
  } else {
    c.apply_extensions({});
  }
  TLSOCK_TRY(tbs.expect_end());
  // RFC 5280 §5.3.1: removeFromCRL "is for use only in delta CRLs".
  if (!c.delta_) {
    for (const auto& e : c.revoked_)
      if (e.reason == crl_reason_remove_from_crl) record(c.defect_, "removeFromCRL entry in a complete CRL (RFC 5280 §5.3.1)");
  }
  return c;
}

}  // namespace tlsock::x509
