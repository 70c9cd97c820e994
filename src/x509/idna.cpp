#include "x509/idna.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "x509/punycode.hpp"
#include "x509/utf8.hpp"

namespace tlsock::x509 {

namespace {

// RFC 3490 §3.1: the full stop and its ideographic, fullwidth and halfwidth forms.
bool is_label_separator(char32_t c) { return c == 0x2e || c == 0x3002 || c == 0xff0e || c == 0xff61; }

bool is_ascii(std::u32string_view s) {
  return std::all_of(s.begin(), s.end(), [](char32_t c) { return c < 0x80; });
}

// RFC 3454 table B.1 (commonly mapped to nothing).
bool mapped_to_nothing(char32_t c) {
  switch (c) {
    case 0x00ad: case 0x034f: case 0x1806: case 0x180b: case 0x180c: case 0x180d:
    case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff:
      return true;
    default:
      return c >= 0xfe00 && c <= 0xfe0f;
  }
}

// In a block where upper- and lower-case letters alternate, the lower-case partner.
char32_t pair_lower(char32_t c, bool upper_is_even) { return (c % 2 == 0) == upper_is_even ? c + 1 : c; }

// Table B.2 case folding for the supported ranges (see idna.hpp); nullopt outside them.
std::optional<std::u32string> nameprep_map(char32_t c) {
  if (c < 0x80) return std::u32string(1, c >= 'A' && c <= 'Z' ? c + 0x20 : c);
  if (mapped_to_nothing(c)) return std::u32string();
  if (c == 0x00df) return std::u32string(U"ss");  // sharp s folds to "ss"
  if (c == 0x017f) return std::u32string(U"s");   // long s
  if (c == 0x03c2) return std::u32string(1, 0x03c3);  // final sigma folds to sigma
  // Letters that B.2 or NFKC turn into sequences (i + combining dot, ij, l + middle dot, 'n).
  if (c == 0x0130 || c == 0x0132 || c == 0x0133 || c == 0x013f || c == 0x0140 || c == 0x0149) return std::nullopt;
  std::optional<char32_t> lower;
  if (c >= 0x00c0 && c <= 0x00de && c != 0x00d7) lower = c + 0x20;
  else if (c == 0x00d7 || (c >= 0x00e0 && c <= 0x00ff)) lower = c;
  else if (c >= 0x0100 && c <= 0x0137) lower = pair_lower(c, true);
  else if (c == 0x0138) lower = c;
  else if (c >= 0x0139 && c <= 0x0148) lower = pair_lower(c, false);
  else if (c >= 0x014a && c <= 0x0177) lower = pair_lower(c, true);
  else if (c == 0x0178) lower = 0x00ff;
  else if (c >= 0x0179 && c <= 0x017e) lower = pair_lower(c, false);
  else if (c == 0x0386) lower = 0x03ac;
  else if (c >= 0x0388 && c <= 0x038a) lower = c + 0x25;
  else if (c == 0x038c) lower = 0x03cc;
  else if (c == 0x038e || c == 0x038f) lower = c + 0x3f;
  else if (c >= 0x0391 && c <= 0x03ab && c != 0x03a2) lower = c + 0x20;
  else if (c == 0x0390 || (c >= 0x03ac && c <= 0x03ce)) lower = c;
  else if (c >= 0x0400 && c <= 0x040f) lower = c + 0x50;
  else if (c >= 0x0410 && c <= 0x042f) lower = c + 0x20;
  else if (c >= 0x0430 && c <= 0x045f) lower = c;
  else if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048a && c <= 0x04bf)) lower = pair_lower(c, true);
  if (!lower) return std::nullopt;
  return std::u32string(1, *lower);
}

Error label_error(const char* what) { return config_error(std::string("IDNA: label ") + what); }

// ToASCII (RFC 3490 §4.1) with UseSTD3ASCIIRules off and unassigned code points allowed, as
// Python's encodings.idna does it.
Result<std::string> label_to_ascii(std::u32string_view label) {
  std::string out;
  if (is_ascii(label)) {
    for (char32_t c : label) out.push_back(static_cast<char>(c));
  } else {
    std::u32string prepped;
    for (char32_t c : label) {
      auto m = nameprep_map(c);
      if (!m) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "IDNA: cannot convert U+%04X to ASCII (outside the nameprep subset)",
                      static_cast<unsigned>(c));
        return config_error(buf);
      }
      prepped += *m;
    }
    if (is_ascii(prepped)) {
      for (char32_t c : prepped) out.push_back(static_cast<char>(c));
    } else {
      if (prepped.rfind(U"xn--", 0) == 0) return label_error("starts with the ACE prefix xn--");
      TLSOCK_TRY_ASSIGN(std::string puny, punycode_encode(prepped));
      out = "xn--" + puny;
    }
  }
  if (out.empty() || out.size() > 63) return label_error("empty or too long");
  return out;
}

}  // namespace

Result<std::string> hostname_to_ascii(std::string_view utf8_hostname) {
  auto decoded = decode_utf8(utf8_hostname);
  if (!decoded) return config_error("IDNA: host name is not valid UTF-8");
  const std::u32string& name = *decoded;
  if (is_ascii(name)) {
    // Python's fast path: the name itself, once the label lengths are checked.
    size_t start = 0;
    for (size_t pos = 0; pos <= utf8_hostname.size(); ++pos) {
      bool last = pos == utf8_hostname.size();
      if (!last && utf8_hostname[pos] != '.') continue;
      size_t len = pos - start;
      if (len > 63 || (len == 0 && !last)) return label_error("empty or too long");
      start = pos + 1;
    }
    return std::string(utf8_hostname);
  }
  std::vector<std::u32string_view> labels;
  size_t start = 0;
  for (size_t pos = 0; pos <= name.size(); ++pos) {
    if (pos < name.size() && !is_label_separator(name[pos])) continue;
    labels.push_back(std::u32string_view(name).substr(start, pos - start));
    start = pos + 1;
  }
  bool trailing_dot = labels.size() > 1 && labels.back().empty();
  if (trailing_dot) labels.pop_back();
  std::string out;
  for (std::u32string_view label : labels) {
    if (!out.empty()) out.push_back('.');
    TLSOCK_TRY_ASSIGN(std::string ascii, label_to_ascii(label));
    out += ascii;
  }
  if (trailing_dot) out.push_back('.');
  return out;
}

}  // namespace tlsock::x509
