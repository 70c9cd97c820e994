#include "x509/revocation.hpp"

#include <algorithm>

#include "crypto/signature.hpp"
#include "x509/crl.hpp"

namespace tlsock::x509 {

namespace {

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

bool same_general_name(const GeneralName& a, const GeneralName& b) { return a.type == b.type && same(a.value, b.value); }

// Why a CRL is no complete CRL for certificates of `issuer` (step 1 of revocation.hpp).
std::optional<std::string> not_complete_for(const Crl& crl, const Certificate& issuer) {
  if (crl.is_delta()) return "a delta CRL, not a complete one (RFC 5280 §5.2.4)";
  if (const auto& idp = crl.issuing_distribution_point()) {
    if (idp->indirect_crl) return "an indirect CRL (not supported)";
    if (idp->only_some_reasons) return "a CRL for some reasons only (onlySomeReasons, not supported)";
  }
  const auto& aki = crl.authority_key_id();
  const auto& ski = issuer.extensions().subject_key_id;
  if (aki && aki->key_id && ski && !same(*aki->key_id, *ski))
    return "its authorityKeyIdentifier names another key than the issuer's";
  return std::nullopt;
}

// The distribution point names match when either is absent or both full names share a name
// (a nameRelativeToCRLIssuer never matches: fail closed).
bool names_match(const DistributionPoint& a, const DistributionPoint& b) {
  if (!a.has_name || !b.has_name) return true;
  for (const auto& x : a.full_name)
    for (const auto& y : b.full_name)
      if (same_general_name(x, y)) return true;
  return false;
}

bool crl_issuer_listed(const DistributionPoint& dp, const Crl& crl) {
  if (dp.crl_issuer.empty()) return true;  // the certificate's issuer: already matched
  return std::any_of(dp.crl_issuer.begin(), dp.crl_issuer.end(), [&](const GeneralName& g) {
    if (g.type != GeneralNameType::directory_name) return false;
    auto name = DistinguishedName::parse(g.value);
    return name && name->matches(crl.issuer());
  });
}

// RFC 5280 §6.3.3 (b): the CRL's issuingDistributionPoint covers the certificate, and its
// distribution point is one the certificate names (OpenSSL's crl_crldp_check).
bool in_scope(const Certificate& cert, const Crl& crl) {
  const auto& idp = crl.issuing_distribution_point();
  if (idp) {
    if (idp->only_attribute_certs) return false;
    if (cert.is_ca() ? idp->only_user_certs : idp->only_ca_certs) return false;
  }
  if (const auto& dps = cert.extensions().crl_distribution_points) {
    for (const auto& dp : *dps)
      if (crl_issuer_listed(dp, crl) && (!idp || names_match(dp, idp->point))) return true;
  }
  return !idp || !idp->point.has_name;
}

bool current(const Crl& crl, int64_t time) {
  const CrlTime& t = crl.this_update();
  const CrlTime& n = crl.next_update();
  if (!t.value || t.value->unix_seconds > time) return false;
  return !n.present || (n.value && n.value->unix_seconds > time);
}

int score(const Crl& crl, const Certificate& cert, int64_t time) {
  bool conforming = !crl.unhandled_critical() && !crl.defect();
  return (conforming ? 4 : 0) | (in_scope(cert, crl) ? 2 : 0) | (current(crl, time) ? 1 : 0);
}

class CertificateCheck {
 public:
  CertificateCheck(const std::vector<Certificate>& path, size_t depth, int64_t time)
      : cert_(path[depth]), last_(depth + 1 == path.size()), issuer_(last_ ? path[depth] : path[depth + 1]),
        depth_(depth), time_(time) {}

