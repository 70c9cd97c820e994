// Public keys and verification. Botan does the RSA and ECDSA math; Ed25519 verification goes to
// libsodium by default (ed25519_default_backend). id-RSASSA-PSS keys (RFC 4055) are decoded by
// hand: the SPKI's BIT STRING holds an ordinary RSAPublicKey, so the key is rebuilt from n and e
// and remembered as KeyType::rsa_pss.
#include "crypto/signature.hpp"

#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/x509_key.h>
#include <sodium.h>

#include <algorithm>
#include <deque>
#include <mutex>

#include "common/fuzzer_mode.hpp"
#include "crypto/internal.hpp"
#include "crypto/key_internal.hpp"
#include "crypto/prepared_pool.hpp"

namespace tlsock {

namespace crypto_internal {

std::string botan_emsa(SignatureAlgorithm alg) {
  std::string hash;
  switch (alg.hash) {
    case HashAlgorithm::sha1: hash = "SHA-1"; break;
    case HashAlgorithm::sha256: hash = "SHA-256"; break;
    case HashAlgorithm::sha384: hash = "SHA-384"; break;
    case HashAlgorithm::sha512: hash = "SHA-512"; break;
  }
  switch (alg.padding) {
    case SignaturePadding::pkcs1v15: return "EMSA3(" + hash + ")";
    // RFC 8446 §4.2.3: the salt length MUST equal the digest length. Giving it explicitly also
    // makes Botan require exactly that length when verifying.
    case SignaturePadding::pss:
      return "PSSR(" + hash + ",MGF1," + std::to_string(hash_length(alg.hash)) + ")";
    case SignaturePadding::ecdsa: return "EMSA1(" + hash + ")";
    case SignaturePadding::ed25519: return "Pure";
  }
  return "";
}

std::optional<KeyType> ec_key_type(const Botan::OID& curve) {
  if (curve == Botan::OID(kOidP256)) return KeyType::ec_p256;
  if (curve == Botan::OID(kOidP384)) return KeyType::ec_p384;
  if (curve == Botan::OID(kOidP521)) return KeyType::ec_p521;
  return std::nullopt;
}

std::optional<KeyType> key_type_of(const Botan::Public_Key& key, bool pss) {
  const std::string algo = key.algo_name();
  if (algo == "RSA") return pss ? KeyType::rsa_pss : KeyType::rsa;
  if (algo == "Ed25519") return KeyType::ed25519;
  if (algo == "ECDSA" || algo == "ECDH") {
    const auto& ec = dynamic_cast<const Botan::EC_PublicKey&>(key);
    return ec_key_type(ec.domain().get_curve_oid());
  }
  return std::nullopt;
}

std::vector<uint8_t> spki_of(const Botan::Public_Key& key, KeyType type) {
  if (type != KeyType::rsa_pss) return Botan::X509::BER_encode(key);
  // RFC 4055 §1.2: parameters absent means the key may be used with any PSS parameters.
  std::vector<uint8_t> out;
  Botan::DER_Encoder(out)
      .start_cons(Botan::SEQUENCE)
      .encode(Botan::AlgorithmIdentifier(Botan::OID(kOidRsaPss),
                                         Botan::AlgorithmIdentifier::USE_EMPTY_PARAM))
      .encode(key.public_key_bits(), Botan::BIT_STRING)
      .end_cons();
  return out;
}

bool padding_matches(SignaturePadding padding, KeyType type) {
  switch (padding) {
    // RFC 4055 §1.2: an id-RSASSA-PSS key is for PSS only.
    case SignaturePadding::pkcs1v15: return type == KeyType::rsa;
    case SignaturePadding::pss: return type == KeyType::rsa || type == KeyType::rsa_pss;
    case SignaturePadding::ecdsa:
      return type == KeyType::ec_p256 || type == KeyType::ec_p384 || type == KeyType::ec_p521;
    case SignaturePadding::ed25519: return type == KeyType::ed25519;
  }
  return false;
}

}  // namespace crypto_internal

using namespace crypto_internal;

const char* name(KeyType type) {
  switch (type) {
    case KeyType::rsa: return "rsa";
    case KeyType::rsa_pss: return "rsa-pss";
    case KeyType::ec_p256: return "ec-p256";
    case KeyType::ec_p384: return "ec-p384";
    case KeyType::ec_p521: return "ec-p521";
    case KeyType::ed25519: return "ed25519";
  }
  return "unknown";
}

CryptoBackend ed25519_default_backend() { return CryptoBackend::sodium; }

std::optional<SignatureAlgorithm> signature_algorithm(SignatureScheme scheme) {
  using P = SignaturePadding;
  using H = HashAlgorithm;
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1_sha1: return SignatureAlgorithm{P::pkcs1v15, H::sha1};
    case SignatureScheme::rsa_pkcs1_sha256: return SignatureAlgorithm{P::pkcs1v15, H::sha256};
    case SignatureScheme::rsa_pkcs1_sha384: return SignatureAlgorithm{P::pkcs1v15, H::sha384};
    case SignatureScheme::rsa_pkcs1_sha512: return SignatureAlgorithm{P::pkcs1v15, H::sha512};
    case SignatureScheme::ecdsa_sha1: return SignatureAlgorithm{P::ecdsa, H::sha1};
    case SignatureScheme::ecdsa_secp256r1_sha256: return SignatureAlgorithm{P::ecdsa, H::sha256};
    case SignatureScheme::ecdsa_secp384r1_sha384: return SignatureAlgorithm{P::ecdsa, H::sha384};
    case SignatureScheme::ecdsa_secp521r1_sha512: return SignatureAlgorithm{P::ecdsa, H::sha512};
    case SignatureScheme::rsa_pss_rsae_sha256:
    case SignatureScheme::rsa_pss_pss_sha256: return SignatureAlgorithm{P::pss, H::sha256};
    case SignatureScheme::rsa_pss_rsae_sha384:
    case SignatureScheme::rsa_pss_pss_sha384: return SignatureAlgorithm{P::pss, H::sha384};
    case SignatureScheme::rsa_pss_rsae_sha512:
    case SignatureScheme::rsa_pss_pss_sha512: return SignatureAlgorithm{P::pss, H::sha512};
    case SignatureScheme::ed25519: return SignatureAlgorithm{P::ed25519, H::sha512};
    default: return std::nullopt;
  }
}

