// CRLs (RFC 5280 §5): decoding (src/x509/crl.cpp), the trust store's CRLs and the revocation
// check (src/x509/revocation.cpp) with OpenSSL's codes and messages, over hand-built CRLs.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "unit/x509/crl_builder.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/crl.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

using namespace tlsock;
using namespace tlsock::x509;
using namespace tlsock::x509::test;

namespace {

Crl decode_crl(const Bytes& der) {
  auto c = Crl::from_der(der);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().detail));
  return *c;
}

// A CRL from "Test Intermediate" (key id 2).
CrlSpec intermediate_crl(std::initializer_list<uint8_t> serials = {}) {
  CrlSpec s = crl_revoking(serials);
  s.issuer = name_cn("Test Intermediate");
  s.extensions = {crl_number(1), aki(2)};
  return s;
}

struct Case {
  std::vector<Bytes> anchors = {build_certificate(root_spec())};
  std::vector<Bytes> crls;
  Bytes leaf = build_certificate(leaf_spec());
  std::vector<Bytes> intermediates;
  CrlCheck mode = CrlCheck::leaf;
  bool partial_chain = true;
};

VerifyOutcome run(const Case& c) {
  auto store = std::make_shared<TrustStore>();
  for (const auto& a : c.anchors) store->add(decode(a));
  for (const auto& crl : c.crls) store->add_crl(decode_crl(crl));
  VerifyRequest req;
  req.peer_chain.push_back(c.leaf);
  for (const auto& i : c.intermediates) req.peer_chain.push_back(i);
  req.hostname = "leaf.example";
  req.time = kTestTime;
  req.crl_check = c.mode;
  req.partial_chain = c.partial_chain;
  return WebPkiVerifier(store).verify(req);
}

// The outcome of the leaf checked against one CRL.
VerifyOutcome with_crl(const CrlSpec& crl) {
  Case c;
  c.crls = {build_crl(crl)};
  return run(c);
}

int code_with(const CrlSpec& crl) { return with_crl(crl).verify_code; }

// The leaf checked against one CRL fails with this code and OpenSSL's text for it.
void expect_failure(const CrlSpec& crl, int code, const std::string& message) {
  VerifyOutcome out = with_crl(crl);
  CHECK(out.verify_code == code);
  CHECK(out.verify_message == message);
}

}  // namespace

TEST_CASE("CRL decoding: fields, entries and reasons are views into the DER") {
  CrlSpec spec = crl_revoking({7});
  spec.revoked.push_back({2, {reason_code(crl_reason_key_compromise)}});
  Crl crl = decode_crl(build_crl(spec));
  CHECK(crl.issuer().matches(decode(build_certificate(root_spec())).subject()));
  REQUIRE(crl.this_update().value);
  CHECK(crl.this_update().value->to_openssl_string() == "Jan  1 00:00:00 2030 GMT");
  CHECK(crl.next_update().present);
  REQUIRE(crl.revoked().size() == 2);
  CHECK(crl.find(Bytes{7}) == &crl.revoked()[0]);
  REQUIRE(crl.find(Bytes{2}));
  CHECK(crl.find(Bytes{2})->reason == crl_reason_key_compromise);
  CHECK_FALSE(crl.find(Bytes{3}));
  REQUIRE(crl.authority_key_id());
  REQUIRE(crl.authority_key_id()->key_id);
  CHECK(Bytes(crl.authority_key_id()->key_id->begin(), crl.authority_key_id()->key_id->end()) == key_id(1));
  CHECK_FALSE(crl.is_delta());
  CHECK_FALSE(crl.defect());
  CHECK_FALSE(crl.unhandled_critical());
  CHECK(std::string(crl_reason_name(crl_reason_certificate_hold)) == "certificateHold");

  CrlSpec no_next;
  no_next.next_update.reset();
  CHECK_FALSE(decode_crl(build_crl(no_next)).next_update().present);
}

