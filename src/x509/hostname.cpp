#include "x509/hostname.hpp"

#include <algorithm>
#include <cstdio>

#include "common/text.hpp"
#include "x509/idna.hpp"
#include "x509/oid.hpp"
#include "x509/public_suffix.hpp"

namespace tlsock::x509 {

namespace {

std::optional<Bytes> parse_ipv4(std::string_view s) {
  Bytes out;
  size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part) {
      if (pos >= s.size() || s[pos] != '.') return std::nullopt;
      ++pos;
    }
    size_t start = pos;
    int v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3) v = v * 10 + (s[pos++] - '0');
    size_t n = pos - start;
    if (n == 0 || v > 255) return std::nullopt;
    if (n > 1 && s[start] == '0') return std::nullopt;  // leading zeros: octal in inet_aton
    out.push_back(static_cast<uint8_t>(v));
  }
  if (pos != s.size()) return std::nullopt;
  return out;
}

std::optional<Bytes> parse_ipv6(std::string_view s) {
  std::vector<uint16_t> head, tail;
  bool compressed = false;
  size_t pos = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    pos = 2;
  } else if (!s.empty() && s[0] == ':') {
    return std::nullopt;
  }
  std::optional<Bytes> v4;
  while (pos < s.size()) {
    size_t end = s.find(':', pos);
    std::string_view group = s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (group.find('.') != std::string_view::npos) {
      if (end != std::string_view::npos) return std::nullopt;
      v4 = parse_ipv4(group);
      if (!v4) return std::nullopt;
      pos = s.size();
      break;
    }
    if (group.empty() || group.size() > 4) return std::nullopt;
    uint16_t v = 0;
    for (char c : group) {
      int d = (c >= '0' && c <= '9') ? c - '0' : (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') ? ascii_lower(c) - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = static_cast<uint16_t>(v * 16 + d);
    }
    (compressed ? tail : head).push_back(v);
    if (end == std::string_view::npos) {
      pos = s.size();
      break;
    }
    pos = end + 1;
    if (pos < s.size() && s[pos] == ':') {
      if (compressed) return std::nullopt;
      compressed = true;
      ++pos;
    } else if (pos == s.size()) {
      return std::nullopt;  // trailing single ':'
    }
  }
  size_t groups = head.size() + tail.size() + (v4 ? 2 : 0);
  if (groups > 8 || (!compressed && groups != 8) || (compressed && groups > 7)) return std::nullopt;
  Bytes out;
  for (uint16_t g : head) {
    out.push_back(static_cast<uint8_t>(g >> 8));
    out.push_back(static_cast<uint8_t>(g));
  }
  out.resize(16 - tail.size() * 2 - (v4 ? 4 : 0), 0);
  for (uint16_t g : tail) {
    out.push_back(static_cast<uint8_t>(g >> 8));
    out.push_back(static_cast<uint8_t>(g));
  }
  if (v4) out.insert(out.end(), v4->begin(), v4->end());
  return out;
}

bool same_bytes(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace

std::optional<Bytes> parse_ip_address(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return parse_ipv6(text);
  return parse_ipv4(text);
}

std::optional<Bytes> parse_ip_address_lenient(std::string_view text) {
  if (auto strict = parse_ip_address(text)) return strict;
  if (text.find(':') != std::string_view::npos || text.empty()) return std::nullopt;
  std::vector<uint64_t> parts;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('.', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view p = text.substr(pos, end - pos);
    if (p.empty() || p.size() > 12) return std::nullopt;
    int base = 10;
    if (p.size() > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p.remove_prefix(2); }
    else if (p.size() > 1 && p[0] == '0') { base = 8; p.remove_prefix(1); }
    uint64_t v = 0;
    for (char c : p) {
      int d = (c >= '0' && c <= '9') ? c - '0' : (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') ? ascii_lower(c) - 'a' + 10 : 99;
      if (d >= base) return std::nullopt;
      v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    parts.push_back(v);
    if (parts.size() > 4) return std::nullopt;
    pos = end + 1;
  }
  // inet_aton: the last part fills the remaining bytes.
  uint64_t value = 0;
  size_t n = parts.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 255) return std::nullopt;
    value |= parts[i] << (8 * (3 - i));
  }
  uint64_t last_max = (uint64_t{1} << (8 * (5 - n))) - 1;
  if (parts.back() > last_max) return std::nullopt;
  value |= parts.back();
  return Bytes{static_cast<uint8_t>(value >> 24), static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 8),
               static_cast<uint8_t>(value)};
}

