// Incremental hashes for transcripts, HMAC, HKDF and the TLS 1.2 PRF.
//
// Hash is copyable: a copy is a cheap snapshot of the running state, so a transcript can
// produce Transcript-Hash(messages so far) and keep absorbing. digest() does not disturb
// the state either.
//
// Every hash runs on Botan (SHA-NI for SHA-1/SHA-256 where the CPU has it; libsodium's SHA-2
// is portable C, measured 8-10x slower for SHA-256 here). The Botan objects are not built per
// call: each thread keeps the idle ones (hash.cpp) and Hash, Hmac and hmac() borrow them.
#pragma once

#include <array>
#include <memory>

#include "common/bytes.hpp"

namespace tlsock {

enum class HashAlgorithm { sha1, sha256, sha384, sha512 };

const char* name(HashAlgorithm alg);
size_t hash_length(HashAlgorithm alg);

// A digest without heap allocation (up to SHA-512).
struct Digest {
  std::array<uint8_t, 64> bytes{};
  size_t size = 0;
  ByteView view() const { return {bytes.data(), size}; }
  operator ByteView() const { return view(); }
};

class Hash {
 public:
  explicit Hash(HashAlgorithm alg);
  Hash(const Hash& other);
  Hash& operator=(const Hash& other);
  Hash(Hash&&) noexcept;
  Hash& operator=(Hash&&) noexcept;
  ~Hash();

  HashAlgorithm algorithm() const { return alg_; }
  size_t output_length() const { return hash_length(alg_); }
  void update(ByteView data);
  // Digest of everything absorbed so far; the hash keeps its state.
  Digest digest() const;
  // Digest of everything absorbed so far followed by `more`; the hash keeps its state.
  Digest digest_with(ByteView more) const;

  static Digest compute(HashAlgorithm alg, ByteView data);

 private:
  struct Impl;
  HashAlgorithm alg_;
  std::unique_ptr<Impl> impl_;
};

// HMAC (RFC 2104) with the given hash.
Digest hmac(HashAlgorithm alg, ByteView key, ByteView data);

// Keyed, incremental HMAC for loops that MAC many messages under one key (HKDF-Expand, the
// TLS 1.2 PRF, Finished). finish() returns the tag and leaves the object keyed and empty,
// ready for the next message.
class Hmac {
 public:
  Hmac(HashAlgorithm alg, ByteView key);
  Hmac(Hmac&&) noexcept;
  Hmac& operator=(Hmac&&) noexcept;
  ~Hmac();

  HashAlgorithm algorithm() const { return alg_; }
  size_t output_length() const { return hash_length(alg_); }
  void update(ByteView data);
  Digest finish();

 private:
  struct Impl;
  HashAlgorithm alg_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsock
