#include "handshake/cipher_suites.hpp"

#include <array>

namespace tlsock {

namespace {

using C = CipherSuite;
using H = HashAlgorithm;
using A = AeadAlgorithm;
constexpr ProtocolVersion v13 = ProtocolVersion::tls1_3;
constexpr ProtocolVersion v12 = ProtocolVersion::tls1_2;

constexpr std::array<CipherSuiteInfo, 9> kSuites{{
    {C::TLS_AES_128_GCM_SHA256, v13, H::sha256, A::aes_128_gcm, SuiteAuth::any},
    {C::TLS_AES_256_GCM_SHA384, v13, H::sha384, A::aes_256_gcm, SuiteAuth::any},
    {C::TLS_CHACHA20_POLY1305_SHA256, v13, H::sha256, A::chacha20_poly1305, SuiteAuth::any},
    {C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, v12, H::sha256, A::aes_128_gcm, SuiteAuth::ecdsa},
    {C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, v12, H::sha384, A::aes_256_gcm, SuiteAuth::ecdsa},
    {C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, v12, H::sha256, A::chacha20_poly1305,
     SuiteAuth::ecdsa},
    {C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, v12, H::sha256, A::aes_128_gcm, SuiteAuth::rsa},
    {C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, v12, H::sha384, A::aes_256_gcm, SuiteAuth::rsa},
    {C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, v12, H::sha256, A::chacha20_poly1305,
     SuiteAuth::rsa},
}};

std::optional<CipherSuiteInfo> find(CipherSuite id, ProtocolVersion version) {
  for (const CipherSuiteInfo& s : kSuites) {
    if (s.id == id && s.version == version) return s;
  }
  return std::nullopt;
}

}  // namespace

std::optional<CipherSuiteInfo> tls13_suite(CipherSuite id) { return find(id, v13); }
std::optional<CipherSuiteInfo> tls12_suite(CipherSuite id) { return find(id, v12); }

std::vector<CipherSuite> default_cipher_suites_13() {
  return {C::TLS_AES_128_GCM_SHA256, C::TLS_AES_256_GCM_SHA384, C::TLS_CHACHA20_POLY1305_SHA256};
}

const std::vector<CipherSuite>& default_cipher_suites_12() {
  static const std::vector<CipherSuite> suites = {
      C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
  };
  return suites;
}

bool key_authenticates_suite(KeyType key, SuiteAuth auth) {
  if (auth == SuiteAuth::any) return true;
  switch (key) {
    case KeyType::ec_p256:
    case KeyType::ec_p384:
    case KeyType::ec_p521:
    case KeyType::ed25519:
      return auth == SuiteAuth::ecdsa;
    case KeyType::rsa:
    case KeyType::rsa_pss:
      return auth == SuiteAuth::rsa;
  }
  return false;
}

}  // namespace tlsock
