#include "x509/extensions.hpp"

#include <algorithm>

#include "x509/oid.hpp"

namespace tlsock::x509 {

namespace {

constexpr std::string_view kKeyUsageNames[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                                "dataEncipherment", "keyAgreement",   "keyCertSign",
                                                "cRLSign",          "encipherOnly",   "decipherOnly"};

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

Result<BasicConstraints> parse_basic_constraints(ByteView v) {
  DerReader top(v, 2, "basicConstraints");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  BasicConstraints bc;
  if (r.next_is(tag::boolean)) {
    TLSOCK_TRY_ASSIGN(bc.ca, r.read_boolean());
    if (!bc.ca) return r.error("cA FALSE must be omitted in DER (DEFAULT FALSE)");
  }
  if (r.next_is(tag::integer)) {
    TLSOCK_TRY_ASSIGN(int64_t n, r.read_small_unsigned());
    bc.path_len = n;
  }
  TLSOCK_TRY(r.expect_end());
  return bc;
}

Result<uint16_t> parse_key_usage(ByteView v) {
  DerReader r(v, 2, "keyUsage");
  TLSOCK_TRY_ASSIGN(BitString bits, r.read_named_bit_list());
  TLSOCK_TRY(r.expect_end());
  if (bits.bytes.size() > 2) return r.error("more than 9 KeyUsage bits");
  uint16_t out = 0;
  for (size_t i = 0; i < 9; ++i)
    if (bits.bit(i)) out = static_cast<uint16_t>(out | (1u << i));
  // RFC 5280 §4.2.1.3: "When the keyUsage extension appears in a certificate, at least one of
  // the bits MUST be set to 1."
  if (out == 0) return r.error("keyUsage with no bit set");
  return out;
}

Result<std::vector<ByteView>> parse_oid_sequence(ByteView v, const char* what) {
  DerReader top(v, 2, what);
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  std::vector<ByteView> out;
  if (r.empty()) return r.error("empty SEQUENCE SIZE (1..MAX)");
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(ByteView oid, r.read_oid());
    out.push_back(oid);
  }
  return out;
}

Result<std::vector<GeneralName>> parse_san(ByteView v) {
  DerReader top(v, 2, "subjectAltName");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  return parse_general_names(r);
}

Result<std::vector<GeneralSubtree>> parse_subtrees(DerReader& r) {
  std::vector<GeneralSubtree> out;
  // GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
  if (r.empty()) return r.error("empty GeneralSubtrees");
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader st, r.read_sequence());
    TLSOCK_TRY_ASSIGN(DerElement base, st.read_any());
    TLSOCK_TRY_ASSIGN(GeneralName g, parse_general_name(base, st));
    // RFC 5280 §4.2.1.10: "minimum MUST be zero, and maximum MUST be absent". A DER minimum
    // of zero is absent (DEFAULT 0).
    if (!st.empty()) return st.error("GeneralSubtree minimum/maximum must be absent");
    out.push_back({g});
  }
  return out;
}

Result<NameConstraints> parse_name_constraints(ByteView v) {
  DerReader top(v, 2, "nameConstraints");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  NameConstraints nc;
  if (r.next_is(tag::context_constructed(0))) {
    TLSOCK_TRY_ASSIGN(DerReader p, r.read_constructed(tag::context_constructed(0)));
    TLSOCK_TRY_ASSIGN(nc.permitted, parse_subtrees(p));
    nc.has_permitted = true;
  }
  if (r.next_is(tag::context_constructed(1))) {
    TLSOCK_TRY_ASSIGN(DerReader e, r.read_constructed(tag::context_constructed(1)));
    TLSOCK_TRY_ASSIGN(nc.excluded, parse_subtrees(e));
  }
  TLSOCK_TRY(r.expect_end());
  // RFC 5280 §4.2.1.10: "either the permittedSubtrees field or the excludedSubtrees MUST be
  // present".
  if (!nc.has_permitted && nc.excluded.empty()) return r.error("empty NameConstraints");
  return nc;
}

