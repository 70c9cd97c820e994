// Encoding rules that only hand-built certificates exercise (validity time types, named bit
// lists), the named limits and the signature budget of the path builder.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "unit/x509/cert_builder.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/path_builder.hpp"

using namespace tlsock;
using namespace tlsock::x509;
using namespace tlsock::x509::test;

namespace {

// Verifies leaf (plus intermediates) against an anchor, for "leaf.example" at kTestTime.
VerifyOutcome verify(const Bytes& anchor, const Bytes& leaf, const std::vector<Bytes>& intermediates = {}) {
  auto store = std::make_shared<TrustStore>();
  store->add(decode(anchor));
  VerifyRequest req;
  req.peer_chain.push_back(leaf);
  for (const auto& i : intermediates) req.peer_chain.push_back(i);
  req.hostname = "leaf.example";
  req.time = kTestTime;
  return WebPkiVerifier(store).verify(req);
}

}  // namespace

TEST_CASE("hand-built chain: the baseline verifies") {
  auto out = verify(build_certificate(root_spec()), build_certificate(leaf_spec()));
  CHECK_MESSAGE(out.ok(), out.verify_message << " " << out.detail);
  auto via = verify(build_certificate(root_spec()), build_certificate(leaf_under_intermediate()),
                    {build_certificate(intermediate_spec())});
  CHECK_MESSAGE(via.ok(), via.verify_message << " " << via.detail);
}

TEST_CASE("certificate: the outer signatureAlgorithm must equal the TBS one; unknown critical extensions invalidate") {
  CertSpec mismatch = leaf_spec();
  mismatch.outer_algorithm = seq({oid_tlv(oid::ed448)});
  auto bad = Certificate::from_der(build_certificate(mismatch));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().detail.find("RFC 5280 §4.1.1.2") != std::string::npos);

  const Bytes root = build_certificate(root_spec());
  CertSpec unknown = leaf_spec();
  unknown.extensions.push_back(extension(oid_from_string("1.3.6.1.4.1.99999.1"), true, Bytes{0x05, 0x00}));
  Certificate decoded = decode(build_certificate(unknown));  // decodes: Python shows it
  REQUIRE(decoded.extensions().defect);
  CHECK(verify(root, build_certificate(unknown)).verify_code == X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION);
  unknown.extensions.back() = extension(oid_from_string("1.3.6.1.4.1.99999.1"), false, Bytes{0x05, 0x00});
  CHECK(verify(root, build_certificate(unknown)).ok());
}

TEST_CASE("validity: GeneralizedTime for a date before 2050 decodes, is recorded and fails validation") {
  const Bytes root = build_certificate(root_spec());

  CertSpec nb = leaf_spec();
  nb.not_before = generalized_time("20200101000000Z");
  Certificate nb_cert = decode(build_certificate(nb));
  CHECK(nb_cert.not_before().encoding == TimeEncoding::generalized_time);
  CHECK_FALSE(nb_cert.not_before().encoding_conforms());
  CHECK(nb_cert.not_after().encoding == TimeEncoding::utc_time);
  CHECK(nb_cert.not_before().year == 2020);
  auto out = verify(root, build_certificate(nb));
  CHECK(out.verify_code == 13);
  CHECK(out.verify_message == "format error in certificate's notBefore field");

  CertSpec na = leaf_spec();
  na.not_after = generalized_time("20391231235959Z");
  out = verify(root, build_certificate(na));
  CHECK(out.verify_code == 14);
  CHECK(out.verify_message == "format error in certificate's notAfter field");

  // notBefore's format is checked before notAfter's, as OpenSSL's check_cert_time does.
  CertSpec both = na;
  both.not_before = generalized_time("20200101000000Z");
  CHECK(verify(root, build_certificate(both)).verify_code == 13);

  // The boundaries: 2049 in UTCTime and 2050 in GeneralizedTime are the conforming forms.
  CertSpec edge = leaf_spec();
  edge.not_after = utc_time("491231235959Z");
  Certificate edge_cert = decode(build_certificate(edge));
  CHECK(edge_cert.not_after().year == 2049);
  CHECK(verify(root, build_certificate(edge)).ok());
  edge.not_after = generalized_time("20500101000000Z");
  CHECK(decode(build_certificate(edge)).not_after().encoding_conforms());
  CHECK(verify(root, build_certificate(edge)).ok());
  CHECK(decode(build_certificate([] {
          CertSpec s = leaf_spec();
          s.not_before = utc_time("500101000000Z");
          return s;
        }())).not_before().year == 1950);

  // An intermediate is held to the rule like the leaf.
  CertSpec bad_intermediate = intermediate_spec();
  bad_intermediate.not_after = generalized_time("20391231235959Z");
  out = verify(root, build_certificate(leaf_under_intermediate()), {build_certificate(bad_intermediate)});
  CHECK(out.verify_code == 14);
}

