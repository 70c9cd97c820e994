// One extension of a handshake message as describe_handshake_message() (tlsock/inspect.hpp)
// prints it, read by the handshake's own extension decoders (src/handshake/extensions/):
//   extension key_share (51), 36 bytes: x25519 (32 bytes)
// A body its decoder refuses is described as malformed, with the decoder's reason.
#pragma once

#include <string>

#include "common/bytes.hpp"
#include "handshake/extensions/extension.hpp"
#include "handshake/extensions/extension_rules.hpp"

namespace tlsock::detail {

// The line for `extension` in a message of `context` (key_share, supported_versions,
// pre_shared_key and early_data have a form per message, RFC 8446 §4.2).
std::string describe_extension(const Extension& extension, ExtensionContext context);

// Printable ASCII as is, anything else as "0x" and hex.
std::string text_or_hex(ByteView bytes);
// At most `max` bytes as hex, "..." when there are more.
std::string short_hex(ByteView bytes, size_t max);
// "3 bytes"
std::string count(size_t n, const char* what);

}  // namespace tlsock::detail