Result<ByteView> parse_ski(ByteView v) {
  DerReader r(v, 2, "subjectKeyIdentifier");
  TLSOCK_TRY_ASSIGN(ByteView id, r.read_octet_string());
  TLSOCK_TRY(r.expect_end());
  return id;
}

Result<AuthorityKeyIdentifier> parse_aki(ByteView v) {
  DerReader top(v, 2, "authorityKeyIdentifier");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  AuthorityKeyIdentifier aki;
  TLSOCK_TRY_ASSIGN(auto key_id, r.read_optional(tag::context(0)));
  if (key_id) aki.key_id = key_id->content;
  if (r.next_is(tag::context_constructed(1))) {
    TLSOCK_TRY_ASSIGN(DerReader names, r.read_constructed(tag::context_constructed(1)));
    TLSOCK_TRY(parse_general_names(names));
    aki.has_issuer = true;
  }
  if (r.next_is(tag::context(2))) {
    TLSOCK_TRY_ASSIGN(DerElement serial, r.read_any());
    if (auto s = check_integer(serial.content); !s) return r.error(s.error().detail);
    aki.has_serial = true;
  }
  TLSOCK_TRY(r.expect_end());
  // RFC 5280 §4.2.1.1: issuer and serial come together or not at all.
  if (aki.has_issuer != aki.has_serial)
    return r.error("authorityCertIssuer and authorityCertSerialNumber must come together");
  return aki;
}

Result<std::vector<ByteView>> parse_policies(ByteView v) {
  DerReader top(v, 2, "certificatePolicies");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  if (r.empty()) return r.error("empty certificatePolicies");
  std::vector<ByteView> out;
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader info, r.read_sequence());
    TLSOCK_TRY_ASSIGN(ByteView oid, info.read_oid());
    // RFC 5280 §4.2.1.4: "A certificate policy OID MUST NOT appear more than once".
    for (ByteView o : out)
      if (same(o, oid)) return r.error("duplicate policy OID");
    out.push_back(oid);
    if (!info.empty()) {
      TLSOCK_TRY_ASSIGN(DerReader qualifiers, info.read_sequence());
      if (qualifiers.empty()) return r.error("empty policyQualifiers");
      while (!qualifiers.empty()) {
        TLSOCK_TRY_ASSIGN(DerReader q, qualifiers.read_sequence());
        TLSOCK_TRY(q.read_oid());
        if (!q.empty()) TLSOCK_TRY(q.read_any());
        TLSOCK_TRY(q.expect_end());
      }
    }
    TLSOCK_TRY(info.expect_end());
  }
  return out;
}

Result<std::vector<AccessDescription>> parse_aia(ByteView v) {
  DerReader top(v, 2, "authorityInfoAccess");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  if (r.empty()) return r.error("empty authorityInfoAccess");
  std::vector<AccessDescription> out;
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader ad, r.read_sequence());
    AccessDescription d;
    TLSOCK_TRY_ASSIGN(d.method, ad.read_oid());
    TLSOCK_TRY_ASSIGN(DerElement loc, ad.read_any());
    TLSOCK_TRY_ASSIGN(d.location, parse_general_name(loc, ad));
    TLSOCK_TRY(ad.expect_end());
    out.push_back(d);
  }
  return out;
}

Result<std::vector<DistributionPoint>> parse_crl_dp(ByteView v) {
  DerReader top(v, 2, "cRLDistributionPoints");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  if (r.empty()) return r.error("empty cRLDistributionPoints");
  std::vector<DistributionPoint> out;
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader dp, r.read_sequence());
    DistributionPoint point;
    TLSOCK_TRY(read_distribution_point_name(dp, point));
    if (dp.next_is(tag::context(1))) {
      TLSOCK_TRY_ASSIGN(DerElement reasons, dp.read_any());
      if (auto bits = parse_named_bit_list(reasons.content); !bits) return dp.error(bits.error().detail);
    }
    if (dp.next_is(tag::context_constructed(2))) {
      TLSOCK_TRY_ASSIGN(DerReader issuer, dp.read_constructed(tag::context_constructed(2)));
      TLSOCK_TRY_ASSIGN(point.crl_issuer, parse_general_names(issuer));
    }
    TLSOCK_TRY(dp.expect_end());
    out.push_back(std::move(point));
  }
  return out;
}

