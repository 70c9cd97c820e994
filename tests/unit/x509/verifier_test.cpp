// Hostname/IP matching, the trust store and the verifier's codes and messages.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include "unit/x509/cert_builder.hpp"
#include "unit/x509/vector_files.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/hostname.hpp"
#include "x509/pem.hpp"
#include "x509/public_suffix.hpp"
#include "x509/trust_store.hpp"

using namespace tlsock;
using namespace tlsock::x509;

TEST_CASE("DNS matching: wildcard only as the whole left-most label, ASCII case-insensitive") {
  CHECK(dns_name_matches("example.com", "EXAMPLE.com"));
  CHECK(dns_name_matches("*.example.com", "a.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("f*.example.com", "foo.example.com"));
  CHECK_FALSE(dns_name_matches("*.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*", "com"));
  CHECK_FALSE(dns_name_matches("foo_bar.example.com", "foo_bar.example.com"));
  CHECK(dns_name_matches("xn--bcher-kva.example", "XN--BCHER-KVA.example"));
  CHECK_FALSE(dns_name_matches("b\xc3\xbc" "cher.example", "b\xc3\xbc" "cher.example"));
}

TEST_CASE("DNS matching: a wildcard over a public suffix never matches (the Public Suffix List)") {
  const char* path = "/usr/share/publicsuffix/public_suffix_list.dat";  // Debian's publicsuffix
  REQUIRE_MESSAGE(std::filesystem::exists(path),
                  path << " missing: scripts/install-deps.sh installs Debian's publicsuffix");
  CHECK(install_public_suffix_list(test::read_text_file(path)));
  CHECK_FALSE(install_public_suffix_list("co.uk"));  // the first list stays
  CHECK(is_public_suffix("com"));
  CHECK(is_public_suffix("CO.UK"));
  CHECK(is_public_suffix("s3.amazonaws.com"));  // the list's PRIVATE section
  CHECK(is_public_suffix("anything.ck"));       // *.ck
  CHECK_FALSE(is_public_suffix("www.ck"));      // !www.ck
  CHECK_FALSE(is_public_suffix("example.co.uk"));
  CHECK_FALSE(dns_name_matches("*.co.uk", "example.co.uk"));
  CHECK_FALSE(dns_name_matches("*.s3.amazonaws.com", "bucket.s3.amazonaws.com"));
  CHECK(dns_name_matches("*.example.co.uk", "www.example.co.uk"));
  CHECK(dns_name_matches("*.example.com", "www.example.com"));
}

TEST_CASE("IP literals") {
  CHECK(parse_ip_address("192.0.2.1") == Bytes{192, 0, 2, 1});
  CHECK_FALSE(parse_ip_address("192.0.2.01"));
  CHECK_FALSE(parse_ip_address("192.0.2"));
  CHECK_FALSE(parse_ip_address("0xC0000201"));
  CHECK(parse_ip_address_lenient("0xC0000201") == Bytes{192, 0, 2, 1});
  auto v6 = parse_ip_address("2001:db8::1");
  REQUIRE(v6);
  CHECK(v6->size() == 16);
  CHECK(canonical_ip_text(*v6) == "2001:db8::1");
  CHECK(parse_ip_address("::ffff:1.2.3.4")->at(15) == 4);
  CHECK_FALSE(parse_ip_address("1:::2"));
  CHECK_FALSE(parse_ip_address("1:2:3:4:5:6:7:8:9"));
}

TEST_CASE("trust store: duplicates ignored, counts kept, cadata errors") {
  TrustStore store;
  std::string pem = test::vector_text("key-p256.pem") + "junk between\n" + test::vector_text("key-p256.pem") + test::vector_text("key-rsa.pem");
  REQUIRE(store.load_pem(pem).ok());
  CHECK(store.stats().x509 == 2);
  CHECK(store.stats().x509_ca == 2);  // openssl req -x509 marks its certificates cA
  auto none = store.load_pem("nothing here");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().detail.find("no start line") != std::string::npos);
  CHECK_FALSE(store.load_der(as_bytes("\x30\x05\x01")).ok());
}

TEST_CASE("verifier: a trusted self-signed leaf, hostname and IP mismatches, unknown issuer") {
  auto store = std::make_shared<TrustStore>();
  REQUIRE(store->load_pem(test::vector_text("san-ipv6.pem")).ok());
  auto der = pem_decode_label(test::vector_text("san-ipv6.pem"), "CERTIFICATE");
  REQUIRE(der.ok());
  auto cert = Certificate::from_der((*der)[0]);
  REQUIRE(cert.ok());
  WebPkiVerifier v(store);
  VerifyRequest req;
  req.peer_chain.push_back((*der)[0]);
  req.time = cert->not_before().unix_seconds + 10;
  req.hostname = "v6.example";
  CHECK(v.verify(req).ok());
  req.hostname = "2001:db8::1";
  CHECK(v.verify(req).ok());
  req.hostname = "invalid";
  auto out = v.verify(req);
  CHECK(out.verify_code == 62);
  CHECK(out.verify_message == "Hostname mismatch, certificate is not valid for 'invalid'.");
  req.hostname = "192.0.2.99";
  CHECK(v.verify(req).verify_code == 64);
  req.hostname.reset();
  req.time = cert->not_after().unix_seconds + 1;
  out = v.verify(req);
  CHECK(out.verify_code == 10);
  CHECK(out.verify_message == "certificate has expired");
  CHECK(out.error().alert == AlertDescription::certificate_expired);

  WebPkiVerifier empty(std::make_shared<TrustStore>());
  req.time = cert->not_before().unix_seconds + 10;
  out = empty.verify(req);
  CHECK(out.verify_code == 18);  // self-signed, not trusted
}

TEST_CASE("common name fallback only when enabled, only without a DNS SAN, never for IP addresses") {
  auto leaf_with = [](std::string_view cn, std::vector<Bytes> extensions) {
    auto spec = test::leaf_spec();
    spec.subject = test::name_cn(cn);
    spec.extensions = std::move(extensions);
    auto c = Certificate::from_der(test::build_certificate(spec));
    REQUIRE(c.ok());
    return *c;
  };
  const Certificate cn_only = leaf_with("cn.example", {test::aki(1)});
  CHECK(certificate_matches_host(cn_only, "cn.example", true));
  CHECK(certificate_matches_host(cn_only, "CN.Example", true));
  CHECK_FALSE(certificate_matches_host(cn_only, "cn.example", false));
  CHECK_FALSE(certificate_matches_host(cn_only, "other.example", true));
  const Certificate with_san = leaf_with("cn.example", {test::aki(1), test::san_dns("san.example")});
  CHECK(certificate_matches_host(with_san, "san.example", true));
  CHECK_FALSE(certificate_matches_host(with_san, "cn.example", true));  // a DNS SAN silences the CN
  const Certificate ip_cn = leaf_with("192.0.2.1", {test::aki(1)});
  CHECK_FALSE(certificate_matches_host(ip_cn, "192.0.2.1", true));
}

// A chain root -> intermediate with nameConstraints permitted DNS:example.com ->
// leaf CN=bank.com without a subjectAltName. OpenSSL refuses it with code 47 since the CN is
// what a client matches (Python's hostname_checks_common_name); so must we.
TEST_CASE("name constraints bind a leaf's CN when no DNS/IP SAN stands in for it") {
  using namespace test;
  const Bytes dns_example = tlv(tag::context(2), text_bytes("example.com"));
  const Bytes ip_net = tlv(tag::context(7), Bytes{192, 0, 2, 0, 255, 255, 255, 0});
  auto verify = [](const Bytes& nc_ext, std::string_view cn, std::vector<Bytes> leaf_ext,
                   std::optional<std::string> host) {
    auto store = std::make_shared<TrustStore>();
    REQUIRE(store->load_der(build_certificate(root_spec())).ok());
    CertSpec inter;
    inter.serial = 3;
    inter.issuer = name_cn("Test Root");
    inter.subject = name_cn("Test Intermediate");
    inter.extensions = {ca_basic_constraints(), ca_key_usage(), ski(2), aki(1), nc_ext};
    CertSpec leaf = leaf_spec();
    leaf.issuer = name_cn("Test Intermediate");
    leaf.subject = name_cn(cn);
    leaf.extensions = {aki(2)};
    for (Bytes& e : leaf_ext) leaf.extensions.push_back(std::move(e));
    const Bytes leaf_der = build_certificate(leaf);
    const Bytes inter_der = build_certificate(inter);
    VerifyRequest req;
    req.peer_chain = {leaf_der, inter_der};
    req.time = kTestTime;
    req.hostname = std::move(host);
    req.check_common_name = true;
    return WebPkiVerifier(store).verify(req);
  };
  const Bytes permitted = name_constraints(0, dns_example);
  auto out = verify(permitted, "bank.com", {}, "bank.com");
  CHECK(out.verify_code == 47);
  CHECK(out.verify_message == "permitted subtree violation");
  // Without a host name to check, the CN is still a host name the CA may not name.
  CHECK(verify(permitted, "bank.com", {}, std::nullopt).verify_code == 47);
  CHECK(verify(permitted, "www.example.com", {}, "www.example.com").ok());
  CHECK(verify(permitted, "*.bank.com", {}, std::nullopt).verify_code == 47);
  // A CN that is not a host name (no dot) is a person's name, not checked.
  CHECK(verify(permitted, "John Smith", {}, std::nullopt).ok());
  // A DNS SAN takes the CN's place: the SAN is what is checked (and matched).
  CHECK(verify(permitted, "bank.com", {san_dns("www.example.com")}, "www.example.com").ok());
  CHECK(verify(name_constraints(1, dns_example), "www.example.com", {}, std::nullopt).verify_code == 48);
  CHECK(verify(name_constraints(1, ip_net), "192.0.2.7", {}, std::nullopt).verify_code == 48);
  CHECK(verify(name_constraints(0, ip_net), "198.51.100.7", {}, std::nullopt).verify_code == 47);
  CHECK(verify(name_constraints(0, ip_net), "192.0.2.7", {}, std::nullopt).ok());
}
