// What the BoGo shim learns from the handshake messages themselves (SSLContext's message
// callback, Python's _msg_callback), for the -expect-* flags that tlsock's queries do not
// answer: whether a HelloRetryRequest was exchanged, whether the ServerHello agreed to the
// extended master secret (RFC 7627) and to secure renegotiation (RFC 5746), and whether a
// TLS 1.2 NewSessionTicket came during the handshake (a renewed ticket, RFC 5077 §3.3), which
// ALPN protocols the client offered; and the trace BoringSSL's -expect-msg-callback compares.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tlsock/ssl_context.hpp"

namespace bogo {

struct MessageLog {
  bool hello_retry_request = false;
  bool extended_master_secret = false;  // in the (TLS 1.2) ServerHello
  bool renegotiation_info = false;      // in the (TLS 1.2) ServerHello
  bool new_session_ticket = false;      // received before the handshake ended
  // Server: the ALPN protocol_name_list of the (last) ClientHello received, as on the wire.
  std::optional<std::string> client_alpn;
  // One line per message, as BoringSSL's shim writes them: "write hs 1", "read ccs",
  // "read alert 1 0".
  std::string trace;
};

// Installs a message callback on `context` that fills a new log (one per connection).
std::shared_ptr<MessageLog> record_messages(tlsock::SSLContext& context);

}  // namespace bogo
