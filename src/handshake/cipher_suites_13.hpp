// The TLS 1.3 cipher suites we implement (RFC 8446 §B.4) and what each one means: the hash of
// the key schedule and transcript, and the record protection AEAD.
#pragma once

#include <optional>

#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace tlsock {

struct CipherSuite13 {
  CipherSuite id;
  HashAlgorithm hash;
  AeadAlgorithm aead;
};

// nullopt for anything but TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
// TLS_CHACHA20_POLY1305_SHA256.
std::optional<CipherSuite13> tls13_suite(CipherSuite id);

}  // namespace tlsock