TEST_CASE("validity: trust anchors are exempt from the UTCTime/GeneralizedTime rule") {
  // The Debian bundle's Certum Trusted Network CA 2 has GeneralizedTime dates in 2011 and 2046.
  CertSpec root = root_spec();
  root.not_before = generalized_time("20200101000000Z");
  root.not_after = generalized_time("20391231235959Z");
  auto out = verify(build_certificate(root), build_certificate(leaf_spec()));
  CHECK_MESSAGE(out.ok(), out.verify_message << " " << out.detail);
}

TEST_CASE("keyUsage: DER named bit lists carry no trailing zero bits (X.690 §11.2.2)") {
  const Bytes root = build_certificate(root_spec());
  auto with_key_usage = [](const Bytes& bits) {
    CertSpec s = leaf_spec();
    s.extensions.push_back(key_usage(bits));
    return build_certificate(s);
  };
  // digitalSignature alone: 7 unused bits.
  Certificate minimal = decode(with_key_usage({0x07, 0x80}));
  REQUIRE(minimal.extensions().key_usage);
  CHECK(*minimal.extensions().key_usage == ku_digital_signature);
  CHECK(verify(root, with_key_usage({0x07, 0x80})).ok());
  // digitalSignature + keyEncipherment (bits 0 and 2): 5 unused bits.
  CHECK(verify(root, with_key_usage({0x05, 0xa0})).ok());
  // The same bits with trailing zeros left in: the certificate decodes (Python shows it), the
  // extension is a defect and validation refuses it.
  for (const Bytes& bits : {Bytes{0x00, 0x80}, Bytes{0x01, 0x80}, Bytes{0x04, 0xa0}, Bytes{0x07, 0x80, 0x00}}) {
    Certificate c = decode(with_key_usage(bits));
    CHECK_FALSE(c.extensions().key_usage);
    REQUIRE(c.extensions().defect);
    CHECK(c.extensions().defect->find("trailing zero bits") != std::string::npos);
    auto out = verify(root, with_key_usage(bits));
    CHECK(out.verify_code == X509_V_ERR_INVALID_EXTENSION);
  }
}

TEST_CASE("limits: kMaxDerSize, kMaxExtensions, kMaxPeerChainLength, kMaxIntermediates") {
  auto too_big = Certificate::from_der(Bytes(kMaxDerSize + 1, 0x30));
  REQUIRE_FALSE(too_big.ok());
  CHECK(too_big.error().detail.find("kMaxDerSize") != std::string::npos);

  CertSpec many = leaf_spec();
  for (size_t i = 0; many.extensions.size() <= kMaxExtensions; ++i)
    many.extensions.push_back(extension(oid_from_string("1.2.3." + std::to_string(i)), false, Bytes{0x05, 0x00}));
  auto rejected = Certificate::from_der(build_certificate(many));
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().detail.find("kMaxExtensions") != std::string::npos);
  many.extensions.pop_back();
  CHECK(Certificate::from_der(build_certificate(many)).ok());

  const Bytes root = build_certificate(root_spec());
  const Bytes leaf = build_certificate(leaf_spec());
  std::vector<Bytes> copies(kMaxPeerChainLength, leaf);
  auto out = verify(root, leaf, copies);
  CHECK(out.verify_code == X509_V_ERR_CERT_CHAIN_TOO_LONG);
  CHECK(out.detail.find("kMaxPeerChainLength") != std::string::npos);

  // A straight chain root <- I1 <- ... <- In <- leaf: n = kMaxIntermediates passes, one more fails.
  auto chain_of = [&](size_t n) {
    std::vector<Bytes> intermediates;
    for (size_t i = 1; i <= n; ++i) {
      CertSpec s;
      s.serial = static_cast<uint8_t>(10 + i);
      s.subject = name_cn("I" + std::to_string(i));
      s.issuer = i == n ? name_cn("Test Root") : name_cn("I" + std::to_string(i + 1));
      s.extensions = {ca_basic_constraints(), ca_key_usage(), ski(static_cast<uint8_t>(10 + i)),
                      aki(static_cast<uint8_t>(i == n ? 1 : 11 + i))};
      intermediates.push_back(build_certificate(s));
    }
    CertSpec l = leaf_spec();
    l.issuer = name_cn("I1");
    l.extensions = {aki(11), san_dns("leaf.example")};
    return verify(root, build_certificate(l), intermediates);
  };
  auto six = chain_of(kMaxIntermediates);
  CHECK_MESSAGE(six.ok(), six.verify_message << " " << six.detail);
  CHECK(chain_of(kMaxIntermediates + 1).verify_code == X509_V_ERR_CERT_CHAIN_TOO_LONG);
}

