// Helpers shared by signature.cpp (public keys, verification) and private_key.cpp (loading,
// signing). Private to src/crypto.
#pragma once

#include <botan/asn1_obj.h>
#include <botan/pk_keys.h>

#include <optional>
#include <string>

#include "crypto/signature.hpp"

namespace tlsock::crypto_internal {

// Object identifiers of the SubjectPublicKeyInfo / PrivateKeyInfo algorithms we accept.
inline const char* const kOidRsaEncryption = "1.2.840.113549.1.1.1";  // RFC 8017 A.1
inline const char* const kOidRsaPss = "1.2.840.113549.1.1.10";        // RFC 4055 §3.1
inline const char* const kOidEcPublicKey = "1.2.840.10045.2.1";       // RFC 5480 §2.1.1
inline const char* const kOidEd25519 = "1.3.101.112";                 // RFC 8410 §3
inline const char* const kOidP256 = "1.2.840.10045.3.1.7";
inline const char* const kOidP384 = "1.3.132.0.34";
inline const char* const kOidP521 = "1.3.132.0.35";

// Botan's EMSA string for an algorithm: "EMSA3(SHA-256)", "PSSR(SHA-256,MGF1,32)",
// "EMSA1(SHA-256)", "Pure".
std::string botan_emsa(SignatureAlgorithm alg);

// The KeyType of an EC key from its curve OID; nullopt for curves we do not support.
std::optional<KeyType> ec_key_type(const Botan::OID& curve);

// The KeyType a Botan key stands for; nullopt when unsupported. rsa_pss cannot be told apart
// from rsa by the Botan object, so `pss` says which one an RSA key is.
std::optional<KeyType> key_type_of(const Botan::Public_Key& key, bool pss);

// SubjectPublicKeyInfo DER for a key of the given type (id-RSASSA-PSS for rsa_pss).
std::vector<uint8_t> spki_of(const Botan::Public_Key& key, KeyType type);

// Whether a padding is usable with a key type (the SignatureAlgorithm view, curves unbound).
bool padding_matches(SignaturePadding padding, KeyType type);

}  // namespace tlsock::crypto_internal
