#include "cli/message_trace.hpp"

#include <cstdio>
#include <memory>
#include <mutex>

#include "tlsock/inspect.hpp"

namespace tlsock::cli {

namespace {

std::string count(size_t n, const char* what) { return std::to_string(n) + " " + what; }

}  // namespace

std::string_view alert_meaning(uint8_t description) {
  switch (description) {
    case 0: return "the sender closes the connection (no more data)";
    case 10: return "a message was not appropriate here";
    case 20: return "a record could not be authenticated (wrong keys or tampering)";
    case 22: return "a record was longer than allowed";
    case 40: return "no acceptable set of parameters (suite, group, signature...) was found";
    case 42: return "the certificate was corrupt or its signature did not verify";
    case 43: return "the certificate is of an unsupported type";
    case 44: return "the certificate was revoked by its issuer";
    case 45: return "the certificate has expired or is not yet valid";
    case 46: return "the certificate was rejected (unknown issue)";
    case 47: return "a field was out of range or inconsistent";
    case 48: return "the certificate chain does not lead to a trusted CA";
    case 49: return "access denied by policy after a valid certificate";
    case 50: return "a message could not be decoded (bad length or value)";
    case 51: return "a handshake signature or Finished did not verify";
    case 70: return "the protocol version is not supported";
    case 71: return "the parameters offered are weaker than the server requires";
    case 80: return "an internal error unrelated to the peer";
    case 86: return "an inappropriate downgrade was detected";
    case 90: return "the user cancelled the handshake";
    case 100: return "renegotiation is not supported";
    case 109: return "a required extension is missing";
    case 110: return "an extension was sent that the peer did not offer or allow";
    case 112: return "the server name (SNI) is not recognised";
    case 115: return "the PSK identity is unknown";
    case 116: return "a client certificate is required";
    case 120: return "no application protocol (ALPN) in common";
    default: return "(no description)";
  }
}

std::string MessageTrace::describe(const TLSMessage& m) {
  const char* arrow = m.sent ? ">>> " : "<<< ";
  if (m.content_type == 21) {
    // RFC 8446 §6: AlertLevel level; AlertDescription description.
    if (m.data.size() != 2)
      return std::string(arrow) + "Alert (malformed: " + count(m.data.size(), "bytes") + ")\n";
    auto level = static_cast<uint8_t>(m.data[0]);
    auto description = static_cast<uint8_t>(m.data[1]);
    return std::string(arrow) + "Alert " + alert_level_name(level) + " " +
           alert_description_name(description) + " (" + std::to_string(description) +
           "): " + std::string(alert_meaning(description)) + "\n";
  }
  if (m.content_type == 20) return std::string(arrow) + "ChangeCipherSpec\n";
  if (m.content_type == 22) return describe_handshake(m.sent, m.data);
  return std::string(arrow) + content_type_name(static_cast<uint8_t>(m.content_type)) + ", " +
         count(m.data.size(), "bytes") + "\n";
}

std::string MessageTrace::describe_handshake(bool sent, std::string_view message) {
  HandshakeMessageDescription d = describe_handshake_message(message, tls13_);
  // The layout of later messages follows the version the ServerHello chose.
  if (d.type == 1) tls13_ = false;
  if (d.type == 2) tls13_ = d.selects_tls13;
  std::string out = std::string(sent ? ">>> " : "<<< ") + d.title + " (" +
                    handshake_type_name(d.type) + ", " + std::to_string(d.type) + "), " +
                    count(d.length, "bytes") + "\n";
  for (const std::string& line : d.lines) out += "    " + line + "\n";
  return out;
}

MsgCallback MessageTrace::callback_to_stderr() {
  struct Shared {
    std::mutex mutex;
    MessageTrace trace;
  };
  auto shared = std::make_shared<Shared>();
  return [shared](const TLSMessage& m) {
    std::lock_guard lock(shared->mutex);
    std::string text = shared->trace.describe(m);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  };
}

}  // namespace tlsock::cli