TEST_CASE("CRL decoding: structural errors are refused, RFC 5280 breaches recorded") {
  const Bytes good = build_crl(CrlSpec{});
  Bytes trailing = good;
  trailing.push_back(0);
  CHECK_FALSE(Crl::from_der(trailing).ok());
  CHECK_FALSE(Crl::from_der(Bytes(good.begin(), good.end() - 5)).ok());
  // Extensions need v2 (RFC 5280 §5.1.2.7).
  CrlSpec v1;
  v1.v2 = false;
  CHECK_FALSE(Crl::from_der(build_crl(v1)).ok());
  // A v1 CRL without extensions decodes, but has no cRLNumber.
  v1.extensions.clear();
  CHECK(decode_crl(build_crl(v1)).defect() == std::optional<std::string>("no cRLNumber extension (RFC 5280 §5.2.3)"));
  // Entry extensions need v2 too.
  v1.revoked.push_back({2, {reason_code(1)}});
  CHECK_FALSE(Crl::from_der(build_crl(v1)).ok());
  // thisUpdate must be a Time.
  CrlSpec not_time;
  not_time.this_update = tlv(tag::integer, Bytes{1});
  CHECK_FALSE(Crl::from_der(build_crl(not_time)).ok());
  // A malformed Time string is recorded (OpenSSL loads the CRL and reports code 15/16).
  CrlSpec bad_time;
  bad_time.this_update = utc_time("3001010000Z");
  Crl recorded = decode_crl(build_crl(bad_time));
  CHECK(recorded.this_update().present);
  CHECK_FALSE(recorded.this_update().value);
  // Reason values: 7 is unused (RFC 5280 §5.3.1).
  CrlSpec reason7 = crl_revoking({});
  reason7.revoked.push_back({9, {reason_code(7)}});
  CHECK(decode_crl(build_crl(reason7)).defect()->find("malformed reasonCode") == 0);
  // A duplicate extension (RFC 5280 §5.2).
  CrlSpec dup;
  dup.extensions = {crl_number(1), crl_number(2)};
  CHECK(decode_crl(build_crl(dup)).defect()->find("duplicate extension 2.5.29.20") == 0);
}

TEST_CASE("revocation, CHECK_LEAF: 23 certificate revoked, 3 without a CRL, passes otherwise") {
  Case none;
  VerifyOutcome out = run(none);
  CHECK(out.verify_code == X509_V_ERR_UNABLE_TO_GET_CRL);
  CHECK(out.verify_message == "unable to get certificate CRL");
  CHECK(out.error().alert == AlertDescription::unknown_ca);

  CHECK(with_crl(crl_revoking({})).ok());
  CHECK(with_crl(crl_revoking({7, 9})).ok());

  CrlSpec revoked = crl_revoking({7});
  revoked.revoked.push_back({2, {reason_code(crl_reason_key_compromise)}});
  out = with_crl(revoked);
  CHECK(out.verify_code == X509_V_ERR_CERT_REVOKED);
  CHECK(out.verify_message == "certificate revoked");
  CHECK(out.detail == "certificate at depth 0, serial 02: listed in the CRL of thisUpdate Jan  1 00:00:00 2030 GMT, reason keyCompromise");
  CHECK(out.error().alert == AlertDescription::certificate_revoked);
  CHECK(out.error().detail.find("certificate verify failed: certificate revoked") == 0);

  // certificateHold is a revocation too (RFC 5280 §5.3.1).
  CrlSpec hold = crl_revoking({});
  hold.revoked.push_back({2, {reason_code(crl_reason_certificate_hold)}});
  CHECK(code_with(hold) == X509_V_ERR_CERT_REVOKED);

  // Off: the CRL is not consulted.
  Case off;
  off.crls = {build_crl(crl_revoking({2}))};
  off.mode = CrlCheck::none;
  CHECK(run(off).ok());
}

TEST_CASE("revocation: the CRL's signature (8), times (11, 12, 15, 16) and the issuer's cRLSign (35)") {
  CrlSpec bad_sig = crl_revoking({});
  bad_sig.corrupt_signature = true;
  VerifyOutcome out = with_crl(bad_sig);
  CHECK(out.verify_code == X509_V_ERR_CRL_SIGNATURE_FAILURE);
  CHECK(out.verify_message == "CRL signature failure");
  CHECK(out.error().alert == AlertDescription::decrypt_error);

  CrlSpec future;
  future.this_update = utc_time("300701000000Z");
  expect_failure(future, X509_V_ERR_CRL_NOT_YET_VALID, "CRL is not yet valid");

  CrlSpec expired;
  expired.this_update = utc_time("290101000000Z");
  expired.next_update = utc_time("300101000000Z");
  out = with_crl(expired);
  CHECK(out.verify_code == X509_V_ERR_CRL_HAS_EXPIRED);
  CHECK(out.verify_message == "CRL has expired");
  CHECK(out.error().alert == AlertDescription::certificate_expired);
  // nextUpdate equal to the time: expired (OpenSSL's X509_cmp_time).
  expired.next_update = utc_time("300601000000Z");
  CHECK(code_with(expired) == X509_V_ERR_CRL_HAS_EXPIRED);
  // No nextUpdate: never expires.
  expired.next_update.reset();
  CHECK(with_crl(expired).ok());

  // RFC 5280 §5.1.2.4: UTCTime through 2049.
  CrlSpec generalized;
  generalized.this_update = generalized_time("20300101000000Z");
  expect_failure(generalized, X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, "format error in CRL's lastUpdate field");
  CrlSpec bad_next;
  bad_next.next_update = utc_time("3101010000Z");
  expect_failure(bad_next, X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD, "format error in CRL's nextUpdate field");

  // RFC 5280 §6.3.3 (f): keyUsage present without cRLSign. Without keyUsage: fine.
  Case no_crl_sign;
  CertSpec root = root_spec();
  root.extensions = {ca_basic_constraints(), key_usage({0x02, 0x04}), ski(1)};  // keyCertSign only
  no_crl_sign.anchors = {build_certificate(root)};
  no_crl_sign.crls = {build_crl(crl_revoking({}))};
  out = run(no_crl_sign);
  CHECK(out.verify_code == X509_V_ERR_KEYUSAGE_NO_CRL_SIGN);
  CHECK(out.verify_message == "key usage does not include CRL signing");
  root.extensions = {ca_basic_constraints(), ski(1)};
  no_crl_sign.anchors = {build_certificate(root)};
  CHECK(run(no_crl_sign).ok());
}

TEST_CASE("revocation: critical extensions OpenSSL does not handle fail closed (36)") {
  CrlSpec critical_number;
  critical_number.extensions = {crl_number(1, true), aki(1)};
  VerifyOutcome out = with_crl(critical_number);
  CHECK(out.verify_code == X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION);
  CHECK(out.verify_message == "unhandled critical CRL extension");
  CHECK(out.detail.find("critical CRL extension 2.5.29.20") != std::string::npos);

  CrlSpec unknown;
  unknown.extensions = {crl_number(1), aki(1), extension(oid_from_string("1.2.3.4"), true, tlv(tag::null, {}))};
  CHECK(code_with(unknown) == X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION);
  // Non-critical unknown extensions are ignored.
  unknown.extensions = {crl_number(1), aki(1), extension(oid_from_string("1.2.3.4"), false, tlv(tag::null, {}))};
  CHECK(with_crl(unknown).ok());

  // A critical entry extension, even on another certificate's entry.
  CrlSpec entry = crl_revoking({});
  entry.revoked.push_back({9, {extension(oid_from_string("1.2.3.4"), true, tlv(tag::null, {}))}});
  out = with_crl(entry);
  CHECK(out.verify_code == X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION);
  CHECK(out.detail.find("critical entry extension 1.2.3.4") != std::string::npos);
  entry.revoked = {{9, {reason_code(crl_reason_superseded, true)}}};
  CHECK(code_with(entry) == X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION);
}

TEST_CASE("revocation: a CRL breaking RFC 5280 §5 is invalid (41)") {
  CrlSpec no_number;
  no_number.extensions = {aki(1)};
  VerifyOutcome out = with_crl(no_number);
  CHECK(out.verify_code == X509_V_ERR_INVALID_EXTENSION);
  CHECK(out.detail.find("no cRLNumber extension (RFC 5280 §5.2.3)") != std::string::npos);

  // removeFromCRL belongs in delta CRLs only (RFC 5280 §5.3.1).
  CrlSpec remove = crl_revoking({});
  remove.revoked.push_back({2, {reason_code(crl_reason_remove_from_crl)}});
  out = with_crl(remove);
  CHECK(out.verify_code == X509_V_ERR_INVALID_EXTENSION);
  CHECK(out.detail.find("removeFromCRL entry in a complete CRL") != std::string::npos);

  // RFC 5280 §5.2.5: at most one only* flag; never an empty IDP.
  CrlSpec two_flags;
  two_flags.extensions = {crl_number(1), aki(1), issuing_distribution_point({idp_flag(1), idp_flag(2)})};
  CHECK(code_with(two_flags) == X509_V_ERR_INVALID_EXTENSION);
  CrlSpec empty_idp;
  empty_idp.extensions = {crl_number(1), aki(1), issuing_distribution_point({})};
  CHECK(code_with(empty_idp) == X509_V_ERR_INVALID_EXTENSION);

  // certificateIssuer names another issuer: only indirect CRLs may (RFC 5280 §5.3.3).
  CrlSpec cert_issuer = crl_revoking({});
  cert_issuer.revoked.push_back(
      {9, {extension(oid::certificate_issuer, true, seq({tlv(tag::context_constructed(4), name_cn("Other"))}))}});
  CHECK(code_with(cert_issuer) == X509_V_ERR_INVALID_EXTENSION);
}

