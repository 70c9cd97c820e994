// Certificate times (RFC 5280 §4.1.2.5): UTCTime "YYMMDDHHMMSSZ" for 1950..2049 and
// GeneralizedTime "YYYYMMDDHHMMSSZ" for 2050 onwards; always Zulu, seconds present, no
// fractions. Anything else is a decode_error. A GeneralizedTime for a year UTCTime can hold
// still decodes (Python shows such certificates; a Debian root carries one) and is recorded,
// so path validation can refuse it (path_builder.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "x509/der_reader.hpp"

namespace tlsock::x509 {

enum class TimeEncoding : uint8_t { utc_time, generalized_time };

struct X509Time {
  int64_t unix_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  TimeEncoding encoding = TimeEncoding::utc_time;

  // RFC 5280 §4.1.2.5: "CAs conforming to this profile MUST always encode certificate validity
  // dates through the year 2049 as UTCTime; certificate validity dates in 2050 or later MUST be
  // encoded as GeneralizedTime." Years before 1950 have no UTCTime form, so GeneralizedTime is
  // right for them too.
  bool encoding_conforms() const {
    return encoding == TimeEncoding::utc_time || year < 1950 || year >= 2050;
  }

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
