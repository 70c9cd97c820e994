#include "crypto/rng.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "crypto/internal.hpp"

namespace tlsock {

namespace crypto_internal {

void ensure_sodium() {
  // C++11 guarantees thread-safe initialisation of function-local statics; sodium_init() is
  // itself idempotent, this just avoids calling it on every operation.
  static const bool initialised = [] {
    if (sodium_init() < 0) {
      // libsodium could not open a randomness source: no safe way to continue.
      std::abort();
    }
    return true;
  }();
  (void)initialised;
}

bool all_zero(ByteView b) {
  uint8_t acc = 0;
  for (uint8_t v : b) acc |= v;
  volatile uint8_t result = acc;
  return result == 0;
}

}  // namespace crypto_internal

namespace {

class SystemRng final : public Rng {
 public:
  SystemRng() { crypto_internal::ensure_sodium(); }
  void fill(MutableByteView out) override { randombytes_buf(out.data(), out.size()); }
};

}  // namespace

Rng& system_rng() {
  static SystemRng rng;
  return rng;
}

void ScriptedRng::fill(MutableByteView out) {
  size_t pos = 0;
  while (pos < out.size() && !script_.empty()) {
    out[pos++] = script_.front();
    script_.pop_front();
  }
  if (pos == out.size()) return;

  // Script exhausted: continue with the ChaCha20 keystream keyed by the seed (little-endian in
  // the first 8 key bytes, nonce zero). counter_ counts stream bytes already handed out, so the
  // output depends only on the seed and how many bytes were requested, not on chunking.
  crypto_internal::ensure_sodium();
  uint8_t key[crypto_stream_chacha20_KEYBYTES] = {};
  for (int i = 0; i < 8; ++i) key[i] = static_cast<uint8_t>(seed_ >> (8 * i));
  static const uint8_t nonce[crypto_stream_chacha20_NONCEBYTES] = {};
  uint8_t block[64];
  while (pos < out.size()) {
    const uint64_t block_index = counter_ / 64;
    const size_t offset = static_cast<size_t>(counter_ % 64);
    std::memset(block, 0, sizeof block);
    crypto_stream_chacha20_xor_ic(block, block, sizeof block, nonce, block_index, key);
    const size_t n = std::min(sizeof block - offset, out.size() - pos);
    std::memcpy(out.data() + pos, block + offset, n);
    pos += n;
    counter_ += n;
  }
  sodium_memzero(block, sizeof block);
  sodium_memzero(key, sizeof key);
}

}  // namespace tlsock
