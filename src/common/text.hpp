// Small text helpers shared by the parsers: UTF-8 encoding of a code point, ASCII-only case
// folding (DNS names and e-mail domains compare case-insensitively in ASCII only, RFC 4343),
// and telling an IP address literal from a host name.
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

// Whether `host` is an IP address literal rather than a DNS name: an IPv4address or an
// IPv6address in the syntax of RFC 3986 §3.2.2 (dotted decimal octets 0-255 without leading
// zeros; RFC 4291 §2.2 text with at most one "::" and an optional dotted IPv4 tail; no zone
// ID, no brackets). RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in
// "HostName"", so a client sends no server_name for such a host.
bool is_ip_literal(std::string_view host);

}  // namespace tlsock
