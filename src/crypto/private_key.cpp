// Private key loading and signing.
//
// Formats: PEM or DER of PKCS#8 (RFC 5958), encrypted PKCS#8 (PBES2, decrypted here),
// PKCS#1 RSAPrivateKey (RFC 8017 A.1.2, PEM "RSA PRIVATE KEY") and SEC1 ECPrivateKey
// (RFC 5915, PEM "EC PRIVATE KEY"). Unencrypted PKCS#8 is parsed here rather than by
// Botan::PKCS8 so that the id-RSASSA-PSS OID survives (it decides rsa_pss vs rsa) and so that
// PKCS#1/SEC1 share the same path.
#include <botan/ber_dec.h>
#include <botan/cipher_mode.h>
#include <botan/data_src.h>
#include <botan/der_enc.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/pem.h>
#include <botan/pubkey.h>
#include <botan/pwdhash.h>
#include <botan/rsa.h>
#include <sodium.h>

#include "crypto/botan_rng.hpp"
#include "crypto/hash.hpp"
#include "crypto/internal.hpp"
#include "crypto/key_internal.hpp"
#include "crypto/prepared_pool.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

using namespace crypto_internal;

struct PrivateKey::Impl {
  KeyType type = KeyType::rsa;
  std::unique_ptr<Botan::Private_Key> key;
  std::optional<PublicKey> public_key;
  Secret ed25519_sk;  // libsodium's 64-byte secret key (seed || public key)
  // After `key`: the signers refer to it.
  mutable PreparedPool<Botan::PK_Signer> signers;
};