TEST_CASE("budget: signature checks stop at kMaxSignatureChecks whatever the graph") {
  // Five layers of three interchangeable CAs each (layer i named "Li", issued by "L(i+1)"),
  // the top layer issued by a name no anchor carries: a depth-first search would check
  // 3 + 9 + 27 + 81 + 243 signatures before giving up; the budget stops it at 100.
  std::vector<Certificate> pool;
  uint8_t serial = 20;
  for (int layer = 1; layer <= 5; ++layer) {
    for (int k = 0; k < 3; ++k) {
      CertSpec s;
      s.serial = serial++;
      s.subject = name_cn("L" + std::to_string(layer));
      s.issuer = name_cn(layer == 5 ? "Nowhere" : "L" + std::to_string(layer + 1));
      s.extensions = {ca_basic_constraints(), ca_key_usage(), ski(static_cast<uint8_t>(layer)),
                      aki(static_cast<uint8_t>(layer + 1))};
      pool.push_back(decode(build_certificate(s)));
    }
  }
  CertSpec l = leaf_spec();
  l.issuer = name_cn("L1");
  l.extensions = {aki(1), san_dns("leaf.example")};
  TrustStore store;
  store.add(decode(build_certificate(root_spec())));
  PathOptions o;
  o.time = kTestTime;
  PathResult r = build_path(decode(build_certificate(l)), pool, store, o);
  CHECK_FALSE(r.ok());
  CHECK(r.signature_checks == kMaxSignatureChecks + 1);  // the check that found the budget spent
  CHECK(r.build_calls <= kMaxSignatureChecks + 1);  // one descent per verified signature, plus the leaf's
}

TEST_CASE("partial chains: without VERIFY_X509_PARTIAL_CHAIN a path must end at a self-issued trusted certificate") {
  const Bytes root = build_certificate(root_spec());
  const Bytes intermediate = build_certificate(intermediate_spec());
  const Bytes leaf = build_certificate(leaf_under_intermediate());
  auto run = [&](std::vector<Bytes> trusted, bool partial_chain) {
    auto store = std::make_shared<TrustStore>();
    for (const Bytes& t : trusted) store->add(decode(t));
    VerifyRequest req;
    req.peer_chain = {leaf, intermediate};
    req.hostname = "leaf.example";
    req.time = kTestTime;
    req.partial_chain = partial_chain;
    return WebPkiVerifier(store).verify(req);
  };
  // The root is trusted: both modes verify, and the chain ends at the root.
  for (bool partial : {false, true}) {
    auto out = run({root}, partial);
    CHECK_MESSAGE(out.ok(), out.verify_message);
    CHECK(out.verified_chain.size() == 3);
  }
  // Only the intermediate is trusted: a partial chain ends there; otherwise its issuer is
  // missing (OpenSSL's code 2 for a trusted certificate's issuer).
  auto partial = run({intermediate}, true);
  CHECK(partial.ok());
  CHECK(partial.verified_chain.size() == 2);
  auto full = run({intermediate}, false);
  CHECK(full.verify_code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT);
  // Intermediate and root trusted: the path goes on through the trusted intermediate.
  auto both = run({intermediate, root}, false);
  CHECK_MESSAGE(both.ok(), both.verify_message);
  CHECK(both.verified_chain.size() == 3);
  // Only the leaf is trusted: accepted as a partial chain; otherwise the path goes on through
  // the peer's intermediate, whose issuer is nowhere (20, as OpenSSL).
  CHECK(run({leaf}, true).ok());
  CHECK(run({leaf}, false).verify_code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}
