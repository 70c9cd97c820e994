#include "handshake/cipher_suites_12.hpp"

namespace tlsock {

std::optional<CipherSuite12> tls12_suite(CipherSuite id) {
  using C = CipherSuite;
  using H = HashAlgorithm;
  using A = AeadAlgorithm;
  switch (id) {
    case C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
      return CipherSuite12{id, H::sha256, A::aes_128_gcm, SuiteAuth12::ecdsa};
    case C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
      return CipherSuite12{id, H::sha384, A::aes_256_gcm, SuiteAuth12::ecdsa};
    case C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
      return CipherSuite12{id, H::sha256, A::chacha20_poly1305, SuiteAuth12::ecdsa};
    case C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
      return CipherSuite12{id, H::sha256, A::aes_128_gcm, SuiteAuth12::rsa};
    case C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
      return CipherSuite12{id, H::sha384, A::aes_256_gcm, SuiteAuth12::rsa};
    case C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
      return CipherSuite12{id, H::sha256, A::chacha20_poly1305, SuiteAuth12::rsa};
    default:
      return std::nullopt;
  }
}

const std::vector<CipherSuite>& default_cipher_suites_12() {
  static const std::vector<CipherSuite> suites = {
      CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
  };
  return suites;
}

bool key_authenticates_suite(KeyType key, SuiteAuth12 auth) {
  switch (key) {
    case KeyType::ec_p256:
    case KeyType::ec_p384:
    case KeyType::ec_p521:
    case KeyType::ed25519:
      return auth == SuiteAuth12::ecdsa;
    case KeyType::rsa:
    case KeyType::rsa_pss:
      return auth == SuiteAuth12::rsa;
  }
  return false;
}

}  // namespace tlsock
