// Small pieces the client and server state machines of both versions use.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "handshake/events.hpp"
#include "handshake/handshake_message.hpp"

namespace tlsock {

// RFC 8446 §6.2 / §5: a message that is not allowed in this state -> unexpected_message.
inline Error unexpected(const HandshakeMessage& m, const char* state) {
  return protocol_error(AlertDescription::unexpected_message,
                        std::string(state) + ": unexpected " + name(m.type) + " message");
}

inline Error illegal(const std::string& detail) {
  return protocol_error(AlertDescription::illegal_parameter, detail);
}

// RFC 8446 §D.5: "Any endpoint receiving a Hello message with ClientHello.legacy_version or
// ServerHello.legacy_version set to 0x0300 MUST abort the handshake with a "protocol_version"
// alert" (no endpoint may send a lower one either). It holds whatever supported_versions offers
// or selects, so callers check it first. `message` names the hello for the error.
Status check_hello_legacy_version(ProtocolVersion legacy_version, const char* message);

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// NSS key log event when enabled.
void log_secret(bool enabled, Events& events, const char* label, ByteView client_random,
                const Secret& secret);

}  // namespace tlsock
