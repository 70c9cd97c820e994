// The TLS 1.2 cipher suites tlsock implements: ECDHE key exchange, ECDSA or RSA authentication,
// AEAD record protection (RFC 5289 AES-GCM, RFC 7905 ChaCha20-Poly1305). Each suite fixes the
// PRF hash (RFC 5246 §5: SHA-256 unless the suite says otherwise; SHA-384 for the _SHA384
// suites, RFC 5289 §3.2) and which certificate key may authenticate it.
//
// Everything else is refused by not being offered and, as a server, by not being chosen:
// CBC, RC4, NULL and export suites, RSA key exchange, static (EC)DH and FFDHE. A peer that
// offers only those meets handshake_failure ("no shared cipher suite").
#pragma once

#include <optional>
#include <vector>

#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

enum class SuiteAuth12 : uint8_t { ecdsa, rsa };

struct CipherSuite12 {
  CipherSuite id;
  HashAlgorithm prf_hash;
  AeadAlgorithm aead;
  SuiteAuth12 auth;
};

// nullopt for anything but the six ECDHE AEAD suites.
std::optional<CipherSuite12> tls12_suite(CipherSuite id);

// Our default preference: ECDSA before RSA, AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
const std::vector<CipherSuite>& default_cipher_suites_12();

// Whether a certificate key of this type can authenticate the suite: ECDSA suites take EC and
// Ed25519 keys (RFC 8422 §5.5 / RFC 8422 §3: ECDSA and EdDSA share the ECDHE_ECDSA suites), RSA
// suites take RSA keys (rsaEncryption or RSASSA-PSS, RFC 8446 §4.2.3 for TLS 1.2).
bool key_authenticates_suite(KeyType key, SuiteAuth12 auth);

}  // namespace tlsock