// Extensions whose presence as critical we understand (RFC 5280 §4.2: "A certificate-using
// system MUST reject the certificate if it encounters a critical extension it does not
// recognize"). Policy extensions are recognised; we do not process policies (web PKI).
bool recognised(ByteView o) {
  return oid_equal(o, oid::basic_constraints) || oid_equal(o, oid::key_usage) ||
         oid_equal(o, oid::ext_key_usage) || oid_equal(o, oid::subject_alt_name) ||
         oid_equal(o, oid::name_constraints) || oid_equal(o, oid::subject_key_identifier) ||
         oid_equal(o, oid::authority_key_identifier) || oid_equal(o, oid::certificate_policies) ||
         oid_equal(o, oid::authority_info_access) || oid_equal(o, oid::crl_distribution_points) ||
         oid_equal(o, oid::policy_constraints) || oid_equal(o, oid::policy_mappings) ||
         oid_equal(o, oid::inhibit_any_policy) || oid_equal(o, oid::issuer_alt_name);
}

template <typename T, typename F>
void decode_into(std::optional<T>& slot, const Extension& ext, F parse, std::optional<std::string>& defect,
                 const char* name) {
  auto r = parse(ext.value);
  if (r) {
    slot = std::move(*r);
  } else if (!defect) {
    defect = std::string("malformed ") + name + ": " + r.error().detail;
  }
}

}  // namespace

std::optional<uint16_t> key_usage_bit(std::string_view name) {
  for (uint16_t i = 0; i < std::size(kKeyUsageNames); ++i)
    if (name == kKeyUsageNames[i]) return static_cast<uint16_t>(1u << i);
  return std::nullopt;
}

std::string key_usage_names(uint16_t bits) {
  std::string out;
  for (size_t i = 0; i < std::size(kKeyUsageNames); ++i) {
    if ((bits & (1u << i)) == 0) continue;
    if (!out.empty()) out += ", ";
    out += kKeyUsageNames[i];
  }
  return out;
}

Status read_distribution_point_name(DerReader& r, DistributionPoint& point) {
  if (!r.next_is(tag::context_constructed(0))) return {};
  point.has_name = true;
  TLSOCK_TRY_ASSIGN(DerReader name, r.read_constructed(tag::context_constructed(0)));
  TLSOCK_TRY_ASSIGN(DerElement choice, name.read_any());
  TLSOCK_TRY(name.expect_end());
  if (choice.tag == tag::context_constructed(0)) {
    TLSOCK_TRY_ASSIGN(DerReader names, name.enter(choice));
    TLSOCK_TRY_ASSIGN(point.full_name, parse_general_names(names));
  } else if (choice.tag != tag::context_constructed(1)) {
    return r.error("bad DistributionPointName");
  }
  return {};
}

Result<AuthorityKeyIdentifier> parse_authority_key_identifier(ByteView v) { return parse_aki(v); }

Result<std::vector<Extension>> read_extension_list(const DerElement& seq_el, const DerReader& parent,
                                                   std::optional<std::string>& defect) {
  TLSOCK_TRY_ASSIGN(DerReader seq, parent.enter(seq_el));
  // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
  if (seq.empty()) return seq.error("empty Extensions");
  std::vector<Extension> all;
  while (!seq.empty()) {
    TLSOCK_TRY_ASSIGN(DerReader er, seq.read_sequence());
    Extension e;
    TLSOCK_TRY_ASSIGN(e.oid, er.read_oid());
    if (er.next_is(tag::boolean)) {
      TLSOCK_TRY_ASSIGN(e.critical, er.read_boolean());
      if (!e.critical) return er.error("critical FALSE must be omitted in DER (DEFAULT FALSE)");
    }
    TLSOCK_TRY_ASSIGN(e.value, er.read_octet_string());
    TLSOCK_TRY(er.expect_end());
    if (all.size() >= kMaxExtensions) return seq.error("more than kMaxExtensions extensions");
    // RFC 5280 §4.2 (and §5.2 for CRLs): no extension appears more than once.
    bool duplicate = std::any_of(all.begin(), all.end(), [&](const Extension& o) { return same(o.oid, e.oid); });
    if (duplicate && !defect) defect = "duplicate extension " + oid_to_string(e.oid);
    all.push_back(e);
  }
  return all;
}

