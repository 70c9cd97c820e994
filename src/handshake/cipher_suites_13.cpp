#include "handshake/cipher_suites_13.hpp"

namespace tlsock {

std::optional<CipherSuite13> tls13_suite(CipherSuite id) {
  switch (id) {
    case CipherSuite::TLS_AES_128_GCM_SHA256:
      return CipherSuite13{id, HashAlgorithm::sha256, AeadAlgorithm::aes_128_gcm};
    case CipherSuite::TLS_AES_256_GCM_SHA384:
      return CipherSuite13{id, HashAlgorithm::sha384, AeadAlgorithm::aes_256_gcm};
    case CipherSuite::TLS_CHACHA20_POLY1305_SHA256:
      return CipherSuite13{id, HashAlgorithm::sha256, AeadAlgorithm::chacha20_poly1305};
    default:
      return std::nullopt;
  }
}

}  // namespace tlsock
