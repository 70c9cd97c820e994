#include "handshake/extensions/extension_rules_12.hpp"

namespace tlsock {

bool extension_allowed_in_server_hello_12(ExtensionType type) {
  switch (type) {
    case ExtensionType::server_name:                             // RFC 6066 §3
    case ExtensionType::max_fragment_length:                     // RFC 6066 §4
    case ExtensionType::status_request:                          // RFC 6066 §8
    case ExtensionType::ec_point_formats:                        // RFC 8422 §5.2
    case ExtensionType::application_layer_protocol_negotiation:  // RFC 7301 §3.1
    case ExtensionType::signed_certificate_timestamp:            // RFC 6962 §3.3.1
    case ExtensionType::encrypt_then_mac:                        // RFC 7366 §2
    case ExtensionType::extended_master_secret:                  // RFC 7627 §5.1
    case ExtensionType::record_size_limit:                       // RFC 8449 §4
    case ExtensionType::session_ticket:                          // RFC 5077 §3.2
    case ExtensionType::renegotiation_info:                      // RFC 5746 §3.6
    case ExtensionType::next_protocol_negotiation:               // draft-agl-tls-nextprotoneg
    case ExtensionType::use_srtp:                                // RFC 5764 §4.1.1
    case ExtensionType::heartbeat:                               // RFC 6520 §2
      return true;
    default:
      return false;
  }
}

Status check_server_hello_extensions_12(const Extensions& received, const Extensions& requested) {
  for (const auto& e : received) {
    // RFC 5246 §7.4.1.4: a response to an extension we did not send -> unsupported_extension.
    if (!requested.has(e.type)) {
      return protocol_error(AlertDescription::unsupported_extension,
                            "ServerHello (TLS 1.2): unsolicited extension " + name(e.type));
    }
    // Requested, but a TLS 1.3-only answer in a TLS 1.2 ServerHello.
    if (!extension_allowed_in_server_hello_12(e.type)) {
      return protocol_error(AlertDescription::illegal_parameter,
                            "ServerHello (TLS 1.2): extension " + name(e.type) +
                                " is not allowed in a TLS 1.2 ServerHello");
    }
  }
  return {};
}

}  // namespace tlsock
