// Matching a certificate against the name the client asked for (RFC 6125 §6, RFC 9525 §6.3).
//
// - DNS reference identifiers are compared with dNSName SANs: ASCII case-insensitive, A-labels
//   only (a U-label or any non-LDH byte in a SAN never matches; a U-label reference name is
//   converted to its A-label form first), a wildcard only as the whole
//   left-most label ("*.example.com" matches "a.example.com", never "example.com" or
//   "a.b.example.com"), and never "*" or "*.tld" (RFC 9525 §6.3: the wildcard must be followed
//   by at least two labels).
// - IP reference identifiers are compared with iPAddress SANs only (RFC 9525 §6.3: "MUST NOT
//   seek a match for a reference identifier of CN-ID if the presented identifiers include an
//   iPAddress"); an IP address never matches a DNS SAN or the CN.
// - The subject CN is consulted only when the caller enables it (Python's
//   hostname_checks_common_name) and the certificate has no dNSName SAN, like OpenSSL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "x509/certificate.hpp"

namespace tlsock::x509 {

// 4 or 16 octets for a textual IPv4 ("192.0.2.1") or IPv6 ("2001:db8::1", "::ffff:1.2.3.4")
// address; nullopt if the text is not an address (IPv4 parts must be decimal 0..255).
std::optional<Bytes> parse_ip_address(std::string_view text);

// Also accepts the legacy inet_aton forms (hex "0xC0A80101", octal/leading zeros, fewer
// parts): to recognise an address spelled unusually, never to match one.
std::optional<Bytes> parse_ip_address_lenient(std::string_view text);

// RFC 5952 text of an IPv6 address (lower case, longest zero run compressed) or dotted IPv4.
std::string canonical_ip_text(ByteView address);

// A syntactically valid DNS reference identifier (LDH labels, 1..63 octets each, at most 253
// octets, one optional trailing dot removed by the caller).
bool is_valid_dns_name(std::string_view name, bool allow_wildcard, bool allow_underscore = false);

// presented (from a SAN, possibly "*.x.y") matches reference (what the client asked for).
bool dns_name_matches(std::string_view presented, std::string_view reference);

// The name as SANs carry it: a host name with U-labels ("bücher.example") becomes its A-label
// form ("xn--bcher-kva.example") the way Python's ssl module encodes server_hostname
// (idna.hpp); ASCII names, and names that cannot be converted (they then match nothing), are
// returned unchanged.
std::string reference_a_label(std::string_view host);

// Whether the certificate is valid for this host (DNS name in A- or U-label form, or an IP
// literal).
bool certificate_matches_host(const Certificate& cert, std::string_view host, bool check_common_name);
// Whether the certificate carries this rfc822 address as an rfc822Name SAN.
bool certificate_matches_email(const Certificate& cert, std::string_view email);

}  // namespace tlsock::x509
