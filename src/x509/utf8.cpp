#include "x509/utf8.hpp"

#include <cstdint>

namespace tlsock::x509 {

std::optional<std::u32string> decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    uint8_t b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((b & 0xe0) == 0xc0) { n = 1; cp = b & 0x1f; }
    else if ((b & 0xf0) == 0xe0) { n = 2; cp = b & 0x0f; }
    else if ((b & 0xf8) == 0xf0) { n = 3; cp = b & 0x07; }
    else return std::nullopt;  // continuation byte or 0xf8..0xff as a lead byte
    if (s.size() - i - 1 < n) return std::nullopt;
    for (size_t k = 1; k <= n; ++k) {
      uint8_t c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xc0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3f);
    }
    static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
    out.push_back(static_cast<char32_t>(cp));
    i += n + 1;
  }
  return out;
}

}  // namespace tlsock::x509