namespace {

// The Rng a kept signer is built with. Botan binds it for the signer's lifetime and draws the
// RSA blinding values and exponent masks and the ECDSA scalar blinding from it, so it cannot be
// the caller's Rng (which lives for one call), and with the caller's Rng how many bytes a
// signature consumed would depend on the signer's history. These values never change a
// signature; they only need to be unpredictable, so they come from the system RNG. What does
// change a signature (the PSS salt, ECDSA's point randomisation) still comes from the caller.
Botan::RandomNumberGenerator& blinding_rng() {
  static BotanRngAdapter rng(system_rng());
  return rng;
}

Error bad_key(const std::string& why) { return config_error("private key: " + why); }

enum class DerKind { pkcs8, encrypted_pkcs8, pkcs1, sec1, unknown };

// Tells the four DER structures apart by their first fields:
//   EncryptedPrivateKeyInfo SEQUENCE { SEQUENCE (AlgorithmIdentifier), OCTET STRING }
//   PrivateKeyInfo          SEQUENCE { INTEGER, SEQUENCE, OCTET STRING, ... }
//   RSAPrivateKey           SEQUENCE { INTEGER, INTEGER, ... }
//   ECPrivateKey            SEQUENCE { INTEGER 1, OCTET STRING, ... }
DerKind classify(const Botan::secure_vector<uint8_t>& der) {
  try {
    Botan::BER_Decoder outer(der);
    Botan::BER_Decoder seq = outer.start_cons(Botan::SEQUENCE);
    Botan::BER_Object first = seq.get_next_object();
    if (first.is_a(Botan::SEQUENCE, Botan::CONSTRUCTED)) return DerKind::encrypted_pkcs8;
    if (!first.is_a(Botan::INTEGER, Botan::UNIVERSAL)) return DerKind::unknown;
    Botan::BER_Object second = seq.get_next_object();
    if (second.is_a(Botan::SEQUENCE, Botan::CONSTRUCTED)) return DerKind::pkcs8;
    if (second.is_a(Botan::INTEGER, Botan::UNIVERSAL)) return DerKind::pkcs1;
    if (second.is_a(Botan::OCTET_STRING, Botan::UNIVERSAL)) return DerKind::sec1;
  } catch (const std::exception&) {
  }
  return DerKind::unknown;
}

struct Loaded {
  std::unique_ptr<Botan::Private_Key> key;
  bool pss = false;
};

// Builds the Botan key for a PKCS#8 algorithm identifier and its privateKey octets.
Result<Loaded> key_from_algorithm(const Botan::AlgorithmIdentifier& alg_id,
                                  const Botan::secure_vector<uint8_t>& key_bits) {
  const Botan::OID& oid = alg_id.get_oid();
  Loaded out;
  if (oid == Botan::OID(kOidRsaEncryption) || oid == Botan::OID(kOidRsaPss)) {
    out.key = std::make_unique<Botan::RSA_PrivateKey>(alg_id, key_bits);
    out.pss = oid == Botan::OID(kOidRsaPss);
  } else if (oid == Botan::OID(kOidEcPublicKey)) {
    out.key = std::make_unique<Botan::ECDSA_PrivateKey>(alg_id, key_bits);
  } else if (oid == Botan::OID(kOidEd25519)) {
    // RFC 8410 §7: privateKey is an OCTET STRING wrapping CurvePrivateKey (another OCTET STRING).
    out.key = std::make_unique<Botan::Ed25519_PrivateKey>(alg_id, key_bits);
  } else {
    return bad_key("unsupported key algorithm " + oid.to_string());
  }
  return out;
}

Result<Loaded> load_pkcs8(const Botan::secure_vector<uint8_t>& der) {
  size_t version = 0;
  Botan::AlgorithmIdentifier alg_id;
  Botan::secure_vector<uint8_t> key_bits;
  // RFC 5958 §2: OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm,
  //   privateKey OCTET STRING, attributes [0] OPTIONAL, publicKey [1] OPTIONAL }
  Botan::BER_Decoder(der)
      .start_cons(Botan::SEQUENCE)
      .decode(version)
      .decode(alg_id)
      .decode(key_bits, Botan::OCTET_STRING)
      .discard_remaining()
      .end_cons();
  if (version > 1) return bad_key("unsupported PKCS#8 version " + std::to_string(version));
  return key_from_algorithm(alg_id, key_bits);
}

Result<Loaded> load_pkcs1(const Botan::secure_vector<uint8_t>& der) {
  Loaded out;
  out.key = std::make_unique<Botan::RSA_PrivateKey>(
      Botan::AlgorithmIdentifier(Botan::OID(kOidRsaEncryption),
                                 Botan::AlgorithmIdentifier::USE_NULL_PARAM),
      der);
  return out;
}

Result<Loaded> load_sec1(const Botan::secure_vector<uint8_t>& der) {
  // RFC 5915 §3: ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
  //   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
  // Botan's EC key constructor takes the curve from the PKCS#8 AlgorithmIdentifier, so the
  // [0] parameters are lifted into one.
  Botan::BER_Decoder seq = Botan::BER_Decoder(der).start_cons(Botan::SEQUENCE);
  size_t version = 0;
  Botan::secure_vector<uint8_t> scalar;
  seq.decode(version).decode(scalar, Botan::OCTET_STRING);
  std::vector<uint8_t> params;
  while (seq.more_items()) {
    Botan::BER_Object obj = seq.get_next_object();
    if (obj.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
      params.assign(obj.bits(), obj.bits() + obj.length());
    }
  }
  if (params.empty()) {
    return bad_key("SEC1 EC key without curve parameters (use PKCS#8 instead)");
  }
  Loaded out;
  out.key = std::make_unique<Botan::ECDSA_PrivateKey>(
      Botan::AlgorithmIdentifier(Botan::OID(kOidEcPublicKey), params), der);
  return out;
}

// PBES2 (RFC 8018 §6.2) with PBKDF2 or scrypt and AES-CBC: what OpenSSL 3 writes. Decrypting
// here (instead of Botan::PKCS8::load_key) hands the inner PrivateKeyInfo to load_pkcs8, so an
// encrypted id-RSASSA-PSS key keeps its type (Botan 2 cannot build a key for that OID) and
// every key type goes through the same path. nullopt: not a scheme handled here.
struct Pbes2 {
  std::string kdf;  // Botan PasswordHash family: "PBKDF2(SHA-256)", "Scrypt"
  size_t p1 = 0, p2 = 0, p3 = 0;
  std::vector<uint8_t> salt;
  std::string cipher;  // "AES-256/CBC/PKCS7"
  size_t key_length = 0;
  std::vector<uint8_t> iv;
};

std::optional<Pbes2> parse_pbes2(const Botan::AlgorithmIdentifier& alg) {
  if (alg.get_oid() != Botan::OID("1.2.840.113549.1.5.13")) return std::nullopt;  // id-PBES2
  Botan::AlgorithmIdentifier kdf, enc;
  Botan::BER_Decoder(alg.get_parameters())
      .start_cons(Botan::SEQUENCE).decode(kdf).decode(enc).end_cons();
  Pbes2 p;
  const std::string enc_oid = enc.get_oid().to_string();
  if (enc_oid == "2.16.840.1.101.3.4.1.2") {
    p.cipher = "AES-128/CBC/PKCS7", p.key_length = 16;
  } else if (enc_oid == "2.16.840.1.101.3.4.1.22") {
    p.cipher = "AES-192/CBC/PKCS7", p.key_length = 24;
  } else if (enc_oid == "2.16.840.1.101.3.4.1.42") {
    p.cipher = "AES-256/CBC/PKCS7", p.key_length = 32;
  } else {
    return std::nullopt;
  }
  Botan::BER_Decoder(enc.get_parameters()).decode(p.iv, Botan::OCTET_STRING).verify_end();
  if (kdf.get_oid() == Botan::OID("1.2.840.113549.1.5.12")) {  // id-PBKDF2 (RFC 8018 A.2)
    Botan::BER_Decoder params = Botan::BER_Decoder(kdf.get_parameters()).start_cons(Botan::SEQUENCE);
    params.decode(p.salt, Botan::OCTET_STRING).decode(p.p1);
    std::string prf = "SHA-1";  // DEFAULT algid-hmacWithSHA1
    while (params.more_items()) {
      Botan::BER_Object obj = params.get_next_object();
      if (obj.is_a(Botan::SEQUENCE, Botan::CONSTRUCTED)) {
        // A decoder over the object reads its contents: the AlgorithmIdentifier's OID first.
        Botan::OID prf_oid;
        Botan::BER_Decoder(obj).decode(prf_oid);
        const std::string o = prf_oid.to_string();
        if (o == "1.2.840.113549.2.7") prf = "SHA-1";
        else if (o == "1.2.840.113549.2.9") prf = "SHA-256";
        else if (o == "1.2.840.113549.2.10") prf = "SHA-384";
        else if (o == "1.2.840.113549.2.11") prf = "SHA-512";
        else return std::nullopt;
      }
    }
    p.kdf = "PBKDF2(" + prf + ")";
  } else if (kdf.get_oid() == Botan::OID("1.3.6.1.4.1.11591.4.11")) {  // id-scrypt (RFC 7914 §7)
    Botan::BER_Decoder(kdf.get_parameters())
        .start_cons(Botan::SEQUENCE)
        .decode(p.salt, Botan::OCTET_STRING)
        .decode(p.p1)
        .decode(p.p2)
        .decode(p.p3)
        .discard_remaining()
        .end_cons();
    p.kdf = "Scrypt";
  } else {
    return std::nullopt;
  }
  return p;
}

Result<Loaded> load_encrypted(const Botan::secure_vector<uint8_t>& der,
                              std::optional<std::string_view> password) {
  if (!password) return bad_key("the key is encrypted: a password is required");
  Botan::AlgorithmIdentifier alg;
  std::vector<uint8_t> ciphertext;
  std::optional<Pbes2> pbes2;
  try {
    // RFC 5958 §3: EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData }
    Botan::BER_Decoder(der)
        .start_cons(Botan::SEQUENCE)
        .decode(alg)
        .decode(ciphertext, Botan::OCTET_STRING)
        .end_cons();
    pbes2 = parse_pbes2(alg);
  } catch (const std::exception& e) {
    return bad_key(std::string("encrypted PKCS#8 does not parse: ") + e.what());
  }
  if (!pbes2) {
    // Botan 2 itself decrypts nothing but PBES2 either, so there is no fallback to try.
    return bad_key("unsupported PKCS#8 encryption " + alg.get_oid().to_string() +
                   " (only PBES2 with PBKDF2 or scrypt and AES-CBC); re-encrypt it with "
                   "`openssl pkcs8 -topk8 -v2 aes-256-cbc`");
  }
  Botan::secure_vector<uint8_t> plain(ciphertext.begin(), ciphertext.end());
  try {
    auto family = Botan::PasswordHashFamily::create_or_throw(pbes2->kdf);
    auto kdf = pbes2->kdf == "Scrypt" ? family->from_params(pbes2->p1, pbes2->p2, pbes2->p3)
                                      : family->from_params(pbes2->p1);
    Botan::secure_vector<uint8_t> key(pbes2->key_length);
    kdf->derive_key(key.data(), key.size(), password->data(), password->size(),
                    pbes2->salt.data(), pbes2->salt.size());
    auto cipher = Botan::Cipher_Mode::create_or_throw(pbes2->cipher, Botan::DECRYPTION);
    cipher->set_key(key);
    cipher->start(pbes2->iv);
    cipher->finish(plain);  // throws on bad padding: almost always a wrong password
  } catch (const std::exception&) {
    return bad_key("could not decrypt the encrypted PKCS#8 key: wrong password");
  }
  try {
    auto loaded = load_pkcs8(plain);
    secure_wipe(plain.data(), plain.size());
    return loaded;
  } catch (const std::exception&) {
    // CBC padding matched by chance (about 1 in 256 wrong passwords): the plaintext is noise.
    secure_wipe(plain.data(), plain.size());
    return bad_key("could not decrypt the encrypted PKCS#8 key: wrong password");
  }
}

Result<Loaded> load_der(const Botan::secure_vector<uint8_t>& der,
                        std::optional<std::string_view> password, const char* what) {
  try {
    switch (classify(der)) {
      case DerKind::pkcs8: return load_pkcs8(der);
      case DerKind::encrypted_pkcs8: return load_encrypted(der, password);
      case DerKind::pkcs1: return load_pkcs1(der);
      case DerKind::sec1: return load_sec1(der);
      case DerKind::unknown: break;
    }
  } catch (const std::exception& e) {
    return bad_key(std::string(what) + " does not parse: " + e.what());
  }
  return bad_key(std::string(what) +
                 " is not PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1 (garbage or unsupported)");
}

bool is_private_key_label(std::string_view label) {
  return label == "PRIVATE KEY" || label == "ENCRYPTED PRIVATE KEY" ||
         label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY";
}

// Finds the first PEM block holding a private key (openssl ecparam output starts with an
// "EC PARAMETERS" block, which is skipped) and decodes it.
Result<Loaded> load_pem(std::string_view text, std::optional<std::string_view> password) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  size_t pos = 0;
  while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
    const size_t label_start = pos + kBegin.size();
    const size_t label_end = text.find("-----", label_start);
    if (label_end == std::string_view::npos) break;
    const std::string label(text.substr(label_start, label_end - label_start));
    const std::string end_marker = "-----END " + label + "-----";
    const size_t end = text.find(end_marker, label_end);
    if (end == std::string_view::npos) return bad_key("PEM block \"" + label + "\" has no END line");
    if (is_private_key_label(label)) {
      const std::string_view block = text.substr(pos, end + end_marker.size() - pos);
      // RFC 1421 headers: OpenSSL's "traditional" encryption, which Botan cannot decrypt.
      if (block.find("Proc-Type:") != std::string_view::npos) {
        return bad_key("legacy encrypted PEM (Proc-Type header) is not supported; convert it "
                       "with `openssl pkcs8 -topk8`");
      }
      Botan::secure_vector<uint8_t> der;
      try {
        std::string got_label;
        der = Botan::PEM_Code::decode(std::string(block), got_label);
      } catch (const std::exception& e) {
        return bad_key("PEM block \"" + label + "\" does not decode: " + e.what());
      }
      const std::string what = "PEM \"" + label + "\"";
      auto loaded = load_der(der, password, what.c_str());
      secure_wipe(der.data(), der.size());
      return loaded;
    }
    pos = end + end_marker.size();
  }
  return bad_key("no PEM private key block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE "
                 "KEY or EC PRIVATE KEY) found");
}

}  // namespace

