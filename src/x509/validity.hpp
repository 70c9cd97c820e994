// Certificate times (RFC 5280 §4.1.2.5): UTCTime "YYMMDDHHMMSSZ" for 1950..2049 and
// GeneralizedTime "YYYYMMDDHHMMSSZ" for 2050 onwards; always Zulu, seconds present, no
// fractions. Anything else is a decode_error.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "x509/der_reader.hpp"

namespace tlsock::x509 {

struct X509Time {
  int64_t unix_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;

  // OpenSSL's ASN1_TIME_print form, as Python shows it: "Jun  4 11:04:38 2015 GMT".
  std::string to_openssl_string() const;
};

// From a UTCTime or GeneralizedTime element.
Result<X509Time> parse_x509_time(const DerElement& element);

// Days-from-civil (Howard Hinnant's algorithm), exact for the proleptic Gregorian calendar.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
// Parse "YYYY-MM-DDTHH:MM:SS[.fff][Z|+00:00]" (ISO 8601 UTC, as in limbo.json) to Unix
// seconds, flooring fractions; false on anything else.
bool parse_iso8601_utc(std::string_view text, int64_t& seconds);

}  // namespace tlsock::x509