std::string canonical_ip_text(ByteView a) {
  char buf[8];
  if (a.size() == 4) {
    std::string out;
    for (size_t i = 0; i < 4; ++i) out += (i ? "." : "") + std::to_string(a[i]);
    return out;
  }
  if (a.size() != 16) return {};
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<uint16_t>((a[2 * i] << 8) | a[2 * i + 1]);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) { best = i; best_len = j - i; }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ":";
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    out += buf;
  }
  return out;
}

bool is_valid_dns_name(std::string_view name, bool allow_wildcard, bool allow_underscore) {
  if (name.empty() || name.size() > 253) return false;
  size_t label = 0;
  bool first = true;
  for (size_t pos = 0; pos <= name.size(); ++pos) {
    if (pos == name.size() || name[pos] == '.') {
      if (label == 0 || label > 63) return false;
      if (name[pos - 1] == '-') return false;
      label = 0;
      first = false;
      continue;
    }
    char c = name[pos];
    if (c == '*') {
      // RFC 9525 §6.3: only as the complete left-most label.
      if (!allow_wildcard || !first || pos != 0 || name.size() < 2 || name[1] != '.') return false;
      ++label;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c == '-' && label > 0) || (allow_underscore && c == '_');
    if (!ok) return false;
    ++label;
  }
  return true;
}

bool dns_name_matches(std::string_view presented, std::string_view reference) {
  if (!reference.empty() && reference.back() == '.') reference.remove_suffix(1);
  if (!presented.empty() && presented.back() == '.') presented.remove_suffix(1);
  if (!is_valid_dns_name(presented, true) || !is_valid_dns_name(reference, false)) return false;
  if (presented.size() >= 2 && presented[0] == '*') {
    std::string_view suffix = presented.substr(1);  // ".example.com"
    // RFC 9525 §6.3 / CABF: "*.tld" is never acceptable; require two labels after "*".
    if (std::count(suffix.begin(), suffix.end(), '.') < 2) return false;
    // CABF BR 3.2.2.6: never a wildcard over a whole public suffix (*.co.uk).
    if (is_public_suffix(suffix.substr(1))) return false;
    size_t dot = reference.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    return ascii_iequals(reference.substr(dot), suffix);
  }
  return ascii_iequals(presented, reference);
}

std::string reference_a_label(std::string_view host) {
  bool ascii = std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(host);
  auto converted = hostname_to_ascii(host);
  return converted ? *converted : std::string(host);
}

bool certificate_matches_host(const Certificate& cert, std::string_view host_as_given, bool check_common_name) {
  const std::string host = reference_a_label(host_as_given);
  const auto& san = cert.extensions().subject_alt_name;
  if (auto ip = parse_ip_address(host)) {
    if (!san) return false;
    for (const auto& g : *san)
      if (g.type == GeneralNameType::ip_address && same_bytes(g.value, *ip)) return true;
    return false;
  }
  bool has_dns_san = false;
  if (san) {
    for (const auto& g : *san) {
      if (g.type != GeneralNameType::dns_name) continue;
      has_dns_san = true;
      if (dns_name_matches(as_chars(g.value), host)) return true;
    }
  }
  if (check_common_name && !has_dns_san) {
    for (const auto& cn : cert.subject().find(oid::common_name)) {
      auto s = string_value_to_utf8(cn.value_tag, cn.value);
      if (s && dns_name_matches(*s, host)) return true;
    }
  }
  return false;
}

bool certificate_matches_email(const Certificate& cert, std::string_view email) {
  const auto& san = cert.extensions().subject_alt_name;
  if (!san) return false;
  size_t at = email.rfind('@');
  if (at == std::string_view::npos) return false;
  for (const auto& g : *san) {
    if (g.type != GeneralNameType::rfc822_name) continue;
    std::string_view p = as_chars(g.value);
    size_t pat = p.rfind('@');
    if (pat == std::string_view::npos) continue;
    // Local part exact, domain case-insensitive (RFC 5280 §4.2.1.6).
    if (p.substr(0, pat) == email.substr(0, at) && ascii_iequals(p.substr(pat + 1), email.substr(at + 1))) return true;
  }
  return false;
}

}  // namespace tlsock::x509
