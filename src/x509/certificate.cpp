#include "x509/certificate.hpp"

#include <algorithm>

#include "x509/oid.hpp"

namespace tlsock::x509 {

namespace {

bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

Error cert_error(const std::string& detail) {
  return {ErrorKind::decode, AlertDescription::bad_certificate, "certificate: " + detail};
}

std::optional<HashAlgorithm> hash_from_oid(ByteView o) {
  if (oid_equal(o, oid::sha256)) return HashAlgorithm::sha256;
  if (oid_equal(o, oid::sha384)) return HashAlgorithm::sha384;
  if (oid_equal(o, oid::sha512)) return HashAlgorithm::sha512;
  return std::nullopt;
}

// RSASSA-PSS-params (RFC 4055 §3.1) restricted to what the web PKI uses (RFC 8446 §4.2.3 and
// CABF BR 7.1.3.2): SHA-256/384/512, MGF1 with the same hash, salt = hash length, trailer 1.
Result<std::optional<SignatureAlgorithm>> parse_pss_params(DerReader& params_holder) {
  TLSOCK_TRY_ASSIGN(DerReader p, params_holder.read_sequence());
  std::optional<HashAlgorithm> hash;
  if (p.next_is(tag::context_constructed(0))) {
    TLSOCK_TRY_ASSIGN(DerReader h, p.read_constructed(tag::context_constructed(0)));
    TLSOCK_TRY_ASSIGN(DerReader alg, h.read_sequence());
    TLSOCK_TRY_ASSIGN(ByteView hoid, alg.read_oid());
    if (!alg.empty()) TLSOCK_TRY(alg.read_null());
    TLSOCK_TRY(alg.expect_end());
    TLSOCK_TRY(h.expect_end());
    hash = hash_from_oid(hoid);
  }
  bool mgf_ok = false;
  if (p.next_is(tag::context_constructed(1))) {
    TLSOCK_TRY_ASSIGN(DerReader m, p.read_constructed(tag::context_constructed(1)));
    TLSOCK_TRY_ASSIGN(DerReader alg, m.read_sequence());
    TLSOCK_TRY_ASSIGN(ByteView moid, alg.read_oid());
    TLSOCK_TRY_ASSIGN(DerReader halg, alg.read_sequence());
    TLSOCK_TRY_ASSIGN(ByteView hoid, halg.read_oid());
    if (!halg.empty()) TLSOCK_TRY(halg.read_null());
    TLSOCK_TRY(halg.expect_end());
    TLSOCK_TRY(alg.expect_end());
    TLSOCK_TRY(m.expect_end());
    mgf_ok = oid_equal(moid, oid::mgf1) && hash && hash_from_oid(hoid) == hash;
  }
  int64_t salt = 20;
  if (p.next_is(tag::context_constructed(2))) {
    TLSOCK_TRY_ASSIGN(DerReader s, p.read_constructed(tag::context_constructed(2)));
    TLSOCK_TRY_ASSIGN(salt, s.read_small_unsigned());
    TLSOCK_TRY(s.expect_end());
  }
  if (p.next_is(tag::context_constructed(3))) {
    TLSOCK_TRY_ASSIGN(DerReader t, p.read_constructed(tag::context_constructed(3)));
    TLSOCK_TRY_ASSIGN(int64_t trailer, t.read_small_unsigned());
    TLSOCK_TRY(t.expect_end());
    if (trailer != 1) return std::optional<SignatureAlgorithm>{};
  }
  TLSOCK_TRY(p.expect_end());
  if (!hash || !mgf_ok || salt != static_cast<int64_t>(hash_length(*hash)))
    return std::optional<SignatureAlgorithm>{};
  return std::optional<SignatureAlgorithm>{SignatureAlgorithm{SignaturePadding::pss, *hash}};
}

}  // namespace

Result<SignatureAlgorithmId> parse_signature_algorithm(const DerElement& e, int depth) {
  SignatureAlgorithmId id;
  id.der = e.tlv;
  DerReader top(e.tlv, depth, "AlgorithmIdentifier");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY_ASSIGN(id.oid, r.read_oid());
  const ByteView o = id.oid;
  auto rsa = [&](HashAlgorithm h) -> Status {
    // RFC 4055 §5 / RFC 8017 A.2.4: the parameters MUST be NULL for these identifiers.
    TLSOCK_TRY(r.read_null());
    id.algorithm = SignatureAlgorithm{SignaturePadding::pkcs1v15, h};
    return {};
  };
  auto no_params = [&](SignaturePadding pad, HashAlgorithm h) {
    // RFC 5758 §3.2 (ECDSA) and RFC 8410 §3 (Ed25519): parameters MUST be absent.
    id.algorithm = SignatureAlgorithm{pad, h};
  };
  if (oid_equal(o, oid::sha256_with_rsa)) {
    TLSOCK_TRY(rsa(HashAlgorithm::sha256));
  } else if (oid_equal(o, oid::sha384_with_rsa)) {
    TLSOCK_TRY(rsa(HashAlgorithm::sha384));
  } else if (oid_equal(o, oid::sha512_with_rsa)) {
    TLSOCK_TRY(rsa(HashAlgorithm::sha512));
  } else if (oid_equal(o, oid::ecdsa_with_sha256)) {
    no_params(SignaturePadding::ecdsa, HashAlgorithm::sha256);
  } else if (oid_equal(o, oid::ecdsa_with_sha384)) {
    no_params(SignaturePadding::ecdsa, HashAlgorithm::sha384);
  } else if (oid_equal(o, oid::ecdsa_with_sha512)) {
    no_params(SignaturePadding::ecdsa, HashAlgorithm::sha512);
  } else if (oid_equal(o, oid::ed25519)) {
    no_params(SignaturePadding::ed25519, HashAlgorithm::sha512);
  } else if (oid_equal(o, oid::rsassa_pss)) {
    TLSOCK_TRY_ASSIGN(id.algorithm, parse_pss_params(r));
  } else {
    // Not one we verify (SHA-1, MD5, DSA, ...): keep the identifier, skip its parameters.
    if (!r.empty()) TLSOCK_TRY(r.read_any());
  }
  TLSOCK_TRY(r.expect_end());
  TLSOCK_TRY(top.expect_end());
  return id;
}

namespace {

size_t bit_length(ByteView unsigned_be) {
  size_t i = 0;
  while (i < unsigned_be.size() && unsigned_be[i] == 0) ++i;
  if (i == unsigned_be.size()) return 0;
  size_t bits = (unsigned_be.size() - i) * 8;
  for (uint8_t b = unsigned_be[i]; !(b & 0x80); b = static_cast<uint8_t>(b << 1)) --bits;
  return bits;
}

}  // namespace

Result<SubjectPublicKeyInfo> parse_spki(const DerElement& e, int depth) {
  SubjectPublicKeyInfo info;
  info.der = e.tlv;
  DerReader top(e.tlv, depth, "SubjectPublicKeyInfo");
  TLSOCK_TRY_ASSIGN(DerReader r, top.read_sequence());
  TLSOCK_TRY_ASSIGN(DerReader alg, r.read_sequence());
  TLSOCK_TRY_ASSIGN(info.algorithm_oid, alg.read_oid());
  std::optional<DerElement> params;
  if (!alg.empty()) {
    TLSOCK_TRY_ASSIGN(DerElement p, alg.read_any());
    params = p;
  }
  TLSOCK_TRY(alg.expect_end());
  TLSOCK_TRY_ASSIGN(BitString key, r.read_bit_string());
  TLSOCK_TRY(r.expect_end());
  TLSOCK_TRY(top.expect_end());
  if (key.unused_bits != 0) return r.error("subjectPublicKey with unused bits");
  const ByteView o = info.algorithm_oid;
  if (oid_equal(o, oid::rsa_encryption) || oid_equal(o, oid::rsassa_pss)) {
    bool pss = oid_equal(o, oid::rsassa_pss);
    if (!pss && (!params || params->tag != tag::null || !params->content.empty())) {
      info.unsupported = "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)";
      return info;
    }
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    DerReader kt(key.bytes, depth + 1, "RSAPublicKey");
    TLSOCK_TRY_ASSIGN(DerReader k, kt.read_sequence());
    TLSOCK_TRY_ASSIGN(ByteView modulus, k.read_integer());
    TLSOCK_TRY_ASSIGN(ByteView exponent, k.read_integer());
    TLSOCK_TRY(k.expect_end());
    TLSOCK_TRY(kt.expect_end());
    if ((modulus[0] & 0x80) || (exponent[0] & 0x80)) return k.error("negative RSA modulus or exponent");
    info.key_bits = bit_length(modulus);
    info.key_type = pss ? KeyType::rsa_pss : KeyType::rsa;
  } else if (oid_equal(o, oid::ec_public_key)) {
    // RFC 5480 §2.1.1: namedCurve only ("implicitCurve and specifiedCurve MUST NOT be used").
    if (!params || params->tag != tag::oid) {
      info.unsupported = "EC key without a named curve (explicit curves are forbidden, RFC 5480)";
      return info;
    }
    ByteView curve = params->content;
    size_t point = key.bytes.size();
    auto set = [&](KeyType t, size_t bits) {
      size_t field = (bits + 7) / 8;
      // Uncompressed point 04||X||Y (RFC 5480 §2.2: compressed points are not used here).
      if (point != 1 + 2 * field || key.bytes[0] != 0x04) {
        info.unsupported = "EC public key is not an uncompressed point on its curve";
        return;
      }
      info.key_type = t;
      info.key_bits = bits;
    };
    if (oid_equal(curve, oid::secp256r1)) set(KeyType::ec_p256, 256);
    else if (oid_equal(curve, oid::secp384r1)) set(KeyType::ec_p384, 384);
    else if (oid_equal(curve, oid::secp521r1)) set(KeyType::ec_p521, 521);
    else info.unsupported = "unsupported EC curve " + oid_to_string(curve);
  } else if (oid_equal(o, oid::ed25519)) {
    if (params) return r.error("Ed25519 parameters must be absent (RFC 8410 §3)");
    if (key.bytes.size() != 32) return r.error("Ed25519 public key must be 32 bytes");
    info.key_type = KeyType::ed25519;
    info.key_bits = 256;
  } else {
    info.unsupported = "unsupported public key algorithm " + oid_to_string(o);
  }
  return info;
}

Result<SignedEnvelope> parse_signed_envelope(ByteView der, const char* what) {
  DerReader top(der, 0, what);
  TLSOCK_TRY_ASSIGN(DerReader body, top.read_sequence());
  TLSOCK_TRY(top.expect_end());
  SignedEnvelope e;
  e.depth = body.depth();
  TLSOCK_TRY_ASSIGN(e.tbs, body.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(DerElement algorithm, body.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(e.algorithm, parse_signature_algorithm(algorithm, body.depth()));
  TLSOCK_TRY_ASSIGN(BitString sig, body.read_bit_string());
  if (sig.unused_bits != 0) return body.error("signatureValue with unused bits");
  e.signature = sig.bytes;
  TLSOCK_TRY(body.expect_end());
  return e;
}

Result<Certificate> Certificate::from_der(Bytes der_bytes) {
  if (der_bytes.size() > kMaxDerSize) return cert_error("larger than kMaxDerSize");
  Certificate c;
  c.buffer_ = std::make_shared<const Bytes>(std::move(der_bytes));
  ByteView all = *c.buffer_;
  TLSOCK_TRY_ASSIGN(SignedEnvelope envelope, parse_signed_envelope(all, "Certificate"));
  c.tbs_ = envelope.tbs.tlv;
  c.signature_algorithm_ = envelope.algorithm;
  c.signature_ = envelope.signature;

  DerReader tbs(envelope.tbs.content, envelope.depth + 1, "TBSCertificate");
  int x509_version = 0;
  if (tbs.next_is(tag::context_constructed(0))) {
    TLSOCK_TRY_ASSIGN(DerReader v, tbs.read_constructed(tag::context_constructed(0)));
    TLSOCK_TRY_ASSIGN(int64_t n, v.read_small_unsigned());
    TLSOCK_TRY(v.expect_end());
    if (n > 2) return cert_error("unknown version " + std::to_string(n));
    // X.690 §11.5: a DEFAULT value (v1) must not be encoded.
    if (n == 0) return cert_error("explicit version v1 (DEFAULT must be omitted in DER)");
    x509_version = static_cast<int>(n);
  }
  c.version_ = x509_version + 1;
  TLSOCK_TRY_ASSIGN(c.serial_, tbs.read_integer());
  TLSOCK_TRY_ASSIGN(DerElement inner_alg, tbs.read(tag::sequence));
  // RFC 5280 §4.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier as the
  // signature field in the sequence tbsCertificate".
  if (!same(inner_alg.tlv, envelope.algorithm.der))
    return cert_error("signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)");
  TLSOCK_TRY_ASSIGN(DerElement issuer_el, tbs.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(c.issuer_, DistinguishedName::parse(issuer_el.tlv, tbs.depth()));
  TLSOCK_TRY_ASSIGN(DerReader validity, tbs.read_sequence());
  TLSOCK_TRY_ASSIGN(DerElement nb, validity.read_any());
  TLSOCK_TRY_ASSIGN(DerElement na, validity.read_any());
  TLSOCK_TRY(validity.expect_end());
  TLSOCK_TRY_ASSIGN(c.not_before_, parse_x509_time(nb));
  TLSOCK_TRY_ASSIGN(c.not_after_, parse_x509_time(na));
  TLSOCK_TRY_ASSIGN(DerElement subject_el, tbs.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(c.subject_, DistinguishedName::parse(subject_el.tlv, tbs.depth()));
  TLSOCK_TRY_ASSIGN(DerElement spki_el, tbs.read(tag::sequence));
  TLSOCK_TRY_ASSIGN(c.spki_, parse_spki(spki_el, tbs.depth()));
  for (uint8_t n : {1, 2}) {
    if (tbs.next_is(tag::context(n))) {
      if (x509_version < 1) return cert_error("unique identifiers need version 2 or 3");
      TLSOCK_TRY_ASSIGN(DerElement uid, tbs.read_any());
      TLSOCK_TRY(parse_bit_string(uid.content));
    }
  }
  if (tbs.next_is(tag::context_constructed(3))) {
    if (x509_version < 2) return cert_error("extensions need version 3");
    TLSOCK_TRY_ASSIGN(DerReader ext, tbs.read_constructed(tag::context_constructed(3)));
    TLSOCK_TRY_ASSIGN(DerElement seq, ext.read(tag::sequence));
    TLSOCK_TRY(ext.expect_end());
    TLSOCK_TRY_ASSIGN(c.extensions_, Extensions::parse(seq, ext, c.subject_.empty()));
  }
  TLSOCK_TRY(tbs.expect_end());
  return c;
}

namespace {

std::optional<ByteView> public_key_bits(ByteView spki) {
  DerReader outer(spki, 0, "SubjectPublicKeyInfo");
  auto seq = outer.read_sequence();
  if (!seq) return std::nullopt;
  if (!seq->read(tag::sequence)) return std::nullopt;
  auto bits = seq->read(tag::bit_string);
  if (!bits) return std::nullopt;
  return bits->content;
}

}  // namespace

bool same_public_key(ByteView spki_a, ByteView spki_b) {
  const auto a = public_key_bits(spki_a);
  const auto b = public_key_bits(spki_b);
  return a && b && std::equal(a->begin(), a->end(), b->begin(), b->end());
}

bool starts_with_certificate(ByteView der) {
  DerReader reader(der, 0, "cadata");
  auto first = reader.read(tag::sequence);
  return first && Certificate::from_der(first->tlv).ok();
}

}  // namespace tlsock::x509
