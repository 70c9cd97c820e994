// Helpers shared by the handshake tests: hex, RFC 8448 vector files, error checks.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "handshake/handshake_message.hpp"

namespace tlsock::test {

inline Bytes hex(std::string_view h) {
  Bytes out;
  REQUIRE(from_hex(h, out));
  return out;
}

// vectors/rfc8448/secN_handshake_messages.txt: '#' comments, "name = hex" lines.
class VectorFile {
 public:
  explicit VectorFile(const std::string& relative_path) {
    std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/" + relative_path);
    REQUIRE_MESSAGE(in.good(), "cannot open vectors/" << relative_path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find(" = ");
      REQUIRE(eq != std::string::npos);
      values_[line.substr(0, eq)] = hex(line.substr(eq + 3));
    }
  }
  // A reference into the file's storage, so views of it stay valid while the file lives.
  const Bytes& operator[](const std::string& name) const {
    auto it = values_.find(name);
    REQUIRE_MESSAGE(it != values_.end(), "no vector named " << name);
    return it->second;
  }
  bool has(const std::string& name) const { return values_.count(name) != 0; }

 private:
  std::map<std::string, Bytes> values_;
};

// The body of a whole encoded message (header stripped), checking the header.
inline ByteView body_of(const Bytes& message, HandshakeType expected) {
  auto m = decode_handshake_message(message);
  REQUIRE(m.ok());
  REQUIRE(m->type == expected);
  return m->body;
}

inline HandshakeMessage as_message(const Bytes& whole) {
  auto m = decode_handshake_message(whole);
  REQUIRE(m.ok());
  return *m;
}

template <typename R>
AlertDescription alert_of(const R& result) {
  REQUIRE_FALSE(result.ok());
  return result.error().alert;
}

// Not fatal: in a table-driven test every row is checked and reported, not just the first
// that fails.
#define CHECK_ALERT(expr, expected_alert)                           \
  do {                                                              \
    auto tlsock_check_alert_r_ = (expr);                            \
    CHECK_FALSE(tlsock_check_alert_r_.ok());                        \
    if (!tlsock_check_alert_r_.ok()) {                              \
      INFO(tlsock_check_alert_r_.error().message());                \
      CHECK(tlsock_check_alert_r_.error().alert == (expected_alert)); \
    }                                                               \
  } while (0)

}  // namespace tlsock::test
