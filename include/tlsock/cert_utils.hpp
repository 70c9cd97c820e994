// Module-level certificate helpers of Python's ssl that need no TLS: PEM <-> DER conversion of
// one certificate and the parsing of getpeercert()'s notBefore/notAfter strings; and two beyond
// Python for tools: all PEM blocks of a text, ISO 8601 times.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlsock/buffer.hpp"

namespace tlsock {

// "-----BEGIN CERTIFICATE-----\n" + base64 of der in 64-character lines + "\n" +
// "-----END CERTIFICATE-----\n" (ssl.DER_cert_to_PEM_cert).
std::string DER_cert_to_PEM_cert(ConstBuffer der_cert_bytes);

// The DER bytes of a PEM certificate (ssl.PEM_cert_to_DER_cert). The text must start with the
// BEGIN line (no leading whitespace) and, once surrounding whitespace is stripped, end with the
// END line; otherwise std::invalid_argument("Invalid PEM encoding; must start with
// -----BEGIN CERTIFICATE-----") (or "must end with ..."). The body is decoded as Python's
// base64.decodebytes does: characters outside the base64 alphabet are skipped; a body whose
// length cannot be base64 gives std::invalid_argument ("Incorrect padding").
std::string PEM_cert_to_DER_cert(std::string_view pem_cert_string);

// Beyond Python's API: every "-----BEGIN <label>-----" block of a PEM text as DER, in order
// (RFC 7468; text between blocks is ignored). std::invalid_argument for a block that is not
// well formed.
std::vector<std::string> pem_blocks(std::string_view text, std::string_view label);

// Beyond Python's API: seconds since the Epoch of an ISO 8601 UTC time
// "YYYY-MM-DDTHH:MM:SS[.fff][Z|+00:00]" (fractions floored), as x509-limbo writes validation
// times. std::invalid_argument for anything else.
int64_t iso8601_to_seconds(std::string_view text);

// Seconds since the Epoch (UTC) of a certificate time such as "Jan  5 09:34:43 2018 GMT"
// (ssl.cert_time_to_seconds): the month name is C-locale and case-insensitive, the day is
// space- or zero-padded, seconds go up to 61 (leap seconds count as seconds), and "GMT" is
// required. Anything else (missing seconds, "UTC", day 35, "Jon", hour 24, a year outside
// 1..9999, trailing text) throws std::invalid_argument with Python's message.
int64_t cert_time_to_seconds(std::string_view cert_time);

}  // namespace tlsock
