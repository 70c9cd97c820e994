// HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1).
#pragma once

#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/hash.hpp"

namespace tlsock {

// PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes.
Secret hkdf_extract(HashAlgorithm alg, ByteView salt, ByteView ikm);

// OKM of `length` bytes; config_error when length > 255 * HashLen.
Result<Secret> hkdf_expand(HashAlgorithm alg, ByteView prk, ByteView info, size_t length);

// HKDF-Expand(Secret, HkdfLabel{length, "tls13 " + label, context}, length).
// label is given without the "tls13 " prefix, e.g. "key", "iv", "c hs traffic".
Result<Secret> hkdf_expand_label(HashAlgorithm alg, ByteView secret, std::string_view label,
                                 ByteView context, size_t length);

}  // namespace tlsock
