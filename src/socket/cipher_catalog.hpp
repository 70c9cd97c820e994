// The cipher suites tlsock implements, described the way OpenSSL describes them: the facts
// behind Python's get_ciphers() dicts and behind the aliases of OpenSSL's cipher strings.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/wire_enums.hpp"
#include "tlsock/ssl_context.hpp"

namespace tlsock::detail {

enum class CipherKx : uint8_t { any, ecdhe };        // any: TLS 1.3 (negotiated apart)
enum class CipherAuth : uint8_t { any, rsa, ecdsa };
enum class CipherEnc : uint8_t { aes128gcm, aes256gcm, chacha20poly1305 };

struct CipherInfo {
  CipherSuite suite;
  std::string_view name;  // OpenSSL's name; IANA's for TLS 1.3 suites
  bool tls13;
  CipherKx kx;
  CipherAuth auth;
  CipherEnc enc;
  int bits;  // strength_bits == alg_bits for every AEAD suite here
};

// TLS 1.3 suites in OpenSSL's default order (TLS_DEFAULT_CIPHERSUITES), which is also
// Python's: AES-256-GCM, ChaCha20-Poly1305, AES-128-GCM.
std::span<const CipherInfo> tls13_ciphers();
// TLS 1.2 suites in the order OpenSSL ranks them before a cipher string is applied (its
// "ALL" order): AES-256-GCM, ChaCha20, AES-128-GCM, ECDSA before RSA within each.
std::span<const CipherInfo> tls12_ciphers();
// nullptr for a suite tlsock does not implement.
const CipherInfo* find_cipher(CipherSuite suite);

// Python's get_ciphers() dict for one suite.
CipherDetails describe(const CipherInfo& cipher);

}  // namespace tlsock::detail
