#include "socket/alert_error.hpp"

namespace tlsock::detail {

std::string alert_reason(AlertDescription alert) {
  // OpenSSL's prefixes record which version's RFC introduced the alert, so they vary.
  switch (alert) {
    case AlertDescription::unexpected_message: return "SSLV3_ALERT_UNEXPECTED_MESSAGE";
    case AlertDescription::bad_record_mac: return "SSLV3_ALERT_BAD_RECORD_MAC";
    case AlertDescription::decryption_failed: return "TLSV1_ALERT_DECRYPTION_FAILED";
    case AlertDescription::record_overflow: return "TLSV1_ALERT_RECORD_OVERFLOW";
    case AlertDescription::decompression_failure: return "SSLV3_ALERT_DECOMPRESSION_FAILURE";
    case AlertDescription::handshake_failure: return "SSLV3_ALERT_HANDSHAKE_FAILURE";
    case AlertDescription::no_certificate: return "SSLV3_ALERT_NO_CERTIFICATE";
    case AlertDescription::bad_certificate: return "SSLV3_ALERT_BAD_CERTIFICATE";
    case AlertDescription::unsupported_certificate: return "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE";
    case AlertDescription::certificate_revoked: return "SSLV3_ALERT_CERTIFICATE_REVOKED";
    case AlertDescription::certificate_expired: return "SSLV3_ALERT_CERTIFICATE_EXPIRED";
    case AlertDescription::certificate_unknown: return "SSLV3_ALERT_CERTIFICATE_UNKNOWN";
    case AlertDescription::illegal_parameter: return "SSLV3_ALERT_ILLEGAL_PARAMETER";
    case AlertDescription::unknown_ca: return "TLSV1_ALERT_UNKNOWN_CA";
    case AlertDescription::access_denied: return "TLSV1_ALERT_ACCESS_DENIED";
    case AlertDescription::decode_error: return "TLSV1_ALERT_DECODE_ERROR";
    case AlertDescription::decrypt_error: return "TLSV1_ALERT_DECRYPT_ERROR";
    case AlertDescription::export_restriction: return "TLSV1_ALERT_EXPORT_RESTRICTION";
    case AlertDescription::protocol_version: return "TLSV1_ALERT_PROTOCOL_VERSION";
    case AlertDescription::insufficient_security: return "TLSV1_ALERT_INSUFFICIENT_SECURITY";
    case AlertDescription::internal_error: return "TLSV1_ALERT_INTERNAL_ERROR";
    case AlertDescription::inappropriate_fallback: return "TLSV1_ALERT_INAPPROPRIATE_FALLBACK";
    case AlertDescription::user_canceled: return "TLSV1_ALERT_USER_CANCELLED";
    case AlertDescription::no_renegotiation: return "TLSV1_ALERT_NO_RENEGOTIATION";
    case AlertDescription::missing_extension: return "TLSV13_ALERT_MISSING_EXTENSION";
    case AlertDescription::unsupported_extension: return "TLSV1_UNSUPPORTED_EXTENSION";
    case AlertDescription::certificate_unobtainable: return "TLSV1_CERTIFICATE_UNOBTAINABLE";
    case AlertDescription::unrecognized_name: return "TLSV1_UNRECOGNIZED_NAME";
    case AlertDescription::bad_certificate_status_response:
      return "TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE";
    case AlertDescription::bad_certificate_hash_value: return "TLSV1_BAD_CERTIFICATE_HASH_VALUE";
    case AlertDescription::unknown_psk_identity: return "TLSV1_ALERT_UNKNOWN_PSK_IDENTITY";
    case AlertDescription::certificate_required: return "TLSV13_ALERT_CERTIFICATE_REQUIRED";
    case AlertDescription::no_application_protocol:
      return "TLSV1_ALERT_NO_APPLICATION_PROTOCOL";
    default: break;
  }
  return "SSL_ALERT_NUMBER_" + std::to_string(static_cast<int>(alert));
}

SSLError received_alert_error(AlertDescription alert, const std::string& detail) {
  // OpenSSL's reason strings are the reason names in lower case with spaces.
  std::string reason = alert_reason(alert);
  std::string text = reason;
  for (char& c : text) {
    if (c == '_') c = ' ';
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!detail.empty()) text += " (" + detail + ")";
  return SSLError(SSL_ERROR_SSL, "SSL", std::move(reason), std::move(text));
}

}  // namespace tlsock::detail
