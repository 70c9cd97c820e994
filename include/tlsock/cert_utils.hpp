// Module-level certificate helpers of Python's ssl that need no TLS: PEM <-> DER conversion of
// one certificate and the parsing of getpeercert()'s notBefore/notAfter strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

// Seconds since the Epoch (UTC) of a certificate time such as "Jan  5 09:34:43 2018 GMT"
// (ssl.cert_time_to_seconds): the month name is C-locale and case-insensitive, the day is
// space- or zero-padded, seconds go up to 61 (leap seconds count as seconds), and "GMT" is
// required. Anything else (missing seconds, "UTC", day 35, "Jon", hour 24, a year outside
// 1..9999, trailing text) throws std::invalid_argument with Python's message.
int64_t cert_time_to_seconds(std::string_view cert_time);

}  // namespace tlsock
