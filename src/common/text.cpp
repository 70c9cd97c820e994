#include "common/text.hpp"

#include <algorithm>

namespace tlsock {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

namespace {

// RFC 3986 §3.2.2: IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet, where a
// dec-octet is 0-255 written without leading zeros.
bool is_ipv4(std::string_view s) {
  int octets = 0;
  size_t i = 0;
  for (;;) {
    size_t start = i;
    unsigned value = 0;
    while (i < s.size() && i - start < 4 && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0');
    size_t digits = i - start;
    if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s[start] == '0')) return false;
    ++octets;
    if (i == s.size()) return octets == 4;
    if (s[i] != '.' || octets == 4) return false;
    ++i;
  }
}

bool is_hex_group(std::string_view g) {
  return !g.empty() && g.size() <= 4 && std::all_of(g.begin(), g.end(), [](char c) {
    return (c >= '0' && c <= '9') || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f');
  });
}

// The number of 16-bit pieces in colon-separated hex groups (an IPv4 tail counts two, and only
// where `ipv4_tail` allows it); -1 when the text is not such a list. Empty text holds none.
int ipv6_pieces(std::string_view s, bool ipv4_tail) {
  if (s.empty()) return 0;
  int pieces = 0;
  for (size_t i = 0;;) {
    size_t colon = s.find(':', i);
    std::string_view group = s.substr(i, colon == std::string_view::npos ? s.size() - i : colon - i);
    bool last = colon == std::string_view::npos;
    if (last && ipv4_tail && group.find('.') != std::string_view::npos) {
      return is_ipv4(group) ? pieces + 2 : -1;
    }
    if (!is_hex_group(group)) return -1;
    ++pieces;
    if (last) return pieces;
    i = colon + 1;
  }
}

// RFC 4291 §2.2 / RFC 3986 §3.2.2: eight pieces, or fewer around one "::" standing for at
// least one zero piece.
bool is_ipv6(std::string_view s) {
  size_t gap = s.find("::");
  if (gap == std::string_view::npos) return ipv6_pieces(s, true) == 8;
  if (s.find("::", gap + 1) != std::string_view::npos) return false;
  int head = ipv6_pieces(s.substr(0, gap), false);
  int tail = ipv6_pieces(s.substr(gap + 2), true);
  return head >= 0 && tail >= 0 && head + tail <= 7;
}

}  // namespace

bool is_ip_literal(std::string_view host) { return is_ipv4(host) || is_ipv6(host); }

}  // namespace tlsock
