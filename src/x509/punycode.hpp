// Punycode (RFC 3492), the encoding IDNA's ToASCII applies to a label's code points.
//
// Basic code points (below U+0080) are copied first, in order and with their case; a '-'
// follows when there were any; then the insertions as generalized variable-length integers
// with lower-case digits (no mixed-case annotation, §A: Python's punycode codec does the same).
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace tlsock::x509 {

// config_error when a code point is above U+10FFFF or the deltas overflow (§6.4; a DNS label
// of 63 octets is far below that).
Result<std::string> punycode_encode(std::u32string_view input);

}  // namespace tlsock::x509