Result<PrivateKey> PrivateKey::load(ByteView pem_or_der, std::optional<std::string_view> password) {
  if (pem_or_der.empty()) return bad_key("empty input");
  Result<Loaded> loaded = Loaded{};
  const std::string_view text = as_chars(pem_or_der);
  if (text.find("-----BEGIN ") != std::string_view::npos) {
    loaded = load_pem(text, password);
  } else {
    Botan::secure_vector<uint8_t> der(pem_or_der.begin(), pem_or_der.end());
    loaded = load_der(der, password, "DER key");
  }
  if (!loaded) return std::move(loaded).error();

  auto impl = std::make_shared<Impl>();
  impl->key = std::move(loaded->key);
  try {
    auto type = key_type_of(*impl->key, loaded->pss);
    if (!type) return bad_key("unsupported key type or curve (" + impl->key->algo_name() + ")");
    impl->type = *type;
    auto pub = PublicKey::from_spki(spki_of(*impl->key, impl->type));
    if (!pub) return bad_key("could not derive the public key: " + pub.error().detail);
    impl->public_key = std::move(*pub);
    if (impl->type == KeyType::ed25519) {
      // libsodium's secret key is seed || public; Botan keeps the same 64 bytes, but derive it
      // from the seed to depend on nothing but RFC 8032.
      const auto& botan_sk = dynamic_cast<const Botan::Ed25519_PrivateKey&>(*impl->key);
      ensure_sodium();
      impl->ed25519_sk = Secret(crypto_sign_SECRETKEYBYTES);
      uint8_t pk[crypto_sign_PUBLICKEYBYTES];
      crypto_sign_seed_keypair(pk, impl->ed25519_sk.data(), botan_sk.get_private_key().data());
    }
  } catch (const std::exception& e) {
    return bad_key(std::string("unusable key: ") + e.what());
  }
  PrivateKey key;
  key.impl_ = std::move(impl);
  return key;
}

