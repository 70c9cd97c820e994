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

// Versions of the libraries behind src/crypto (public in tlsock/version.hpp, defined here: only
// src/crypto may include the backends' headers). The self-test's checks are in self_test.hpp.
std::string botan_version();
std::string sodium_version();

}  // namespace tlsock