TEST_CASE("revocation: issuingDistributionPoint scope (44), and CRLs that are no complete CRL (3)") {
  // onlyContainsUserCerts covers the leaf; onlyContainsCACerts does not.
  CrlSpec users = crl_revoking({2});
  users.extensions = {crl_number(1), aki(1), issuing_distribution_point({idp_flag(1)})};
  CHECK(code_with(users) == X509_V_ERR_CERT_REVOKED);
  CrlSpec cas;
  cas.extensions = {crl_number(1), aki(1), issuing_distribution_point({idp_flag(2)})};
  expect_failure(cas, X509_V_ERR_DIFFERENT_CRL_SCOPE, "different CRL scope");
  CrlSpec attrs;
  attrs.extensions = {crl_number(1), aki(1), issuing_distribution_point({idp_flag(5)})};
  CHECK(code_with(attrs) == X509_V_ERR_DIFFERENT_CRL_SCOPE);

  // A distribution point name: the certificate must name the same point.
  CrlSpec named;
  named.extensions = {crl_number(1), aki(1), issuing_distribution_point({dp_uri("http://crl.example/a.crl")})};
  CHECK(code_with(named) == X509_V_ERR_DIFFERENT_CRL_SCOPE);
  Case pointed;
  CertSpec leaf = leaf_spec();
  leaf.extensions.push_back(crl_distribution_point("http://crl.example/a.crl"));
  pointed.leaf = build_certificate(leaf);
  pointed.crls = {build_crl(named)};
  CHECK(run(pointed).ok());
  leaf.extensions.back() = crl_distribution_point("http://crl.example/b.crl");
  pointed.leaf = build_certificate(leaf);
  CHECK(run(pointed).verify_code == X509_V_ERR_DIFFERENT_CRL_SCOPE);

  // Passed over: a delta CRL (RFC 5280 §5.2.4), an indirect CRL, a CRL for some reasons, and a
  // CRL signed under another key identifier.
  CrlSpec delta;
  delta.extensions = {crl_number(2), aki(1), extension(oid::delta_crl_indicator, true, tlv(tag::integer, Bytes{1}))};
  VerifyOutcome out = with_crl(delta);
  CHECK(out.verify_code == X509_V_ERR_UNABLE_TO_GET_CRL);
  CHECK(out.detail.find("a delta CRL, not a complete one") != std::string::npos);
  CrlSpec indirect;
  indirect.extensions = {crl_number(1), aki(1), issuing_distribution_point({idp_flag(4)})};
  CHECK(code_with(indirect) == X509_V_ERR_UNABLE_TO_GET_CRL);
  CrlSpec some_reasons;
  some_reasons.extensions = {crl_number(1), aki(1), issuing_distribution_point({tlv(tag::context(3), Bytes{0x07, 0x80})})};
  CHECK(code_with(some_reasons) == X509_V_ERR_UNABLE_TO_GET_CRL);
  CrlSpec other_key;
  other_key.extensions = {crl_number(1), aki(9)};
  out = with_crl(other_key);
  CHECK(out.verify_code == X509_V_ERR_UNABLE_TO_GET_CRL);
  CHECK(out.detail.find("authorityKeyIdentifier names another key") != std::string::npos);
  // Another issuer's CRL is no candidate at all.
  CrlSpec other_issuer = crl_revoking({2});
  other_issuer.issuer = name_cn("Other Root");
  CHECK(code_with(other_issuer) == X509_V_ERR_UNABLE_TO_GET_CRL);
}

TEST_CASE("revocation: among several CRLs the current, then the latest, one decides") {
  CrlSpec old_expired = crl_revoking({2});
  old_expired.this_update = utc_time("290101000000Z");
  old_expired.next_update = utc_time("300101000000Z");
  Case c;
  c.crls = {build_crl(old_expired), build_crl(crl_revoking({}))};
  CHECK(run(c).ok());
  CrlSpec later = crl_revoking({2});
  later.this_update = utc_time("300201000000Z");
  later.extensions = {crl_number(2), aki(1)};
  c.crls = {build_crl(crl_revoking({})), build_crl(later)};
  CHECK(run(c).verify_code == X509_V_ERR_CERT_REVOKED);
  c.crls = {build_crl(later), build_crl(crl_revoking({}))};
  CHECK(run(c).verify_code == X509_V_ERR_CERT_REVOKED);
}

