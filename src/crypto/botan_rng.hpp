// Adapts our Rng to Botan's RandomNumberGenerator, so that the random bytes Botan consumes for
// an operation (RSA-PSS salts, key generation) come from the provider's Rng. With a ScriptedRng
// this makes signing and key generation deterministic. (A private key's kept signers blind
// with the system RNG instead: see blinding_rng() in private_key.cpp.) Private to src/crypto.
#pragma once

#include <botan/rng.h>

#include <string>

#include "crypto/rng.hpp"

namespace tlsock::crypto_internal {

class BotanRngAdapter final : public Botan::RandomNumberGenerator {
 public:
  explicit BotanRngAdapter(Rng& rng) : rng_(rng) {}
  void randomize(uint8_t output[], size_t length) override { rng_.fill({output, length}); }
  // Botan must not mix its own entropy in: the output would stop being a function of rng_.
  bool accepts_input() const override { return false; }
  void add_entropy(const uint8_t[], size_t) override {}
  std::string name() const override { return "tlsock::Rng"; }
  void clear() override {}
  bool is_seeded() const override { return true; }

 private:
  Rng& rng_;
};

}  // namespace tlsock::crypto_internal