KeyType PrivateKey::type() const { return impl_->type; }

PublicKey PrivateKey::public_key() const { return *impl_->public_key; }

bool PrivateKey::supports(SignatureScheme scheme, bool bind_curve) const {
  if (!key_supports_scheme(type(), scheme, bind_curve)) return false;
  auto alg = signature_algorithm(scheme);
  if (!alg || alg->padding != SignaturePadding::pss) return true;
  size_t em_len = (impl_->public_key->bits() - 1 + 7) / 8;  // RFC 8017 §9.1.1: emBits = modBits - 1
  return em_len >= 2 * hash_length(alg->hash) + 2;
}

Result<Bytes> PrivateKey::sign(SignatureScheme scheme, ByteView message, Rng& rng) const {
  const CryptoBackend backend =
      scheme == SignatureScheme::ed25519 ? ed25519_default_backend() : CryptoBackend::botan;
  return sign_with_backend(scheme, message, rng, backend);
}

Result<Bytes> PrivateKey::sign_with_backend(SignatureScheme scheme, ByteView message, Rng& rng,
                                            CryptoBackend backend) const {
  // Legacy and P-521 schemes are accepted for verification of peers' chains only: our
  // own handshakes never sign with them.
  if (scheme == SignatureScheme::rsa_pkcs1_sha1 || scheme == SignatureScheme::ecdsa_sha1 ||
      scheme == SignatureScheme::ecdsa_secp521r1_sha512) {
    return config_error("signature scheme " + name(scheme) + " is verify-only");
  }
  auto alg = signature_algorithm(scheme);
  if (!alg || !key_supports_scheme(impl_->type, scheme, /*bind_curve=*/false)) {
    return config_error("a " + std::string(name(impl_->type)) + " key cannot sign " +
                        name(scheme));
  }
  if (impl_->type == KeyType::ec_p521) {
    return config_error("signing with P-521 keys is not supported");
  }
  if (backend == CryptoBackend::sodium) {
    if (impl_->type != KeyType::ed25519) return config_error("libsodium signs only Ed25519");
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(),
                         impl_->ed25519_sk.data());
    return sig;
  }
  try {
    BotanRngAdapter botan_rng(rng);
    const bool der = alg->padding == SignaturePadding::ecdsa;
    std::vector<uint8_t> sig = impl_->signers.with(
        *alg,
        [&] {
          return std::make_unique<Botan::PK_Signer>(*impl_->key, blinding_rng(), botan_emsa(*alg),
                                                    der ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
        },
        [&](Botan::PK_Signer& signer) {
          return signer.sign_message(message.data(), message.size(), botan_rng);
        },
        [](const std::vector<uint8_t>&) { return true; });
    return Bytes(sig.begin(), sig.end());
  } catch (const std::exception& e) {
    return internal_error("signing with " + name(scheme) + " failed: " + e.what());
  }
}

}  // namespace tlsock
