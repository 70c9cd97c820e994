// The TLS 1.2 PRF (RFC 5246 §5): P_hash(secret, label || seed) with the suite's hash.
#pragma once

#include <string_view>

#include "common/bytes.hpp"
#include "crypto/hash.hpp"

namespace tlsock {

Secret prf_12(HashAlgorithm alg, ByteView secret, std::string_view label, ByteView seed,
              size_t length);

}  // namespace tlsock
