// --trace: every handshake message, ChangeCipherSpec and alert a connection sends or receives,
// decoded from the bytes the context's message callback hands over (SSLContext::
// set_msg_callback): the message type and length, the fields of the hellos and of the other
// handshake messages, each extension with its name and value, and alerts with their meaning.
//
//   >>> ClientHello (client_hello, 1), 246 bytes
//       version tls1_2, random 32 bytes, session_id 32 bytes
//       cipher_suites: TLS_AES_128_GCM_SHA256, ...
//       extension server_name (0), 14 bytes: localhost
//   <<< Alert fatal bad_certificate (42): the certificate was corrupt or its signature ...
//
// ">>>" is sent, "<<<" received. Handshake messages are read by the handshake's own decoders
// (tlsock/inspect.hpp's describe_handshake_message); those whose layout differs by version
// (Certificate, CertificateRequest, NewSessionTicket) by the version the ServerHello chose.
#pragma once

#include <cstdint>
#include <string>

#include "tlsock/ssl_context.hpp"

namespace tlsock::cli {

class MessageTrace {
 public:
  // The lines describing one message, each ending in '\n'.
  std::string describe(const TLSMessage& message);

  // A callback that writes describe()'s lines to stderr (one trace per context; the command
  // runs one connection at a time).
  static MsgCallback callback_to_stderr();

 private:
  std::string describe_handshake(bool sent, std::string_view message);
  bool tls13_ = false;  // the version the last ServerHello chose
};

// What an alert description means, in a few words (RFC 8446 §6, RFC 5246 §7.2).
std::string_view alert_meaning(uint8_t description);

}  // namespace tlsock::cli
