// Private helpers shared by the src/crypto implementation files. Not for use outside src/crypto.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"

namespace tlsock::crypto_internal {

// sodium_init() exactly once (thread-safe through a function-local static). Every libsodium
// entry point in src/crypto calls this first; it aborts only if libsodium cannot initialise,
// which is not recoverable anyway.
void ensure_sodium();

// Constant-time check that all bytes are zero.
bool all_zero(ByteView b);

}  // namespace tlsock::crypto_internal
