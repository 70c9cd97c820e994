// Randomness enters the core only through Rng, so a test can script every random byte and
// replay a handshake byte for byte (RFC 8448).
#pragma once

#include <deque>

#include "common/bytes.hpp"

namespace tlsock {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(MutableByteView out) = 0;
};

// The operating system's CSPRNG (libsodium randombytes_buf). Thread-safe.
Rng& system_rng();

// Deterministic Rng for tests: hands out the scripted chunks in order (a request may span
// chunks), then, once the script is exhausted, a counter-based stream (ChaCha20 keyed with
// the seed) so that tests that do not care still get fresh-looking bytes.
class ScriptedRng final : public Rng {
 public:
  explicit ScriptedRng(uint64_t seed = 0) : seed_(seed) {}
  void push(ByteView bytes) { script_.insert(script_.end(), bytes.begin(), bytes.end()); }
  void fill(MutableByteView out) override;
  size_t scripted_remaining() const { return script_.size(); }

 private:
  std::deque<uint8_t> script_;
  uint64_t seed_;
  uint64_t counter_ = 0;
};

}  // namespace tlsock
