// tlsock::json_quote (tlsock/peer_certificate.hpp): JSON strings byte for byte as Python's
// json.dumps(ensure_ascii=False) writes them (RFC 8259 §7).
#include <cstdio>

#include "tlsock/peer_certificate.hpp"

namespace tlsock {

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  char buf[8];
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') { out.push_back('\\'); out.push_back(ch); }
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) { std::snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
    else out.push_back(ch);
  }
  return out + "\"";
}

}  // namespace tlsock
