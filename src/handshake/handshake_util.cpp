#include "handshake/handshake_util.hpp"

namespace tlsock {

Status check_hello_legacy_version(ProtocolVersion legacy_version, const char* message) {
  if (legacy_version > ProtocolVersion::ssl3_0) return {};
  return protocol_error(AlertDescription::protocol_version,
                        std::string(message) + ": legacy_version " + name(legacy_version) +
                            " is SSL 3.0 or older (RFC 8446 §D.5)");
}

void log_secret(bool enabled, Events& events, const char* label, ByteView client_random,
                const Secret& secret) {
  if (!enabled) return;
  events.push_back(KeyLogSecret{label, Bytes(client_random.begin(), client_random.end()), secret});
}

}  // namespace tlsock