TEST_CASE("revocation, CHECK_CHAIN: every certificate of the path, the root against its own CRL") {
  Case c;
  c.leaf = build_certificate(leaf_under_intermediate());
  c.intermediates = {build_certificate(intermediate_spec())};
  c.crls = {build_crl(intermediate_crl())};
  c.mode = CrlCheck::leaf;
  CHECK(run(c).ok());
  // CHECK_CHAIN needs the root's CRL for the intermediate.
  c.mode = CrlCheck::chain;
  VerifyOutcome out = run(c);
  CHECK(out.verify_code == X509_V_ERR_UNABLE_TO_GET_CRL);
  CHECK(out.detail.find("certificate at depth 1, serial 03") == 0);
  c.crls.push_back(build_crl(crl_revoking({})));
  CHECK(run(c).ok());
  // The intermediate revoked by the root.
  c.crls.back() = build_crl(crl_revoking({3}));
  out = run(c);
  CHECK(out.verify_code == X509_V_ERR_CERT_REVOKED);
  CHECK(out.detail.find("certificate at depth 1, serial 03") == 0);
  // OpenSSL 3.0 checks the root too: listed in its own CRL, it is revoked (depth 2).
  c.crls.back() = build_crl(crl_revoking({1}));
  out = run(c);
  CHECK(out.verify_code == X509_V_ERR_CERT_REVOKED);
  CHECK(out.detail.find("certificate at depth 2, serial 01") == 0);
  // The leaf revoked by the intermediate: found first.
  c.crls = {build_crl(intermediate_crl({2})), build_crl(crl_revoking({3}))};
  CHECK(run(c).detail.find("certificate at depth 0") == 0);

  // A partial chain ending at the trusted intermediate: its CRL issuer is not in the path (33).
  Case partial;
  partial.anchors = {build_certificate(intermediate_spec())};
  partial.leaf = build_certificate(leaf_under_intermediate());
  partial.crls = {build_crl(intermediate_crl()), build_crl(crl_revoking({}))};
  partial.mode = CrlCheck::chain;
  // The root's CRL names the root's key, which the path lacks: no CRL for it (as OpenSSL).
  CHECK(run(partial).verify_code == X509_V_ERR_UNABLE_TO_GET_CRL);
  CrlSpec without_aki;
  without_aki.extensions = {crl_number(1)};
  partial.crls.back() = build_crl(without_aki);
  out = run(partial);
  CHECK(out.verify_code == X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER);
  CHECK(out.verify_message == "unable to get CRL issuer certificate");
  partial.mode = CrlCheck::leaf;
  CHECK(run(partial).ok());
}

TEST_CASE("trust store: CRLs from PEM and DER cadata, counted once, capath CRLs after use") {
  const std::string root_pem = pem_encode("CERTIFICATE", build_certificate(root_spec()));
  const Bytes crl = build_crl(crl_revoking({2}));
  const std::string crl_pem = pem_encode("X509 CRL", crl);
  TrustStore store;
  REQUIRE(store.load_pem(root_pem + "text between\n" + crl_pem + crl_pem).ok());
  CHECK(store.stats().x509 == 1);
  CHECK(store.stats().crl == 1);
  REQUIRE(store.load_pem(pem_encode("X509 CRL", build_crl(crl_revoking({})))).ok());  // a CRL alone is enough
  CHECK(store.stats().crl == 2);
  CHECK(store.find_crls(decode(build_certificate(root_spec())).subject()).size() == 2);
  CHECK(store.find_crls(decode(build_certificate(intermediate_spec())).subject()).empty());
  // A CRL block that does not decode is an error, like a certificate's.
  CHECK_FALSE(store.load_pem("-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n").ok());

  TrustStore der_store;
  Bytes der = build_certificate(root_spec());
  der.insert(der.end(), crl.begin(), crl.end());
  REQUIRE(der_store.load_der(der).ok());
  CHECK(der_store.stats().x509 == 1);
  CHECK(der_store.stats().crl == 1);
  Bytes junk = build_certificate(root_spec());
  junk.insert(junk.end(), {0x30, 0x03, 0x02, 0x01, 0x01});
  CHECK_FALSE(der_store.load_der(junk).ok());

  // A capath's files, as the facade hands them down (socket/capath.hpp).
  auto lazy = std::make_shared<TrustStore>();
  lazy->add_directory("/capath");
  lazy->add_directory_contents({root_pem, crl_pem});
  CHECK(lazy->stats().crl == 0);
  VerifyRequest req;
  const Bytes leaf = build_certificate(leaf_spec());
  req.peer_chain.push_back(leaf);
  req.time = kTestTime;
  req.crl_check = CrlCheck::leaf;
  CHECK(WebPkiVerifier(lazy).verify(req).verify_code == X509_V_ERR_CERT_REVOKED);
  CHECK(lazy->stats().crl == 1);
}