const Extension* Extensions::find(ByteView o) const {
  for (const auto& e : all)
    if (same(e.oid, o)) return &e;
  return nullptr;
}

Result<Extensions> Extensions::parse(const DerElement& seq_el, const DerReader& parent, bool subject_empty) {
  Extensions x;
  TLSOCK_TRY_ASSIGN(x.all, read_extension_list(seq_el, parent, x.defect));
  auto& d = x.defect;
  for (const auto& e : x.all) {
    const ByteView o = e.oid;
    if (x.find(o) != &e) continue;  // duplicates: the first one counts
    if (oid_equal(o, oid::basic_constraints)) {
      decode_into(x.basic_constraints, e, parse_basic_constraints, d, "basicConstraints");
    } else if (oid_equal(o, oid::key_usage)) {
      decode_into(x.key_usage, e, parse_key_usage, d, "keyUsage");
    } else if (oid_equal(o, oid::ext_key_usage)) {
      decode_into(x.ext_key_usage, e, [](ByteView v) { return parse_oid_sequence(v, "extKeyUsage"); }, d,
                  "extKeyUsage");
    } else if (oid_equal(o, oid::subject_alt_name)) {
      decode_into(x.subject_alt_name, e, parse_san, d, "subjectAltName");
      if (!x.subject_alt_name) x.san_malformed = true;
      // RFC 5280 §4.2.1.6: with an empty subject the SAN "MUST be marked critical".
      if (subject_empty && !e.critical && !d) d = "subjectAltName must be critical when the subject is empty";
    } else if (oid_equal(o, oid::name_constraints)) {
      decode_into(x.name_constraints, e, parse_name_constraints, d, "nameConstraints");
    } else if (oid_equal(o, oid::subject_key_identifier)) {
      decode_into(x.subject_key_id, e, parse_ski, d, "subjectKeyIdentifier");
      // RFC 5280 §4.2.1.2: "Conforming CAs MUST mark this extension as non-critical."
      if (e.critical && !d) d = "subjectKeyIdentifier must not be critical";
    } else if (oid_equal(o, oid::authority_key_identifier)) {
      decode_into(x.authority_key_id, e, parse_aki, d, "authorityKeyIdentifier");
      // RFC 5280 §4.2.1.1: "Conforming CAs MUST mark this extension as non-critical."
      if (e.critical && !d) d = "authorityKeyIdentifier must not be critical";
    } else if (oid_equal(o, oid::certificate_policies)) {
      decode_into(x.certificate_policies, e, parse_policies, d, "certificatePolicies");
    } else if (oid_equal(o, oid::authority_info_access)) {
      decode_into(x.authority_info_access, e, parse_aia, d, "authorityInfoAccess");
      // RFC 5280 §4.2.2.1: "Conforming CAs MUST mark this extension as non-critical."
      if (e.critical && !d) d = "authorityInfoAccess must not be critical";
    } else if (oid_equal(o, oid::crl_distribution_points)) {
      decode_into(x.crl_distribution_points, e, parse_crl_dp, d, "cRLDistributionPoints");
    } else if (oid_equal(o, oid::policy_constraints)) {
      // RFC 5280 §4.2.1.11: "Conforming CAs MUST mark this extension as critical."
      if (!e.critical && !d) d = "policyConstraints must be critical";
    } else if (!recognised(o) && e.critical && !d) {
      d = "unknown critical extension " + oid_to_string(o);
    }
  }
  return x;
}

}  // namespace tlsock::x509