  std::optional<VerifyFailure> run(const TrustStore& store) {
    std::optional<Crl> best;
    int best_score = -1;
    std::string passed_over;
    for (Crl& crl : store.find_crls(cert_.issuer())) {
      if (auto why = not_complete_for(crl, issuer_)) {
        if (passed_over.empty()) passed_over = "no complete CRL from its issuer (one is " + *why + ")";
        continue;
      }
      int s = score(crl, cert_, time_);
      bool later = best && s == best_score && crl.this_update().value && best->this_update().value &&
                   crl.this_update().value->unix_seconds > best->this_update().value->unix_seconds;
      if (s > best_score || later) {
        best_score = s;
        best = std::move(crl);
      }
    }
    if (!best) return fail(X509_V_ERR_UNABLE_TO_GET_CRL, passed_over.empty() ? "no CRL from its issuer is loaded" : passed_over);
    // The anchor's CRL comes from the anchor's issuer, which a partial chain does not hold.
    if (last_ && !cert_.self_issued()) return fail(X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, "");
    return check(*best);
  }

 private:
  std::optional<VerifyFailure> fail(int code, const std::string& why) const {
    std::string detail = "certificate at depth " + std::to_string(depth_) + ", serial " + to_hex(cert_.serial());
    return VerifyFailure::make(code, why.empty() ? detail : detail + ": " + why);
  }

  std::optional<VerifyFailure> check(const Crl& crl) const {
    // RFC 5280 §6.3.3 (f): "If a key usage extension is present in the CRL issuer's
    // certificate, verify that the cRLSign bit is set."
    const auto& ku = issuer_.extensions().key_usage;
    if (ku && !(*ku & ku_crl_sign)) return fail(X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, "the issuer's keyUsage lacks cRLSign");
    if (!in_scope(cert_, crl)) return fail(X509_V_ERR_DIFFERENT_CRL_SCOPE, "the CRL's issuingDistributionPoint does not cover it");
    if (crl.defect()) return fail(X509_V_ERR_INVALID_EXTENSION, "CRL: " + *crl.defect());
    // RFC 5280 §6.3.3 (a)/(g) and §5.1.2.4-5: thisUpdate <= time < nextUpdate.
    const CrlTime& t = crl.this_update();
    if (!t.value) return fail(X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, t.error);
    if (t.value->unix_seconds > time_) return fail(X509_V_ERR_CRL_NOT_YET_VALID, "thisUpdate " + t.value->to_openssl_string());
    const CrlTime& n = crl.next_update();
    if (n.present && !n.value) return fail(X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD, n.error);
    if (n.value && n.value->unix_seconds <= time_)
      return fail(X509_V_ERR_CRL_HAS_EXPIRED, "nextUpdate " + n.value->to_openssl_string());
    // RFC 5280 §6.3.3 (g): the CRL's signature, with the issuer's key.
    auto key = PublicKey::from_spki(issuer_.spki().der);
    if (!key) return fail(X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, key.error().detail);
    const auto& alg = crl.signature_algorithm().algorithm;
    if (!alg) return fail(X509_V_ERR_CRL_SIGNATURE_FAILURE, "signature algorithm " + oid_to_string(crl.signature_algorithm().oid) + " not allowed");
    if (auto st = key->verify(*alg, crl.tbs(), crl.signature()); !st) return fail(X509_V_ERR_CRL_SIGNATURE_FAILURE, st.error().detail);
    // RFC 5280 §5.2 / §5.3: a critical extension we do not process may change what the entries
    // mean, so the CRL cannot vouch for the certificate either way.
    if (crl.unhandled_critical()) return fail(X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION, *crl.unhandled_critical());
    if (const RevokedEntry* e = crl.find(cert_.serial())) {
      std::string why = "listed in the CRL of thisUpdate " + t.value->to_openssl_string();
      if (e->reason) why += std::string(", reason ") + crl_reason_name(*e->reason);
      return fail(X509_V_ERR_CERT_REVOKED, why);
    }
    return std::nullopt;
  }

  const Certificate& cert_;
  bool last_;
  const Certificate& issuer_;
  size_t depth_;
  int64_t time_;
};

}  // namespace

std::optional<VerifyFailure> check_revocation(const std::vector<Certificate>& path, const TrustStore& store,
                                              CrlCheck mode, int64_t time) {
  if (mode == CrlCheck::none || path.empty()) return std::nullopt;
  size_t count = mode == CrlCheck::chain ? path.size() : 1;
  for (size_t depth = 0; depth < count; ++depth)
    if (auto f = CertificateCheck(path, depth, time).run(store)) return f;
  return std::nullopt;
}

}  // namespace tlsock::x509
