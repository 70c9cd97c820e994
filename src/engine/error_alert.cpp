#include "engine/error_alert.hpp"

namespace tlsock {

std::optional<Alert> alert_for_error(const Error& error) {
  switch (error.kind) {
    case ErrorKind::peer_alert:
    case ErrorKind::closed:
      return std::nullopt;
    case ErrorKind::config:
    case ErrorKind::internal:
      return Alert{AlertLevel::fatal, AlertDescription::internal_error};
    case ErrorKind::decode:
    case ErrorKind::protocol:
    case ErrorKind::crypto:
    case ErrorKind::certificate:
    case ErrorKind::limit:
      break;
  }
  if (error.alert == AlertDescription::close_notify || error.alert == AlertDescription::user_canceled) {
    return Alert{AlertLevel::fatal, AlertDescription::internal_error};
  }
  return Alert{AlertLevel::fatal, error.alert};
}

}  // namespace tlsock
