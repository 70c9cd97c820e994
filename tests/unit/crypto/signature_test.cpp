#include <doctest/doctest.h>

#include "crypto/signature.hpp"
#include "key_files.hpp"

using namespace tlsock;
using tlsock::test::key_file;
using tlsock::test::kKeyPassword;

namespace {

PrivateKey load_ok(const std::string& file, std::optional<std::string_view> password = {}) {
  Bytes data = key_file(file);
  REQUIRE_MESSAGE(!data.empty(), file);
  auto key = PrivateKey::load(data, password);
  REQUIRE_MESSAGE(key.ok(), file << ": " << (key.ok() ? "" : key.error().message()));
  return *key;
}

PublicKey spki_ok(const std::string& file) {
  auto pub = PublicKey::from_spki(key_file(file));
  REQUIRE_MESSAGE(pub.ok(), file << ": " << (pub.ok() ? "" : pub.error().message()));
  return *pub;
}

void roundtrip(const PrivateKey& key, SignatureScheme scheme) {
  ScriptedRng rng(7);
  Bytes msg = {'h', 'e', 'l', 'l', 'o'};
  auto sig = key.sign(scheme, msg, rng);
  REQUIRE_MESSAGE(sig.ok(), name(scheme) << ": " << (sig.ok() ? "" : sig.error().message()));
  PublicKey pub = key.public_key();
  Status good = pub.verify(scheme, msg, *sig, /*bind_curve=*/false);
  CHECK_MESSAGE(good.ok(), name(scheme) << ": " << (good.ok() ? "" : good.error().message()));
  Bytes bad_msg = msg;
  bad_msg[0] ^= 1;
  Status bad = pub.verify(scheme, bad_msg, *sig, false);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().alert == AlertDescription::decrypt_error);
  Bytes bad_sig = *sig;
  bad_sig[bad_sig.size() / 2] ^= 0x40;
  Status bad2 = pub.verify(scheme, msg, bad_sig, false);
  REQUIRE_FALSE(bad2.ok());
  CHECK(bad2.error().alert == AlertDescription::decrypt_error);
}

}  // namespace

TEST_CASE("private keys load from every supported format") {
  struct Case {
    const char* file;
    bool encrypted;
    KeyType type;
  };
  const Case cases[] = {
      {"rsa2048.pem", false, KeyType::rsa},          {"rsa2048.der", false, KeyType::rsa},
      {"rsa2048_pkcs1.pem", false, KeyType::rsa},    {"rsa2048_enc.pem", true, KeyType::rsa},
      {"rsa2048_enc.der", true, KeyType::rsa},       {"rsa_pss2048.pem", false, KeyType::rsa_pss},
      {"rsa_pss2048_enc.pem", true, KeyType::rsa_pss},
      {"ec_p256_enc_scrypt.pem", true, KeyType::ec_p256},
      {"ec_p256_enc_sha1_aes128.pem", true, KeyType::ec_p256},
      {"ec_p256.pem", false, KeyType::ec_p256},      {"ec_p256_sec1.pem", false, KeyType::ec_p256},
      {"ec_p384.pem", false, KeyType::ec_p384},      {"ec_p384_sec1.pem", false, KeyType::ec_p384},
      {"ec_p521.pem", false, KeyType::ec_p521},      {"ed25519.pem", false, KeyType::ed25519},
      {"ed25519.der", false, KeyType::ed25519},      {"ed25519_enc.pem", true, KeyType::ed25519},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    PrivateKey key = c.encrypted ? load_ok(c.file, kKeyPassword) : load_ok(c.file);
    CHECK(key.type() == c.type);
    CHECK(key.public_key().type() == c.type);
  }
}

