#include <doctest/doctest.h>

#include "socket/alert_error.hpp"

using namespace tlsock;

TEST_CASE("alert_error: received alerts read as Python reports them") {
  SSLError e = detail::received_alert_error(AlertDescription::unknown_ca);
  CHECK(std::string(e.what()) == "[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca");
  CHECK(e.reason() == "TLSV1_ALERT_UNKNOWN_CA");
  CHECK(e.library() == "SSL");
  CHECK(e.code() == SSL_ERROR_SSL);
  // Reasons Python reports for received alerts (SSLError.reason).
  CHECK(detail::alert_reason(AlertDescription::handshake_failure) ==
        "SSLV3_ALERT_HANDSHAKE_FAILURE");
  CHECK(detail::alert_reason(AlertDescription::access_denied) == "TLSV1_ALERT_ACCESS_DENIED");
  CHECK(detail::alert_reason(AlertDescription::internal_error) == "TLSV1_ALERT_INTERNAL_ERROR");
  CHECK(detail::alert_reason(AlertDescription::certificate_required) ==
        "TLSV13_ALERT_CERTIFICATE_REQUIRED");
  CHECK(detail::alert_reason(AlertDescription::protocol_version) ==
        "TLSV1_ALERT_PROTOCOL_VERSION");
  CHECK(std::string(detail::received_alert_error(AlertDescription::unrecognized_name).what()) ==
        "[SSL: TLSV1_UNRECOGNIZED_NAME] tlsv1 unrecognized name");
  CHECK(detail::alert_reason(static_cast<AlertDescription>(200)) == "SSL_ALERT_NUMBER_200");
}
