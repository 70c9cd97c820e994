// Which extension may appear in which TLS 1.3 message (RFC 8446 §4.2, the table of
// extension types and messages; RFC 8449 for record_size_limit, RFC 8879 for
// compress_certificate), and the unsolicited-response rule.
//
// Rules applied to a received block:
//  - RFC 8446 §4.2: "If an implementation receives an extension which it recognizes and which
//    is not specified for the message in which it appears, it MUST abort the handshake with an
//    "illegal_parameter" alert."
//  - RFC 8446 §4.2: "Implementations MUST NOT send extension responses if the remote endpoint
//    did not send the corresponding extension requests, with the exception of the "cookie"
//    extension in the HelloRetryRequest. Upon receiving such an extension, an endpoint MUST
//    abort the handshake with an "unsupported_extension" alert."
//  - Unknown extensions (GREASE included, RFC 8701 §3) are ignored in ClientHello,
//    CertificateRequest and NewSessionTicket, where they are requests (RFC 8446 §4.3.2,
//    §4.6.1: "Clients MUST ignore unrecognized extensions"); anywhere else they are
//    unsolicited responses, since we never send an extension we do not recognise.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

enum class ExtensionContext : uint8_t {
  client_hello,
  server_hello,
  hello_retry_request,
  encrypted_extensions,
  certificate_request,
  certificate,  // CertificateEntry extensions
  new_session_ticket,
};

const char* name(ExtensionContext c);

// Whether we recognise this extension type at all (for the two rules above).
bool extension_recognized(ExtensionType type);
// Whether the §4.2 table allows this (recognised) type in this message.
bool extension_allowed(ExtensionType type, ExtensionContext context);

// Checks a received block. `requested` is the block of the message that solicited these
// responses (our ClientHello for SH/HRR/EE/server Certificate; our CertificateRequest for the
// client's Certificate), or nullptr for request contexts (CH, CR, NST) where unknown types
// are ignored.
Status check_extensions(ExtensionContext context, const Extensions& received,
                        const Extensions* requested);

}  // namespace tlsock
