#include "handshake/events_12.hpp"

#include "handshake/key_schedule_12.hpp"

namespace tlsock {

Result<Secret> export_keying_material(const ConnectionInfo12& info, std::string_view label,
                                      std::optional<ByteView> context, size_t length) {
  return export_keying_material_12(info.suite.hash, info.master_secret, info.client_random,
                                   info.server_random, label, context, length);
}

}  // namespace tlsock
