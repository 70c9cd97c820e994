// AEAD ciphers for record protection (RFC 5116): AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305.
//
// An Aead is keyed once and then seals/opens records in place in the caller's buffer with no
// heap allocation per call. Nonces are always 12 bytes and tags 16 bytes for all three.
// open() never throws: a bad tag is an Error with alert bad_record_mac.
#pragma once

#include <memory>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/backend.hpp"

namespace tlsock {

enum class AeadAlgorithm { aes_128_gcm, aes_256_gcm, chacha20_poly1305 };

const char* name(AeadAlgorithm alg);
size_t aead_key_length(AeadAlgorithm alg);  // 16, 32, 32
inline constexpr size_t kAeadNonceLength = 12;
inline constexpr size_t kAeadTagLength = 16;

// The backend create() uses for alg (the faster one on this machine).
CryptoBackend aead_default_backend(AeadAlgorithm alg);
// libsodium has no AES-128-GCM, and AES-256-GCM only on CPUs with AES-NI and CLMUL.
bool aead_backend_available(AeadAlgorithm alg, CryptoBackend backend);

class Aead {
 public:
  // config_error when the key length is wrong.
  static Result<std::unique_ptr<Aead>> create(AeadAlgorithm alg, ByteView key);
  // The same with an explicit library (benchmarks, cross-backend tests). config_error when the
  // backend does not offer the algorithm on this machine (see aead_backend_available).
  static Result<std::unique_ptr<Aead>> create_with_backend(AeadAlgorithm alg, ByteView key,
                                                           CryptoBackend backend);
  virtual ~Aead() = default;

  virtual AeadAlgorithm algorithm() const = 0;
  virtual CryptoBackend backend() const = 0;

  // Encrypts buf[0, plaintext_len) in place and writes the tag to
  // buf[plaintext_len, plaintext_len + 16). buf.size() must be >= plaintext_len + 16.
  virtual Status seal(ByteView nonce, ByteView aad, MutableByteView buf, size_t plaintext_len) = 0;

  // buf holds ciphertext || tag. On success the plaintext is in buf[0, result) where
  // result = buf.size() - 16. On failure buf's contents are unspecified.
  virtual Result<size_t> open(ByteView nonce, ByteView aad, MutableByteView buf) = 0;
};

}  // namespace tlsock