TEST_CASE("a private key's public key equals OpenSSL's SubjectPublicKeyInfo") {
  for (const char* base : {"rsa2048", "ec_p256", "ec_p384", "ec_p521", "ed25519", "rsa_pss2048"}) {
    CAPTURE(base);
    PrivateKey key = load_ok(std::string(base) + ".pem");
    PublicKey from_file = spki_ok(std::string(base) + ".spki.der");
    CHECK(from_file.type() == key.type());
    if (key.type() != KeyType::rsa_pss) {
      // For id-RSASSA-PSS we emit absent parameters; OpenSSL may differ in the AlgorithmIdentifier.
      CHECK(to_hex(key.public_key().spki()) == to_hex(from_file.spki()));
    }
  }
  CHECK(spki_ok("rsa2048.spki.der").bits() == 2048);
  CHECK(spki_ok("rsa_pss2048.spki.der").bits() == 2048);
  CHECK(spki_ok("ec_p256.spki.der").bits() == 256);
  CHECK(spki_ok("ec_p384.spki.der").bits() == 384);
  CHECK(spki_ok("ec_p521.spki.der").bits() == 521);
  CHECK(spki_ok("ed25519.spki.der").bits() == 256);
}

TEST_CASE("key loading failures are config errors with a clear message") {
  SUBCASE("wrong password") {
    auto key = PrivateKey::load(key_file("rsa2048_enc.pem"), std::string_view("wrong"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
    CHECK(key.error().detail.find("password") != std::string::npos);
  }
  SUBCASE("wrong password, scrypt") {
    auto key = PrivateKey::load(key_file("ec_p256_enc_scrypt.pem"), std::string_view("nope"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().detail.find("wrong password") != std::string::npos);
  }
  SUBCASE("legacy PKCS#12 PBE encryption is refused clearly") {
    auto key = PrivateKey::load(key_file("ec_p256_enc_pbes1.pem"), kKeyPassword);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
    CHECK(key.error().detail.find("unsupported PKCS#8 encryption") != std::string::npos);
  }
  SUBCASE("missing password") {
    auto key = PrivateKey::load(key_file("ed25519_enc.pem"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
    CHECK(key.error().detail.find("password is required") != std::string::npos);
  }
  SUBCASE("garbage DER") {
    auto key = PrivateKey::load(key_file("garbage.der"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
  }
  SUBCASE("garbage PEM") {
    auto key = PrivateKey::load(key_file("garbage.pem"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
  }
  SUBCASE("empty, truncated, not a key") {
    CHECK_FALSE(PrivateKey::load({}).ok());
    Bytes der = key_file("rsa2048.der");
    der.resize(der.size() / 2);
    auto truncated = PrivateKey::load(der);
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.error().kind == ErrorKind::config);
    auto cert_only = PrivateKey::load(as_bytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    REQUIRE_FALSE(cert_only.ok());
    CHECK(cert_only.error().detail.find("no PEM private key block") != std::string::npos);
  }
  SUBCASE("unsupported curve") {
    auto key = PrivateKey::load(key_file("ec_p224_sec1.pem"));
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == ErrorKind::config);
  }
  SUBCASE("bad SPKI") {
    auto pub = PublicKey::from_spki(key_file("garbage.der"));
    REQUIRE_FALSE(pub.ok());
    CHECK(pub.error().alert == AlertDescription::bad_certificate);
    Bytes spki = key_file("ec_p256.spki.der");
    spki.push_back(0);  // trailing data
    CHECK_FALSE(PublicKey::from_spki(spki).ok());
  }
}

TEST_CASE("sign and verify round trips for every signing scheme") {
  PrivateKey rsa = load_ok("rsa2048.pem");
  for (auto s : {SignatureScheme::rsa_pkcs1_sha256, SignatureScheme::rsa_pkcs1_sha384,
                 SignatureScheme::rsa_pkcs1_sha512, SignatureScheme::rsa_pss_rsae_sha256,
                 SignatureScheme::rsa_pss_rsae_sha384, SignatureScheme::rsa_pss_rsae_sha512}) {
    roundtrip(rsa, s);
  }
  PrivateKey pss = load_ok("rsa_pss2048.pem");
  for (auto s : {SignatureScheme::rsa_pss_pss_sha256, SignatureScheme::rsa_pss_pss_sha384,
                 SignatureScheme::rsa_pss_pss_sha512}) {
    roundtrip(pss, s);
  }
  roundtrip(load_ok("ec_p256.pem"), SignatureScheme::ecdsa_secp256r1_sha256);
  roundtrip(load_ok("ec_p384.pem"), SignatureScheme::ecdsa_secp384r1_sha384);
  roundtrip(load_ok("ed25519.pem"), SignatureScheme::ed25519);
}

TEST_CASE("signatures made by OpenSSL verify") {
  const Bytes msg = key_file("message.txt");
  REQUIRE(!msg.empty());
  struct Case {
    const char* spki;
    const char* sig;
    SignatureScheme scheme;
  };
  const Case cases[] = {
      {"ec_p256.spki.der", "ec_p256_sha256.sig", SignatureScheme::ecdsa_secp256r1_sha256},
      {"ec_p384.spki.der", "ec_p384_sha384.sig", SignatureScheme::ecdsa_secp384r1_sha384},
      {"ec_p521.spki.der", "ec_p521_sha512.sig", SignatureScheme::ecdsa_secp521r1_sha512},
      {"rsa2048.spki.der", "rsa2048_pkcs1_sha256.sig", SignatureScheme::rsa_pkcs1_sha256},
      {"rsa2048.spki.der", "rsa2048_pss_sha256.sig", SignatureScheme::rsa_pss_rsae_sha256},
      {"rsa_pss2048.spki.der", "rsa_pss2048_pss_sha384.sig", SignatureScheme::rsa_pss_pss_sha384},
      {"ed25519.spki.der", "ed25519.sig", SignatureScheme::ed25519},
  };
  for (const Case& c : cases) {
    CAPTURE(c.sig);
    PublicKey pub = spki_ok(c.spki);
    Bytes sig = key_file(c.sig);
    Status st = pub.verify(c.scheme, msg, sig, /*bind_curve=*/true);
    CHECK_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message()));
    Bytes other = msg;
    other.back() ^= 1;
    CHECK_FALSE(pub.verify(c.scheme, other, sig, true).ok());
  }
  // Both Ed25519 backends agree.
  PublicKey ed = spki_ok("ed25519.spki.der");
  const SignatureAlgorithm ed_alg{SignaturePadding::ed25519, HashAlgorithm::sha512};
  CHECK(ed.verify_with_backend(ed_alg, msg, key_file("ed25519.sig"), CryptoBackend::botan).ok());
  CHECK(ed.verify_with_backend(ed_alg, msg, key_file("ed25519.sig"), CryptoBackend::sodium).ok());
}

TEST_CASE("Ed25519 signatures are identical from both backends") {
  PrivateKey key = load_ok("ed25519.pem");
  ScriptedRng rng;
  Bytes msg = key_file("message.txt");
  auto a = key.sign_with_backend(SignatureScheme::ed25519, msg, rng, CryptoBackend::sodium);
  auto b = key.sign_with_backend(SignatureScheme::ed25519, msg, rng, CryptoBackend::botan);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a == *b);
  CHECK(*a == key_file("ed25519.sig"));  // Ed25519 is deterministic: OpenSSL made the same one
}

TEST_CASE("scheme and key mismatches are errors, not silent failures") {
  PrivateKey rsa = load_ok("rsa2048.pem");
  PrivateKey pss = load_ok("rsa_pss2048.pem");
  PrivateKey p256 = load_ok("ec_p256.pem");
  PrivateKey p521 = load_ok("ec_p521.pem");
  ScriptedRng rng;
  Bytes msg = {1, 2, 3};

  auto e1 = rsa.sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, rng);
  REQUIRE_FALSE(e1.ok());
  CHECK(e1.error().kind == ErrorKind::config);
  CHECK_FALSE(rsa.sign(SignatureScheme::rsa_pss_pss_sha256, msg, rng).ok());
  CHECK_FALSE(pss.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, rng).ok());
  CHECK_FALSE(pss.sign(SignatureScheme::rsa_pkcs1_sha256, msg, rng).ok());
  CHECK_FALSE(rsa.sign(SignatureScheme::rsa_pkcs1_sha1, msg, rng).ok());  // verify-only
  CHECK_FALSE(p521.sign(SignatureScheme::ecdsa_secp521r1_sha512, msg, rng).ok());
  CHECK_FALSE(rsa.sign_with_backend(SignatureScheme::rsa_pkcs1_sha256, msg, rng,
                                    CryptoBackend::sodium).ok());

  auto sig = p256.sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, rng);
  REQUIRE(sig.ok());
  Status wrong_key = rsa.public_key().verify(SignatureScheme::ecdsa_secp256r1_sha256, msg, *sig, false);
  REQUIRE_FALSE(wrong_key.ok());
  CHECK(wrong_key.error().alert == AlertDescription::illegal_parameter);
  Status wrong_padding = p256.public_key().verify(
      SignatureAlgorithm{SignaturePadding::pss, HashAlgorithm::sha256}, msg, *sig);
  REQUIRE_FALSE(wrong_padding.ok());

  // TLS 1.3 binds the curve: a P-256 key cannot answer for ecdsa_secp384r1_sha384 there, but
  // may for TLS 1.2's (ECDSA, SHA-384).
  CHECK_FALSE(p256.supports(SignatureScheme::ecdsa_secp384r1_sha384, true));
  CHECK(p256.supports(SignatureScheme::ecdsa_secp384r1_sha384, false));
  auto sig384 = p256.sign(SignatureScheme::ecdsa_secp384r1_sha384, msg, rng);
  REQUIRE(sig384.ok());
  CHECK(p256.public_key().verify(SignatureScheme::ecdsa_secp384r1_sha384, msg, *sig384, false).ok());
  CHECK_FALSE(p256.public_key().verify(SignatureScheme::ecdsa_secp384r1_sha384, msg, *sig384, true).ok());

  // A malformed (non-DER) ECDSA signature is a failed verification, not an exception.
  Bytes junk(64, 0x30);
  Status st = p256.public_key().verify(SignatureScheme::ecdsa_secp256r1_sha256, msg, junk, true);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == AlertDescription::decrypt_error);
  CHECK_FALSE(p256.public_key().verify(SignatureScheme::ecdsa_secp256r1_sha256, msg, {}, true).ok());
}

// RFC 8017 §9.1.1: EMSA-PSS needs emLen >= hLen + sLen + 2, and TLS's salt is as long as the
// hash (RFC 8446 §4.2.3). A 1024-bit key (emLen 128) makes PSS with SHA-256 and SHA-384 but
// not with SHA-512 (130 bytes): supports() says so, so no handshake picks that scheme.
TEST_CASE("an RSA key too small for RSA-PSS with SHA-512 does not support it") {
  PrivateKey small = load_ok("rsa1024.pem");
  PrivateKey rsa = load_ok("rsa2048.pem");
  ScriptedRng rng;
  Bytes msg = {1, 2, 3};
  for (bool bind_curve : {true, false}) {
    CHECK(small.supports(SignatureScheme::rsa_pss_rsae_sha256, bind_curve));
    CHECK(small.supports(SignatureScheme::rsa_pss_rsae_sha384, bind_curve));
    CHECK_FALSE(small.supports(SignatureScheme::rsa_pss_rsae_sha512, bind_curve));
    CHECK(small.supports(SignatureScheme::rsa_pkcs1_sha512, bind_curve));
    CHECK(rsa.supports(SignatureScheme::rsa_pss_rsae_sha512, bind_curve));
  }
  CHECK(small.sign(SignatureScheme::rsa_pss_rsae_sha384, msg, rng).ok());
  CHECK_FALSE(small.sign(SignatureScheme::rsa_pss_rsae_sha512, msg, rng).ok());
}

TEST_CASE("signing is deterministic under a ScriptedRng") {
  PrivateKey rsa = load_ok("rsa2048.pem");
  ScriptedRng a(42), b(42), c(43);
  Bytes msg = {9, 9, 9};
  auto s1 = rsa.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, a);
  auto s2 = rsa.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, b);
  auto s3 = rsa.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, c);
  REQUIRE(s1.ok());
  REQUIRE(s2.ok());
  REQUIRE(s3.ok());
  CHECK(*s1 == *s2);
  CHECK(*s1 != *s3);  // a different salt
}
