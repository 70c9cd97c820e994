// Hand-built certificates for tests that need encodings the openssl CLI never produces
// (GeneralizedTime before 2050, named bit lists with trailing zero bits) or graphs shaped on
// purpose (budget exhaustion). The DER is assembled here and signed with the Ed25519 test key
// (vectors/keys/ed25519.pem) through src/crypto; every certificate carries that key, so any
// certificate can sign any other.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/rng.hpp"
#include "crypto/signature.hpp"
#include "x509/certificate.hpp"
#include "x509/der_reader.hpp"
#include "x509/oid.hpp"

namespace tlsock::x509::test {

inline Bytes tlv(uint8_t tag, ByteView content) {
  Bytes out{tag};
  size_t n = content.size();
  if (n < 0x80) {
    out.push_back(static_cast<uint8_t>(n));
  } else if (n < 0x100) {
    out.insert(out.end(), {0x81, static_cast<uint8_t>(n)});
  } else {
    REQUIRE(n < 0x10000);
    out.insert(out.end(), {0x82, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)});
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline Bytes seq(std::initializer_list<Bytes> parts) { return tlv(tag::sequence, concat(parts)); }
inline Bytes oid_tlv(ByteView content) { return tlv(tag::oid, content); }
inline Bytes text_bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

// Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, UTF8String } } }
inline Bytes name_cn(std::string_view cn) {
  return seq({tlv(tag::set, seq({oid_tlv(oid::common_name), tlv(tag::utf8_string, text_bytes(cn))}))});
}
inline Bytes utc_time(std::string_view yymmddhhmmssz) { return tlv(tag::utc_time, text_bytes(yymmddhhmmssz)); }
inline Bytes generalized_time(std::string_view yyyymmddhhmmssz) {
  return tlv(tag::generalized_time, text_bytes(yyyymmddhhmmssz));
}

inline Bytes extension(ByteView oid, bool critical, const Bytes& value) {
  Bytes body = oid_tlv(oid);
  if (critical) body = concat({body, tlv(tag::boolean, Bytes{0xff})});
  return seq({body, tlv(tag::octet_string, value)});
}
inline Bytes key_id(uint8_t n) { return Bytes(20, n); }
inline Bytes ski(uint8_t n) { return extension(oid::subject_key_identifier, false, tlv(tag::octet_string, key_id(n))); }
inline Bytes aki(uint8_t n) { return extension(oid::authority_key_identifier, false, seq({tlv(tag::context(0), key_id(n))})); }
inline Bytes ca_basic_constraints() {
  return extension(oid::basic_constraints, true, seq({tlv(tag::boolean, Bytes{0xff})}));
}
// keyUsage from the raw BIT STRING content (unused-bit count first).
inline Bytes key_usage(const Bytes& bit_string_content, bool critical = true) {
  return extension(oid::key_usage, critical, tlv(tag::bit_string, bit_string_content));
}
inline Bytes ca_key_usage() { return key_usage({0x01, 0x86}); }  // keyCertSign, cRLSign, digitalSignature
inline Bytes san_dns(std::string_view name) {
  return extension(oid::subject_alt_name, false, seq({tlv(tag::context(2), text_bytes(name))}));
}

// nameConstraints with one subtree: which = 0 permitted, 1 excluded (RFC 5280 §4.2.1.10).
inline Bytes name_constraints(uint8_t which, const Bytes& general_name) {
  return extension(oid::name_constraints, true, seq({tlv(tag::context_constructed(which), seq({general_name}))}));
}

struct CertSpec {
  uint8_t serial = 1;
  Bytes issuer, subject;
  Bytes not_before = utc_time("200101000000Z");
  Bytes not_after = utc_time("391231235959Z");
  std::vector<Bytes> extensions;
  // The outer signatureAlgorithm when it should differ from the TBS one (a negative test).
  std::optional<Bytes> outer_algorithm;
};

inline const PrivateKey& test_key() {
  static const PrivateKey key = [] {
    std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/keys/ed25519.pem", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string pem = ss.str();
    auto k = PrivateKey::load(as_bytes(pem));
    REQUIRE(k.ok());
    return *k;
  }();
  return key;
}

// A v3 certificate over the test key, signed by the test key (Ed25519, RFC 8410).
inline Bytes build_certificate(const CertSpec& spec) {
  const Bytes alg = seq({oid_tlv(oid::ed25519)});
  ByteView spki = test_key().public_key().spki();
  Bytes exts;
  for (const auto& e : spec.extensions) exts.insert(exts.end(), e.begin(), e.end());
  Bytes tbs = seq({tlv(tag::context_constructed(0), tlv(tag::integer, Bytes{2})), tlv(tag::integer, Bytes{spec.serial}),
                   alg, spec.issuer, seq({spec.not_before, spec.not_after}), spec.subject, Bytes(spki.begin(), spki.end()),
                   exts.empty() ? Bytes{} : tlv(tag::context_constructed(3), tlv(tag::sequence, exts))});
  auto sig = test_key().sign(SignatureScheme::ed25519, tbs, system_rng());
  REQUIRE(sig.ok());
  Bytes bits{0x00};
  bits.insert(bits.end(), sig->begin(), sig->end());
  return seq({tbs, spec.outer_algorithm.value_or(alg), tlv(tag::bit_string, bits)});
}

// A self-signed trust anchor "Test Root" (key id 1).
inline CertSpec root_spec() {
  CertSpec s;
  s.issuer = s.subject = name_cn("Test Root");
  s.extensions = {ca_basic_constraints(), ca_key_usage(), ski(1)};
  return s;
}

// A leaf for "leaf.example" issued by "Test Root".
inline CertSpec leaf_spec() {
  CertSpec s;
  s.serial = 2;
  s.issuer = name_cn("Test Root");
  s.subject = name_cn("leaf.example");
  s.extensions = {aki(1), san_dns("leaf.example")};
  return s;
}

// An intermediate "Test Intermediate" (key id 2) under "Test Root", and a leaf under it.
inline CertSpec intermediate_spec() {
  CertSpec s;
  s.serial = 3;
  s.issuer = name_cn("Test Root");
  s.subject = name_cn("Test Intermediate");
  s.extensions = {ca_basic_constraints(), ca_key_usage(), ski(2), aki(1)};
  return s;
}
inline CertSpec leaf_under_intermediate() {
  CertSpec s = leaf_spec();
  s.issuer = name_cn("Test Intermediate");
  s.extensions = {aki(2), san_dns("leaf.example")};
  return s;
}

// 2030-06-01T00:00:00Z, inside every default validity above.
inline constexpr int64_t kTestTime = 1906502400;

// A built certificate decoded, or the test fails with the decoder's reason.
inline Certificate decode(const Bytes& der) {
  auto c = Certificate::from_der(der);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().detail));
  return *c;
}

}  // namespace tlsock::x509::test
