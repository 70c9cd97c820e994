#include "x509/path_builder.hpp"

#include <algorithm>

#include "crypto/signature.hpp"
#include "x509/hostname.hpp"
#include "x509/name_constraints.hpp"
#include "x509/oid.hpp"

namespace tlsock::x509 {

namespace {

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

std::optional<VerifyFailure> fail(int code, std::string detail) { return VerifyFailure::make(code, std::move(detail)); }

// Checks every certificate gets, wherever it sits.
std::optional<VerifyFailure> check_common(const Certificate& c, const PathOptions& o, bool is_anchor, bool is_leaf) {
  const Extensions& x = c.extensions();
  if (x.defect) {
    bool critical = x.defect->find("unknown critical") != std::string::npos;
    return fail(critical ? X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION : X509_V_ERR_INVALID_EXTENSION, *x.defect);
  }
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; otherwise OpenSSL's
  // "format error" codes, in OpenSSL's order (notBefore format and time, then notAfter). Trust
  // anchors are exempt: the store's contents are configuration, not peer input, and the Debian
  // bundle holds a root (Certum Trusted Network CA 2) whose GeneralizedTime dates are 2011 and
  // 2046, trusted by OpenSSL and so by Python.
  static const char* kTimeRule = "GeneralizedTime for a date before 2050 (RFC 5280 §4.1.2.5)";
  if (!is_anchor && !c.not_before().encoding_conforms()) return fail(X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, kTimeRule);
  // RFC 5280 §4.1.2.5 / §6.1.3 (a)(2): the time must lie in [notBefore, notAfter].
  if (o.time < c.not_before().unix_seconds) return fail(X509_V_ERR_CERT_NOT_YET_VALID, "");
  if (!is_anchor && !c.not_after().encoding_conforms()) return fail(X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD, kTimeRule);
  if (o.time > c.not_after().unix_seconds) return fail(X509_V_ERR_CERT_HAS_EXPIRED, "");
  // Key policy (CABF BR 6.1.5 / 7.1.3.1): RSA >= 2048 bits in whole bytes, P-256/384/521, Ed25519.
  const auto& k = c.spki();
  int small_code = is_leaf ? X509_V_ERR_EE_KEY_TOO_SMALL : X509_V_ERR_CA_KEY_TOO_SMALL;
  if (!k.key_type) return fail(small_code, "unsupported public key: " + k.unsupported);
  if ((*k.key_type == KeyType::rsa || *k.key_type == KeyType::rsa_pss) &&
      (k.key_bits < kMinRsaBits || k.key_bits % 8 != 0))
    return fail(small_code, "RSA key of " + std::to_string(k.key_bits) + " bits");
  // RFC 5280 §4.1.2.4: "The issuer field MUST contain a non-empty distinguished name".
  if (c.issuer().empty()) return fail(X509_V_ERR_INVALID_EXTENSION, "empty issuer name");
  if (!is_anchor) {
    // CABF BR 7.1.1: certificates MUST be X.509 v3.
    if (c.version() != 3) return fail(X509_V_ERR_INVALID_EXTENSION, "not an X.509 v3 certificate");
    // RFC 5280 §4.1.2.2: positive serial, at most 20 octets.
    ByteView s = c.serial();
    bool negative = s[0] & 0x80;
    bool zero = s.size() == 1 && s[0] == 0;
    size_t octets = s.size() - (s[0] == 0 && s.size() > 1 ? 1 : 0);
    if (negative || zero || octets > 20) return fail(X509_V_ERR_INVALID_EXTENSION, "serial number not a positive integer of at most 20 octets");
    // RFC 5280 §4.2.1.1: AKI keyIdentifier MUST be present except in self-signed certificates.
    if (!c.self_issued() && !(x.authority_key_id && x.authority_key_id->key_id))
      return fail(X509_V_ERR_INVALID_EXTENSION, "missing authorityKeyIdentifier");
  }
  // RFC 5280 §4.2.1.3 / §4.2.1.9: keyCertSign only with cA.
  if (x.key_usage && (*x.key_usage & ku_key_cert_sign) && !c.is_ca())
    return fail(X509_V_ERR_INVALID_EXTENSION, "keyCertSign without basicConstraints cA");
  // RFC 5280 §4.2.1.9 read with §4.2.1.3: a CA whose keyUsage omits keyCertSign cannot sign
  // certificates; such a certificate is inconsistent wherever it appears.
  if (c.is_ca() && x.key_usage && !(*x.key_usage & ku_key_cert_sign))
    return fail(X509_V_ERR_INVALID_EXTENSION, "basicConstraints cA without keyCertSign");
  return std::nullopt;
}

// Checks for a certificate acting as a CA (an intermediate or the anchor).
std::optional<VerifyFailure> check_ca(const Certificate& c, const PathOptions& o, bool is_anchor,
                                      size_t intermediates_below) {
  if (auto f = check_common(c, o, is_anchor, false)) return f;
  const Extensions& x = c.extensions();
  // RFC 5280 §6.1.4 (k): cA must be asserted; §4.2.1.9: critical in CA certificates.
  if (!x.basic_constraints || !x.basic_constraints->ca) return fail(X509_V_ERR_INVALID_CA, "not a CA (basicConstraints cA missing)");
  const Extension* bc = x.find(oid::basic_constraints);
  if (!bc->critical) return fail(X509_V_ERR_INVALID_CA, "basicConstraints not critical in a CA certificate");
  // RFC 5280 §6.1.4 (n): keyCertSign when keyUsage is present.
  if (x.key_usage && !(*x.key_usage & ku_key_cert_sign)) return fail(X509_V_ERR_KEYUSAGE_NO_CERTSIGN, "");
  // RFC 5280 §4.2.1.2: SKI MUST appear in all CA certificates.
  if (!x.subject_key_id) return fail(X509_V_ERR_INVALID_EXTENSION, "CA certificate without subjectKeyIdentifier");
  // RFC 5280 §4.2.1.6: empty subject only for end entities.
  if (c.subject().empty()) return fail(X509_V_ERR_INVALID_CA, "CA certificate with an empty subject");
  // RFC 5280 §6.1.4 (l)/(m): pathLenConstraint counts non-self-issued intermediates below.
  if (x.basic_constraints->path_len && intermediates_below > static_cast<size_t>(*x.basic_constraints->path_len))
    return fail(X509_V_ERR_PATH_LENGTH_EXCEEDED, "");
  if (x.name_constraints) {
    if (auto f = check_constraints_wellformed(*x.name_constraints)) return f;
  }
  // EKU chaining (CABF BR 7.1.2.2.g, as OpenSSL, Go and rustls-webpki do): a CA that lists
  // extended key usages must list the purpose (or anyExtendedKeyUsage).
  if (x.ext_key_usage && !is_anchor) {
    const auto& want = o.purpose == Purpose::server_auth ? oid::kp_server_auth : oid::kp_client_auth;
    bool ok = std::any_of(x.ext_key_usage->begin(), x.ext_key_usage->end(), [&](ByteView e) {
      return oid_equal(e, want) || oid_equal(e, oid::any_extended_key_usage);
    });
    if (!ok) return fail(X509_V_ERR_INVALID_PURPOSE, "CA extendedKeyUsage excludes the purpose");
  }
  if (is_anchor) {
    // CABF BR 7.1.2.1.3 (root AKI): keyIdentifier present and equal to the SKI, no
    // authorityCertIssuer/SerialNumber; CABF 7.1.2.1.2: roots carry no extKeyUsage.
    if (x.ext_key_usage) return fail(X509_V_ERR_INVALID_PURPOSE, "trust anchor with extendedKeyUsage");
    if (x.authority_key_id && c.self_issued()) {
      const auto& aki = *x.authority_key_id;
      if (!aki.key_id || aki.has_issuer || aki.has_serial || !same(*aki.key_id, *x.subject_key_id))
        return fail(X509_V_ERR_INVALID_EXTENSION, "root authorityKeyIdentifier must be exactly its keyIdentifier");
    }
  }
  return std::nullopt;
}

std::optional<VerifyFailure> check_leaf(const Certificate& c, const PathOptions& o) {
  if (auto f = check_common(c, o, false, true)) return f;
  const Extensions& x = c.extensions();
  if (x.name_constraints) return fail(X509_V_ERR_INVALID_EXTENSION, "nameConstraints in an end-entity certificate");
  if (x.ext_key_usage) {
    const Extension* e = x.find(oid::ext_key_usage);
    // CABF BR 7.1.2.7.10: extKeyUsage is non-critical, and anyExtendedKeyUsage MUST NOT appear.
    if (e->critical) return fail(X509_V_ERR_INVALID_PURPOSE, "critical extendedKeyUsage in an end-entity certificate");
    const auto& want = o.purpose == Purpose::server_auth ? oid::kp_server_auth : oid::kp_client_auth;
    bool ok = std::any_of(x.ext_key_usage->begin(), x.ext_key_usage->end(), [&](ByteView v) { return oid_equal(v, want); });
    if (!ok) return fail(X509_V_ERR_INVALID_PURPOSE, "extendedKeyUsage excludes the purpose");
    bool any = std::any_of(x.ext_key_usage->begin(), x.ext_key_usage->end(),
                           [&](ByteView v) { return oid_equal(v, oid::any_extended_key_usage); });
    if (any) return fail(X509_V_ERR_INVALID_PURPOSE, "anyExtendedKeyUsage in an end-entity certificate");
  }
  // CABF BR 7.1.2.7.12: the SAN is critical only when the subject is empty.
  if (const Extension* san = x.find(oid::subject_alt_name); san && san->critical && !c.subject().empty())
    return fail(X509_V_ERR_INVALID_EXTENSION, "critical subjectAltName with a non-empty subject");
  // CABF BR 7.1.4.3: a subject commonName, if present, MUST be a copy of one of the SAN
  // values. We enforce the part that matters for safety: a commonName naming the same
  // identity as a SAN under another spelling (other letter case, a non-canonical or hex/octal
  // IP form, a U-label where SANs are IA5) is refused, since clients that still read the CN
  // would see a different name. An unrelated commonName is tolerated (RFC 5280 profile).
  if (x.subject_alt_name && o.purpose == Purpose::server_auth) {
    for (const auto& cn : c.subject().find(oid::common_name)) {
      auto text = string_value_to_utf8(cn.value_tag, cn.value);
      if (!text) continue;
      std::optional<Bytes> cn_ip = parse_ip_address_lenient(*text);
      bool non_ascii = std::any_of(text->begin(), text->end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
      for (const auto& g : *x.subject_alt_name) {
        std::string_view v = as_chars(g.value);
        bool confusable = false;
        if (g.type == GeneralNameType::dns_name)
          confusable = (v != *text && dns_name_matches(v, *text) && v.find('*') == std::string_view::npos) || non_ascii;
        if (g.type == GeneralNameType::ip_address && cn_ip && same(*cn_ip, g.value))
          confusable = canonical_ip_text(g.value) != *text;
        if (confusable) return fail(X509_V_ERR_INVALID_EXTENSION, "subject commonName is a different spelling of a subjectAltName");
      }
    }
  }
  return std::nullopt;
}

// The key usage the handshake needs from the leaf. Checked once a path is found, so that an
// untrusted leaf reports its path error first, as OpenSSL's verifier does (purpose checks
// follow chain building).
std::optional<VerifyFailure> check_leaf_key_usage(const Certificate& c, const PathOptions& o) {
  const Extensions& x = c.extensions();
  if (!o.required_leaf_key_usage || !x.key_usage) return std::nullopt;
  auto missing = static_cast<uint16_t>(*o.required_leaf_key_usage & ~*x.key_usage);
  if (missing == 0) return std::nullopt;
  return fail(X509_V_ERR_INVALID_PURPOSE, "keyUsage lacks " + key_usage_names(missing));
}

class Builder {
 public:
  Builder(const std::vector<Certificate>& intermediates, const TrustStore& store, const PathOptions& o)
      : intermediates_(intermediates), store_(store), o_(o) {}

  PathResult run(const Certificate& leaf) {
    PathResult result;
    if (auto f = check_leaf(leaf, o_)) {
      result.failure = f;
      return result;
    }
    // extend() holds references into path_ across recursion: never reallocate.
    path_.reserve(kMaxIntermediates + 2);
    path_.push_back(leaf);
    // A trusted leaf (OpenSSL's partial chain): the store vouches for it directly.
    if (store_.contains(leaf) && (o_.partial_chain || leaf.self_issued())) result.chain = path_;
    else if (extend(0)) result.chain = chain_;
    else result.failure = best_ ? *best_ : VerifyFailure::make(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    if (!result.failure) {
      result.failure = check_leaf_key_usage(leaf, o_);
      if (result.failure) result.chain.clear();
    }
    return finish(result);
  }

 private:
  PathResult finish(PathResult& r) {
    r.signature_checks = signatures_;
    r.build_calls = calls_;
    return std::move(r);
  }

  void record(VerifyFailure f, size_t depth) {
    if (o_.trace) o_.trace(depth, f);
    if (!best_ || depth > best_depth_) {
      best_ = std::move(f);
      best_depth_ = depth;
    }
  }

  // Non-self-issued intermediates in the path (leaf excluded), RFC 5280 §6.1.4 (l).
  size_t counted_intermediates() const {
    size_t n = 0;
    for (size_t i = 1; i < path_.size(); ++i)
      if (!path_[i].self_issued()) ++n;
    return n;
  }

  bool on_path(const Certificate& c) const {
    for (const auto& p : path_) {
      if (p == c) return true;
      if (p.subject().matches(c.subject()) && same(p.spki().der, c.spki().der)) return true;
    }
    return false;
  }

  bool aki_compatible(const Certificate& child, const Certificate& issuer) const {
    const auto& aki = child.extensions().authority_key_id;
    const auto& ski = issuer.extensions().subject_key_id;
    if (aki && aki->key_id && ski) return same(*aki->key_id, *ski);
    return true;
  }

  std::optional<VerifyFailure> check_signature(const Certificate& child, const Certificate& issuer) {
    if (++signatures_ > kMaxSignatureChecks) {
      exhausted_ = true;
      return fail(X509_V_ERR_UNSPECIFIED, "signature-check budget exhausted");
    }
    const auto& alg = child.signature_algorithm().algorithm;
    if (!alg) return fail(X509_V_ERR_CA_MD_TOO_WEAK, "signature algorithm " + oid_to_string(child.signature_algorithm().oid) + " not allowed");
    // Verified before (a reconnection): the signature is a function of the two certificates.
    SignatureCache& cache = store_.signature_cache();
    const SignatureCache::Key cached = SignatureCache::key(child, issuer);
    if (cache.contains(cached)) return std::nullopt;
    auto key = PublicKey::from_spki(issuer.spki().der);
    if (!key) return fail(X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, key.error().detail);
    count_certificate_signature_verified();
    auto st = key->verify(*alg, child.tbs(), child.signature());
    if (!st) return fail(X509_V_ERR_CERT_SIGNATURE_FAILURE, st.error().detail);
    cache.insert(cached);
    return std::nullopt;
  }

  std::optional<VerifyFailure> check_name_constraints_on_path(const Certificate& anchor) {
    NameConstraintBudget& budget = nc_budget_;
    // path_ = leaf, intermediates...; the anchor sits above them all.
    std::vector<const Certificate*> cas;
    for (size_t i = 1; i < path_.size(); ++i) cas.push_back(&path_[i]);
    cas.push_back(&anchor);
    for (size_t ci = 0; ci < cas.size(); ++ci) {
      const auto& nc = cas[ci]->extensions().name_constraints;
      if (!nc) continue;
      // Certificates below CA cas[ci] are path_[0 .. ci].
      for (size_t j = 0; j <= ci && j < path_.size(); ++j) {
        // RFC 5280 §6.1.3 (b): not applied to self-issued certificates except the leaf.
        if (j != 0 && path_[j].self_issued()) continue;
        if (auto f = check_name_constraints(*nc, path_[j], j == 0, budget)) return f;
      }
    }
    return std::nullopt;
  }

  bool extend(size_t depth) {
    if (exhausted_) return false;
    if (++calls_ > kMaxBuildChainCalls) {
      exhausted_ = true;
      record(VerifyFailure::make(X509_V_ERR_UNSPECIFIED, "path-building budget exhausted"), depth + 100);
      return false;
    }
    const Certificate& child = path_.back();
    size_t below = counted_intermediates();
    bool found_candidate = false;

    // Candidates whose SKI matches the child's AKI come first; a mismatch only lowers the
    // priority (the signature decides), since real chains carry stale key identifiers.
    auto by_aki = [&](std::vector<Certificate> v) {
      std::stable_partition(v.begin(), v.end(), [&](const Certificate& c) { return aki_compatible(child, c); });
      return v;
    };
    for (const Certificate& anchor : by_aki(store_.find_by_subject(child.issuer()))) {
      found_candidate = true;
      if (!o_.partial_chain && !anchor.self_issued()) {
        if (descend_through(anchor, child, below, depth)) return true;
        if (exhausted_) return false;
        continue;
      }
      // A trust anchor may be the same certificate as one sent by the peer: fine.
      if (auto f = check_ca(anchor, o_, true, below)) { record(*f, depth + 1); continue; }
      if (auto f = check_signature(child, anchor)) { record(*f, depth + 1); if (exhausted_) return false; continue; }
      if (o_.max_intermediates && below > *o_.max_intermediates) {
        record(VerifyFailure::make(X509_V_ERR_CERT_CHAIN_TOO_LONG), depth + 1);
        continue;
      }
      if (auto f = check_name_constraints_on_path(anchor)) { record(*f, depth + 1); if (nc_budget_.remaining == 0) { exhausted_ = true; return false; } continue; }
      chain_ = path_;
      chain_.push_back(anchor);
      return true;
    }

    if (path_.size() - 1 < kMaxIntermediates) {
      std::vector<Certificate> pool;
      for (const Certificate& c : intermediates_)
        if (c.subject().matches(child.issuer())) pool.push_back(c);
      for (const Certificate& c : by_aki(std::move(pool))) {
        if (on_path(c)) continue;  // a loop
        found_candidate = true;
        if (descend_through(c, child, below, depth)) return true;
        if (exhausted_) return false;
      }
    } else {
      found_candidate = true;
      record(VerifyFailure::make(X509_V_ERR_CERT_CHAIN_TOO_LONG, "more than kMaxIntermediates intermediates"), depth);
    }

    if (!found_candidate) {
      // A trusted certificate whose issuer is missing (no partial chains): OpenSSL's code 2.
      int code = depth > 0 && store_.contains(child) ? X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
                                                     : X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
      if (child.self_issued()) code = depth == 0 ? X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT : X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
      record(VerifyFailure::make(code), depth);
    }
    return false;
  }

  // `issuer` as an intermediate above `child`: checked, then the path goes on from it.
  bool descend_through(const Certificate& issuer, const Certificate& child, size_t below, size_t depth) {
    if (on_path(issuer)) return false;  // a loop
    if (path_.size() - 1 >= kMaxIntermediates) {  // path_ must not reallocate (see run())
      record(VerifyFailure::make(X509_V_ERR_CERT_CHAIN_TOO_LONG, "more than kMaxIntermediates intermediates"), depth);
      return false;
    }
    if (auto f = check_ca(issuer, o_, false, below)) { record(*f, depth + 1); return false; }
    if (auto f = check_signature(child, issuer)) { record(*f, depth + 1); return false; }
    path_.push_back(issuer);
    bool ok = extend(depth + 1);
    path_.pop_back();
    return ok;
  }

  const std::vector<Certificate>& intermediates_;
  const TrustStore& store_;
  const PathOptions& o_;
  std::vector<Certificate> path_, chain_;
  std::optional<VerifyFailure> best_;
  size_t best_depth_ = 0;
  size_t signatures_ = 0, calls_ = 0;
  bool exhausted_ = false;
  NameConstraintBudget nc_budget_;
};

}  // namespace

PathResult build_path(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                      const TrustStore& store, const PathOptions& options) {
  Builder b(intermediates, store, options);
  return b.run(leaf);
}

}  // namespace tlsock::x509
