#include "x509/punycode.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tlsock::x509 {

namespace {

// Bootstring parameters for Punycode (RFC 3492 §5).
constexpr uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
constexpr uint32_t kInitialBias = 72, kInitialN = 0x80;
constexpr uint64_t kMaxDelta = std::numeric_limits<uint32_t>::max();

char digit(uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

// Bias adaptation (§6.1).
uint32_t adapt(uint64_t delta, uint64_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  uint32_t k = 0;
  while (delta > ((kBase - kTmin) * kTmax) / 2) {
    delta /= kBase - kTmin;
    k += kBase;
  }
  return static_cast<uint32_t>(k + (kBase - kTmin + 1) * delta / (delta + kSkew));
}

}  // namespace

Result<std::string> punycode_encode(std::u32string_view input) {
  std::string out;
  for (char32_t c : input) {
    if (c > 0x10ffff) return config_error("punycode: code point above U+10FFFF");
    if (c < kInitialN) out.push_back(static_cast<char>(c));
  }
  const uint64_t basic = out.size();
  if (basic > 0) out.push_back('-');
  uint64_t handled = basic, delta = 0;
  uint32_t n = kInitialN, bias = kInitialBias;
  // Encoding procedure (§6.3): insert the remaining code points in increasing order.
  while (handled < input.size()) {
    uint32_t m = std::numeric_limits<uint32_t>::max();
    for (char32_t c : input)
      if (c >= n && c < m) m = c;
    delta += static_cast<uint64_t>(m - n) * (handled + 1);
    if (delta > kMaxDelta) return config_error("punycode: delta overflow");
    n = m;
    for (char32_t c : input) {
      if (c < n && ++delta > kMaxDelta) return config_error("punycode: delta overflow");
      if (c != n) continue;
      uint64_t q = delta;
      for (uint32_t k = kBase;; k += kBase) {
        uint32_t t = k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
        if (q < t) break;
        out.push_back(digit(static_cast<uint32_t>(t + (q - t) % (kBase - t))));
        q = (q - t) / (kBase - t);
      }
      out.push_back(digit(static_cast<uint32_t>(q)));
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

}  // namespace tlsock::x509
