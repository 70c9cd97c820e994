// Strict UTF-8 decoding (RFC 3629 §3-4): no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequences. Shared by the name decoder (UTF8String validation), the
// Python repr printer and IDNA.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tlsock::x509 {

// The code points of the text; nullopt when it is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view text);

}  // namespace tlsock::x509
