// The one mapping from a core Error to the alert the engine sends: every core Error gets its
// alert here and nowhere else.
#pragma once

#include <optional>

#include "common/result.hpp"
#include "record/alert.hpp"

namespace tlsock {

// The alert to send when `error` ends the connection, or nullopt when none is sent:
//   peer_alert  the peer already closed the connection with its alert; answering it would be
//               a write after the peer's closure (RFC 8446 §6.2: both sides close at once)
//   closed      the connection is already closed; nothing more is sent
//   config, internal
//               internal_error: the failure is ours, not the peer's (RFC 8446 §6.2)
//   any other   the alert the error carries, sent at level fatal (RFC 8446 §6.2: "MUST be
//               sent with AlertLevel=fatal"); a non-error description (close_notify,
//               user_canceled) there is a bug and becomes internal_error
std::optional<Alert> alert_for_error(const Error& error);

}  // namespace tlsock
