#include "handshake/handshake_util_13.hpp"

namespace tlsock {

Result<Bytes> whole_message(const HandshakeMessage& m) {
  return encode_handshake_message(m.type, m.body);
}

void log_secret(bool enabled, Events& events, const char* label, ByteView client_random,
                const Secret& secret) {
  if (!enabled) return;
  events.push_back(KeyLogSecret{label, Bytes(client_random.begin(), client_random.end()), secret});
}

}  // namespace tlsock
