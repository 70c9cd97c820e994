#include "record/alert.hpp"

#include "record/record_limits.hpp"

namespace tlsock {

std::array<uint8_t, kAlertLength> encode_alert(Alert alert) {
  return {static_cast<uint8_t>(alert.level), static_cast<uint8_t>(alert.description)};
}

Alert alert_for(AlertDescription description) {
  bool closure = description == AlertDescription::close_notify ||
                 description == AlertDescription::user_canceled;
  return {closure ? AlertLevel::warning : AlertLevel::fatal, description};
}

Result<Alert> decode_alert(ByteView content) {
  if (content.size() != kAlertLength) {
    return decode_error("alert: record holds " + std::to_string(content.size()) +
                        " bytes, an alert is exactly 2");
  }
  return Alert{static_cast<AlertLevel>(content[0]), static_cast<AlertDescription>(content[1])};
}

bool is_always_fatal_12(AlertDescription d) {
  switch (d) {
    case AlertDescription::unexpected_message:
    case AlertDescription::bad_record_mac:
    case AlertDescription::decryption_failed:
    case AlertDescription::record_overflow:
    case AlertDescription::decompression_failure:
    case AlertDescription::handshake_failure:
    case AlertDescription::illegal_parameter:
    case AlertDescription::unknown_ca:
    case AlertDescription::access_denied:
    case AlertDescription::decode_error:
    case AlertDescription::decrypt_error:
    case AlertDescription::protocol_version:
    case AlertDescription::insufficient_security:
    case AlertDescription::internal_error:
    case AlertDescription::unsupported_extension:
      return true;
    default:
      return false;
  }
}

namespace {
Error fatal_from_peer(Alert alert) {
  return {ErrorKind::peer_alert, alert.description,
          "peer sent " + name(alert.level) + " alert " + name(alert.description)};
}
}  // namespace

Result<AlertOutcome> AlertReceiver::receive(ByteView content, RecordVersion version) {
  TLSOCK_TRY_ASSIGN(Alert alert, decode_alert(content));
  return receive(alert, version);
}

Result<AlertOutcome> AlertReceiver::receive(Alert alert, RecordVersion version) {
  // RFC 8446 §6 / RFC 5246 §7.2: AlertLevel is warning(1) or fatal(2). Another value is no
  // alert at all (in TLS 1.3 too, where only the description decides what an alert means).
  if (alert.level != AlertLevel::warning && alert.level != AlertLevel::fatal) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "alert: unknown level " + name(alert.level));
  }
  if (version == RecordVersion::tls13) {
    // RFC 8446 §6: error alerts are fatal "regardless of the AlertLevel in the message", and
    // "Unknown Alert types MUST be treated as error alerts".
    if (alert.description == AlertDescription::close_notify) return AlertOutcome::closed;
    if (alert.description != AlertDescription::user_canceled) return fatal_from_peer(alert);
  } else {
    if (alert.description == AlertDescription::close_notify) return AlertOutcome::closed;
    // RFC 5246 §7.2: "Alert messages with a level of fatal result in the immediate
    // termination of the connection"; §7.2.2 lists descriptions that are "always fatal".
    if (alert.level == AlertLevel::fatal || is_always_fatal_12(alert.description)) {
      return fatal_from_peer(alert);
    }
  }
  if (++consecutive_warnings_ > kMaxConsecutiveWarningAlerts) {
    return protocol_error(AlertDescription::unexpected_message,
                          "alert: more than " + std::to_string(kMaxConsecutiveWarningAlerts) +
                              " warning alerts in a row");
  }
  return AlertOutcome::warning;
}

}  // namespace tlsock
