// The crypto provider: what the core needs from the outside world besides bytes. Everything
// above src/crypto receives a Provider instead of reaching for a global RNG or clock.
#pragma once

#include <string>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"

namespace tlsock {

struct Provider {
  Rng& rng;
  Clock& clock;
};

// The production provider: system RNG and system clock.
Provider default_provider();

// Versions of the libraries behind src/crypto, for `tlsock demo` and bug reports.
std::string botan_version();
std::string sodium_version();

// Runs a known-answer check of every primitive family (AEAD, hash, HKDF, PRF, key exchange,
// signatures). Returns one line per family ("aes-128-gcm: ok"); ok() false on any failure.
struct SelfTestReport {
  bool ok = true;
  std::string text;
};
SelfTestReport self_test();

}  // namespace tlsock