bool key_supports_scheme(KeyType type, SignatureScheme scheme, bool bind_curve) {
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1_sha1:
    case SignatureScheme::rsa_pkcs1_sha256:
    case SignatureScheme::rsa_pkcs1_sha384:
    case SignatureScheme::rsa_pkcs1_sha512:
    case SignatureScheme::rsa_pss_rsae_sha256:
    case SignatureScheme::rsa_pss_rsae_sha384:
    case SignatureScheme::rsa_pss_rsae_sha512: return type == KeyType::rsa;
    // RFC 8446 §4.2.3: rsa_pss_pss_* are for keys with the id-RSASSA-PSS OID.
    case SignatureScheme::rsa_pss_pss_sha256:
    case SignatureScheme::rsa_pss_pss_sha384:
    case SignatureScheme::rsa_pss_pss_sha512: return type == KeyType::rsa_pss;
    // RFC 8446 §4.2.3: in TLS 1.3 the ECDSA schemes name the curve.
    case SignatureScheme::ecdsa_secp256r1_sha256:
      return bind_curve ? type == KeyType::ec_p256 : padding_matches(SignaturePadding::ecdsa, type);
    case SignatureScheme::ecdsa_secp384r1_sha384:
      return bind_curve ? type == KeyType::ec_p384 : padding_matches(SignaturePadding::ecdsa, type);
    case SignatureScheme::ecdsa_secp521r1_sha512:
      return bind_curve ? type == KeyType::ec_p521 : padding_matches(SignaturePadding::ecdsa, type);
    case SignatureScheme::ecdsa_sha1:
      return !bind_curve && padding_matches(SignaturePadding::ecdsa, type);
    case SignatureScheme::ed25519: return type == KeyType::ed25519;
    default: return false;
  }
}

