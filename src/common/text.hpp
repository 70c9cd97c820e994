// Small text helpers shared by the parsers: UTF-8 encoding of a code point, and ASCII-only case
// folding (DNS names and e-mail domains compare case-insensitively in ASCII only, RFC 4343).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsock {

// Appends the UTF-8 encoding of a code point (no validation: the caller decoded it).
void append_utf8(std::string& out, uint32_t code_point);

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ascii_iequals(std::string_view a, std::string_view b);

}  // namespace tlsock
