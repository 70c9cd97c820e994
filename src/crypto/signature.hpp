// Public and private keys, signing and verification.
//
// Two views of an algorithm:
//  - SignatureScheme (TLS wire code point): what the handshake negotiates. For TLS 1.3 the
//    ECDSA schemes bind the curve (ecdsa_secp256r1_sha256 only with a P-256 key).
//  - SignatureAlgorithm (padding + hash): what an X.509 signatureAlgorithm or a TLS 1.2
//    SignatureAndHashAlgorithm means; ECDSA here is any curve.
// ECDSA signatures are DER-encoded (as on the wire and in certificates). RSA-PSS uses MGF1 with
// the same hash and salt length = hash length (RFC 8446 §4.2.3).
// Verification failures are Errors with alert decrypt_error; nothing throws.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/backend.hpp"
#include "crypto/hash.hpp"
#include "crypto/rng.hpp"

namespace tlsock {

enum class KeyType {
  rsa,      // rsaEncryption SPKI: PKCS#1 v1.5 and PSS (rsae)
  rsa_pss,  // id-RSASSA-PSS SPKI: PSS only (rsa_pss_pss_*)
  ec_p256,
  ec_p384,
  ec_p521,
  ed25519,
};
const char* name(KeyType type);

enum class SignaturePadding { pkcs1v15, pss, ecdsa, ed25519 };

// Ed25519 runs on libsodium by default (measured faster for sign and verify).
CryptoBackend ed25519_default_backend();

struct SignatureAlgorithm {
  SignaturePadding padding;
  HashAlgorithm hash;  // ignored for ed25519
  friend bool operator==(const SignatureAlgorithm&, const SignatureAlgorithm&) = default;
};

// The padding+hash behind a TLS scheme; nullopt for schemes we do not implement.
std::optional<SignatureAlgorithm> signature_algorithm(SignatureScheme scheme);

// Whether a key of this type can produce/verify this scheme. With bind_curve (TLS 1.3), an
// ECDSA scheme requires its own curve; rsa_pss_rsae_* needs an rsa key, rsa_pss_pss_* an
// rsa_pss key, rsa_pkcs1_* an rsa key.
bool key_supports_scheme(KeyType type, SignatureScheme scheme, bool bind_curve);

class PublicKey {
 public:
  // From DER SubjectPublicKeyInfo. decode_error (bad_certificate) when it does not parse or the
  // algorithm is not one of KeyType.
  static Result<PublicKey> from_spki(ByteView spki_der);

  KeyType type() const;
  size_t bits() const;  // modulus size for RSA, field size for EC, 256 for Ed25519
  ByteView spki() const;

  // Verify with an explicit algorithm (X.509, TLS 1.2). Mismatch between key and padding is an
  // error, not a silent false.
  Status verify(SignatureAlgorithm alg, ByteView message, ByteView signature) const;
  // Verify a TLS signature scheme; bind_curve as in key_supports_scheme.
  Status verify(SignatureScheme scheme, ByteView message, ByteView signature,
                bool bind_curve) const;
  // verify(alg, ...) through an explicit library (benchmarks, cross-backend tests). libsodium
  // offers only Ed25519; config_error for any other pairing.
  Status verify_with_backend(SignatureAlgorithm alg, ByteView message, ByteView signature,
                             CryptoBackend backend) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

class PrivateKey {
 public:
  // PEM (PKCS#8, encrypted PKCS#8, PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY") or DER
  // (PKCS#8 or encrypted PKCS#8). A password is needed only for encrypted keys. config_error
  // with a clear message when the key does not parse or the password is wrong.
  static Result<PrivateKey> load(ByteView pem_or_der,
                                 std::optional<std::string_view> password = std::nullopt);

  KeyType type() const;
  PublicKey public_key() const;
  // key_supports_scheme, and the key is large enough for the scheme: RSA-PSS with a salt as
  // long as the hash (RFC 8446 §4.2.3) needs emLen >= 2 * hLen + 2 (RFC 8017 §9.1.1), so a
  // 1024-bit key cannot make rsa_pss_*_sha512.
  bool supports(SignatureScheme scheme, bool bind_curve) const;
  // config_error when the key cannot make this scheme.
  Result<Bytes> sign(SignatureScheme scheme, ByteView message, Rng& rng) const;
  // sign() through an explicit library (benchmarks, cross-backend tests); libsodium offers only
  // Ed25519.
  Result<Bytes> sign_with_backend(SignatureScheme scheme, ByteView message, Rng& rng,
                                  CryptoBackend backend) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tlsock
