#include "socket/cipher_catalog.hpp"

#include <array>
#include <cstdio>

namespace tlsock::detail {

namespace {

using enum CipherEnc;
constexpr CipherKx ecdhe = CipherKx::ecdhe;
constexpr CipherAuth rsa = CipherAuth::rsa;
constexpr CipherAuth ecdsa = CipherAuth::ecdsa;

constexpr std::array<CipherInfo, 3> kTls13{{
    {CipherSuite::TLS_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384", true, CipherKx::any,
     CipherAuth::any, aes256gcm, 256},
    {CipherSuite::TLS_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256", true,
     CipherKx::any, CipherAuth::any, chacha20poly1305, 256},
    {CipherSuite::TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256", true, CipherKx::any,
     CipherAuth::any, aes128gcm, 128},
}};

constexpr std::array<CipherInfo, 6> kTls12{{
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE-ECDSA-AES256-GCM-SHA384", false,
     ecdhe, ecdsa, aes256gcm, 256},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE-RSA-AES256-GCM-SHA384", false,
     ecdhe, rsa, aes256gcm, 256},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-ECDSA-CHACHA20-POLY1305",
     false, ecdhe, ecdsa, chacha20poly1305, 256},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-RSA-CHACHA20-POLY1305",
     false, ecdhe, rsa, chacha20poly1305, 256},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256", false,
     ecdhe, ecdsa, aes128gcm, 128},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256", false,
     ecdhe, rsa, aes128gcm, 128},
}};

// The words of SSL_CIPHER_description() and of Python's dict for each property.
struct EncText {
  const char* description;  // "AESGCM(256)"
  const char* symmetric;    // "aes-256-gcm"
};
EncText enc_text(CipherEnc enc) {
  switch (enc) {
    case aes128gcm: return {"AESGCM(128)", "aes-128-gcm"};
    case aes256gcm: return {"AESGCM(256)", "aes-256-gcm"};
    case chacha20poly1305: return {"CHACHA20/POLY1305(256)", "chacha20-poly1305"};
  }
  return {"?", "?"};
}

}  // namespace

std::span<const CipherInfo> tls13_ciphers() { return kTls13; }
std::span<const CipherInfo> tls12_ciphers() { return kTls12; }

const CipherInfo* find_cipher(CipherSuite suite) {
  for (const auto& c : kTls13)
    if (c.suite == suite) return &c;
  for (const auto& c : kTls12)
    if (c.suite == suite) return &c;
  return nullptr;
}

CipherDetails describe(const CipherInfo& cipher) {
  const EncText enc = enc_text(cipher.enc);
  const char* kx = cipher.kx == ecdhe ? "ECDH" : "any";
  const char* au = cipher.auth == rsa ? "RSA" : cipher.auth == ecdsa ? "ECDSA" : "any";
  const char* protocol = cipher.tls13 ? "TLSv1.3" : "TLSv1.2";
  // OpenSSL 3's SSL_CIPHER_description() format, minus its trailing newline (Python strips it).
  char line[128];
  std::snprintf(line, sizeof line, "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s",
                std::string(cipher.name).c_str(), protocol, kx, au, enc.description, "AEAD");
  CipherDetails d;
  d.id = 0x03000000u | static_cast<uint16_t>(cipher.suite);
  d.name = std::string(cipher.name);
  d.protocol = protocol;
  d.description = line;
  d.strength_bits = cipher.bits;
  d.alg_bits = cipher.bits;
  d.aead = true;
  d.symmetric = enc.symmetric;
  d.digest = std::nullopt;  // AEAD suites have no separate MAC digest
  d.kea = cipher.kx == ecdhe ? "kx-ecdhe" : "kx-any";
  d.auth = cipher.auth == rsa ? "auth-rsa" : cipher.auth == ecdsa ? "auth-ecdsa" : "auth-any";
  return d;
}

}  // namespace tlsock::detail