// ---- PublicKey ---------------------------------------------------------------------------------

struct PublicKey::Impl {
  KeyType type = KeyType::rsa;
  size_t bits = 0;
  Bytes spki;
  std::unique_ptr<Botan::Public_Key> key;
  std::array<uint8_t, 32> ed25519{};  // raw public key for libsodium
  // After `key`: the verifiers refer to it. A trust anchor's key verifies many chains.
  mutable PreparedPool<Botan::PK_Verifier> verifiers;
};

namespace {

Error bad_spki(const std::string& why) {
  return {ErrorKind::decode, AlertDescription::bad_certificate, "SubjectPublicKeyInfo: " + why};
}

Error verify_failed(SignatureAlgorithm alg, KeyType type) {
  return crypto_error(AlertDescription::decrypt_error,
                      std::string("signature verification failed (") + name(type) + " key, " +
                          botan_emsa(alg) + ")");
}

}  // namespace

Result<PublicKey> PublicKey::from_spki(ByteView spki_der) {
  // Keys decoded lately come back as they are, kept verifiers included: a trust anchor's key
  // checks every chain under it (an ECDSA verifier's point table costs an eighth of a P-256
  // verification to build), and a server's leaf key every handshake with that server.
  struct Recent {
    std::mutex mutex;
    std::deque<std::shared_ptr<const Impl>> keys;  // most recent first
  };
  static constexpr size_t kRecentKeys = 32;
  // Never destroyed: the kept verifiers hold Botan secure memory, whose pool is itself a static
  // that may be gone by the time this one would be destroyed at exit.
  static Recent& recent = *new Recent;
  {
    std::lock_guard<std::mutex> lock(recent.mutex);
    for (const auto& known : recent.keys) {
      if (std::equal(known->spki.begin(), known->spki.end(), spki_der.begin(), spki_der.end())) {
        PublicKey pk;
        pk.impl_ = known;
        return pk;
      }
    }
  }

  auto impl = std::make_shared<Impl>();
  try {
    Botan::AlgorithmIdentifier alg_id;
    std::vector<uint8_t> key_bits;
    // RFC 5280 §4.1: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
    //                                                    subjectPublicKey BIT STRING }
    Botan::BER_Decoder(spki_der.data(), spki_der.size())
        .start_cons(Botan::SEQUENCE)
        .decode(alg_id)
        .decode(key_bits, Botan::BIT_STRING)
        .end_cons()
        .verify_end();
    const Botan::OID& oid = alg_id.get_oid();
    if (oid == Botan::OID(kOidRsaEncryption) || oid == Botan::OID(kOidRsaPss)) {
      // The RSAPublicKey inside is the same for both OIDs (RFC 4055 §1.2); building the key
      // ourselves avoids depending on Botan's OID-to-algorithm table for id-RSASSA-PSS.
      impl->key = std::make_unique<Botan::RSA_PublicKey>(alg_id, key_bits);
      impl->type = oid == Botan::OID(kOidRsaPss) ? KeyType::rsa_pss : KeyType::rsa;
      impl->bits = impl->key->key_length();
    } else if (oid == Botan::OID(kOidEcPublicKey)) {
      auto ec = std::make_unique<Botan::ECDSA_PublicKey>(alg_id, key_bits);
      auto type = ec_key_type(ec->domain().get_curve_oid());
      // RFC 5480 §2.1.1: namedCurve only; explicit parameters have no curve OID.
      if (!type) return bad_spki("unsupported elliptic curve (only P-256, P-384, P-521)");
      impl->type = *type;
      impl->bits = ec->domain().get_p_bits();
      impl->key = std::move(ec);
    } else if (oid == Botan::OID(kOidEd25519)) {
      // RFC 8410 §3: the parameters MUST be absent.
      if (!alg_id.get_parameters().empty()) return bad_spki("Ed25519 with parameters");
      if (key_bits.size() != 32) return bad_spki("Ed25519 public key must be 32 bytes");
      auto ed = std::make_unique<Botan::Ed25519_PublicKey>(key_bits.data(), key_bits.size());
      std::copy(key_bits.begin(), key_bits.end(), impl->ed25519.begin());
      impl->type = KeyType::ed25519;
      impl->bits = 256;
      impl->key = std::move(ed);
    } else {
      return bad_spki("unsupported public key algorithm " + oid.to_string());
    }
  } catch (const std::exception& e) {
    return bad_spki(std::string("does not parse: ") + e.what());
  }
  impl->spki.assign(spki_der.begin(), spki_der.end());
  PublicKey pk;
  pk.impl_ = std::move(impl);
  std::lock_guard<std::mutex> lock(recent.mutex);
  recent.keys.push_front(pk.impl_);
  if (recent.keys.size() > kRecentKeys) recent.keys.pop_back();
  return pk;
}

