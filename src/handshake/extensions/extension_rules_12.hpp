// Which extensions a TLS 1.2 ServerHello may carry, and the unsolicited-response rule.
//
// RFC 5246 §7.4.1.4: "If a client receives an extension type in ServerHello that it did not
// request in the associated ClientHello, it MUST abort the handshake with an
// unsupported_extension fatal alert." A ClientHello that also offers TLS 1.3 requests
// extensions a TLS 1.2 ServerHello must not answer (key_share, pre_shared_key,
// supported_versions, ...); those are illegal_parameter, as RFC 8446 §4.2 rules for a
// recognised extension in the wrong message. The ClientHello side reuses the TLS 1.3 table
// (extension_rules.hpp), which already allows the 1.2-only extensions in a ClientHello.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

// Whether a TLS 1.2 ServerHello may answer with this extension type.
bool extension_allowed_in_server_hello_12(ExtensionType type);

// Checks a TLS 1.2 ServerHello's block against the ClientHello's (`requested`).
Status check_server_hello_extensions_12(const Extensions& received, const Extensions& requested);

}  // namespace tlsock
