// The SSLError a received fatal alert becomes, worded as Python (through OpenSSL) words it:
// reason "TLSV1_ALERT_UNKNOWN_CA", text "tlsv1 alert unknown ca", library "SSL", errno
// SSL_ERROR_SSL. The reason names are OpenSSL's SSL_R_* names for alert 1000 + code, which is
// what Python programs match on (Python's ssl docs, Exceptions: SSLError.reason).
#pragma once

#include <string>

#include "common/wire_enums.hpp"
#include "tlsock/errors.hpp"

namespace tlsock::detail {

// "TLSV1_ALERT_UNKNOWN_CA"; "SSL_ALERT_NUMBER_<n>" for an alert OpenSSL has no name for.
std::string alert_reason(AlertDescription alert);

// "[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca", then " (<detail>)" when given.
SSLError received_alert_error(AlertDescription alert, const std::string& detail = {});

}  // namespace tlsock::detail