KeyType PublicKey::type() const { return impl_->type; }
size_t PublicKey::bits() const { return impl_->bits; }
ByteView PublicKey::spki() const { return impl_->spki; }

Status PublicKey::verify(SignatureAlgorithm alg, ByteView message, ByteView signature) const {
  const CryptoBackend backend = alg.padding == SignaturePadding::ed25519
                                    ? ed25519_default_backend()
                                    : CryptoBackend::botan;
  return verify_with_backend(alg, message, signature, backend);
}

Status PublicKey::verify(SignatureScheme scheme, ByteView message, ByteView signature,
                         bool bind_curve) const {
  auto alg = signature_algorithm(scheme);
  if (!alg) {
    return crypto_error(AlertDescription::illegal_parameter,
                        "unsupported signature scheme " + name(scheme));
  }
  if (!key_supports_scheme(impl_->type, scheme, bind_curve)) {
    return crypto_error(AlertDescription::illegal_parameter,
                        "signature scheme " + name(scheme) + " does not match the " +
                            name(impl_->type) + " key");
  }
  return verify(*alg, message, signature);
}

Status PublicKey::verify_with_backend(SignatureAlgorithm alg, ByteView message,
                                      ByteView signature, CryptoBackend backend) const {
  if (!padding_matches(alg.padding, impl_->type)) {
    return crypto_error(AlertDescription::illegal_parameter,
                        "signature algorithm " + botan_emsa(alg) + " does not match the " +
                            name(impl_->type) + " key");
  }
  if constexpr (kUnsafeFuzzerMode) return {};
  if (backend == CryptoBackend::sodium) {
    if (impl_->type != KeyType::ed25519) {
      return config_error("libsodium verifies only Ed25519 signatures");
    }
    ensure_sodium();
    if (signature.size() != crypto_sign_BYTES ||
        crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                    impl_->ed25519.data()) != 0) {
      return verify_failed(alg, impl_->type);
    }
    return {};
  }
  try {
    const bool der = alg.padding == SignaturePadding::ecdsa;
    const bool valid = impl_->verifiers.with(
        alg,
        [&] {
          // ECDSA signatures in TLS and X.509 are DER SEQUENCE { r, s } (RFC 8446 §4.2.3,
          // RFC 5480).
          return std::make_unique<Botan::PK_Verifier>(*impl_->key, botan_emsa(alg),
                                                      der ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
        },
        [&](Botan::PK_Verifier& verifier) {
          return verifier.verify_message(message.data(), message.size(), signature.data(),
                                         signature.size());
        },
        [](bool verified) { return verified; });
    if (!valid) return verify_failed(alg, impl_->type);
    return {};
  } catch (const std::exception&) {
    // Botan throws on malformed encodings (e.g. a DER signature that does not parse): that is a
    // bad signature from the peer, not an internal failure.
    return verify_failed(alg, impl_->type);
  }
}

}  // namespace tlsock
