// Alert messages (RFC 8446 §6, RFC 5246 §7.2): encoding, decoding, and what a received alert
// means for the connection.
//
// An alert record carries exactly one 2-byte Alert. What it does depends on the version:
//   TLS 1.3 (RFC 8446 §6): close_notify closes; user_canceled is a warning (a close_notify
//     should follow); every other description, known or not, is an error alert whatever its
//     level says.
//   TLS 1.2 (RFC 5246 §7.2): level fatal is fatal. At level warning, close_notify closes; the
//     descriptions the RFC calls "always fatal" are fatal anyway; the rest (certificate
//     warnings, user_canceled, no_renegotiation, unknown values) let the connection continue,
//     up to kMaxConsecutiveWarningAlerts in a row.
// A fatal alert comes back as an Error of kind peer_alert whose `alert` is the description the
// peer sent (the engine must not answer it with an alert of its own).
#pragma once

#include <array>
#include <cstdint>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/record_deframer.hpp"

namespace tlsock {

struct Alert {
  AlertLevel level = AlertLevel::fatal;
  AlertDescription description = AlertDescription::internal_error;

  friend bool operator==(const Alert&, const Alert&) = default;
};

inline constexpr size_t kAlertLength = 2;

std::array<uint8_t, kAlertLength> encode_alert(Alert alert);

// The alert to send for a local error: close_notify goes at level warning (RFC 5246 §7.2.1;
// RFC 8446 §6.1 closure alert), user_canceled too, every error alert at level fatal (RFC 8446
// §6.2: "MUST be sent with AlertLevel=fatal").
Alert alert_for(AlertDescription description);

// The content of one alert record: exactly 2 bytes (RFC 8446 §5.1: "a record with an Alert
// type MUST contain exactly one message"; tlsock applies the same rule to 1.2), else
// decode_error. The level is not checked here (see AlertReceiver).
Result<Alert> decode_alert(ByteView content);

enum class AlertOutcome {
  closed,   // close_notify: the peer will send nothing more
  warning,  // the connection continues
};

// Interprets received alerts; keeps the count of consecutive warnings.
class AlertReceiver {
 public:
  // `version` is the negotiated one; before negotiation (unknown) the 1.2 rules apply,
  // since a 1.3 peer sends every error alert at level fatal anyway.
  // Errors: decode_error (not 2 bytes), illegal_parameter (a level other than warning or
  // fatal), unexpected_message (too many warnings in a row), peer_alert (a fatal alert).
  Result<AlertOutcome> receive(ByteView content, RecordVersion version);
  Result<AlertOutcome> receive(Alert alert, RecordVersion version);

  // Any other record received resets the warning run.
  void reset_warning_run() { consecutive_warnings_ = 0; }

 private:
  uint32_t consecutive_warnings_ = 0;
};

// RFC 5246 §7.2.2: descriptions the RFC says are "always fatal".
bool is_always_fatal_12(AlertDescription description);

}  // namespace tlsock
