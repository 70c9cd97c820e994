// The cipher suites tlsock implements, both versions in one table (cipher_suites.cpp): for each
// suite the version it belongs to, the hash (TLS 1.3: key schedule and transcript, RFC 8446
// §B.4; TLS 1.2: the PRF, RFC 5246 §5: SHA-256 unless the suite says otherwise, SHA-384 for
// the _SHA384 suites, RFC 5289 §3.2), the record AEAD, and which certificate key may
// authenticate it (TLS 1.2 only: a 1.3 suite says nothing about the certificate).
//
// TLS 1.2: ECDHE key exchange, ECDSA or RSA authentication, AEAD record protection (RFC 5289
// AES-GCM, RFC 7905 ChaCha20-Poly1305). Everything else is refused by not being offered and,
// as a server, by not being chosen: CBC, RC4, NULL and export suites, RSA key exchange, static
// (EC)DH and FFDHE. A peer that offers only those meets handshake_failure ("no shared cipher
// suite").
#pragma once

#include <optional>
#include <vector>

#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

// The certificate key a suite needs. any: TLS 1.3, where the certificate is chosen by
// signature_algorithms alone (RFC 8446 §4.2.3).
enum class SuiteAuth : uint8_t { any, ecdsa, rsa };

struct CipherSuiteInfo {
  CipherSuite id;
  ProtocolVersion version;  // tls1_2 or tls1_3: a suite belongs to one version only
  HashAlgorithm hash;
  AeadAlgorithm aead;
  SuiteAuth auth;
};

// nullopt for anything but TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
// TLS_CHACHA20_POLY1305_SHA256.
std::optional<CipherSuiteInfo> tls13_suite(CipherSuite id);
// nullopt for anything but the six ECDHE AEAD suites.
std::optional<CipherSuiteInfo> tls12_suite(CipherSuite id);

// Our default preferences. TLS 1.3: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305. TLS 1.2:
// ECDSA before RSA, then AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
std::vector<CipherSuite> default_cipher_suites_13();
const std::vector<CipherSuite>& default_cipher_suites_12();

// Whether a certificate key of this type can authenticate the suite: ECDSA suites take EC and
// Ed25519 keys (RFC 8422 §5.5 / RFC 8422 §3: ECDSA and EdDSA share the ECDHE_ECDSA suites), RSA
// suites take RSA keys (rsaEncryption or RSASSA-PSS, RFC 8446 §4.2.3 for TLS 1.2); any: every
// key.
bool key_authenticates_suite(KeyType key, SuiteAuth auth);

}  // namespace tlsock
