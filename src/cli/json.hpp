// A small, bounds-checked JSON reader (RFC 8259) for limbo.json (`tlsock x509 limbo`). Not a
// general-purpose library: numbers are doubles, objects keep member order, duplicate keys are
// kept (lookups take the first). The JSON the command writes quotes its strings with
// tlsock::json_quote (tlsock/peer_certificate.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsock::cli {

// Deepest nesting accepted (arrays/objects): bounds recursion. Our limit.
inline constexpr int kMaxJsonDepth = 64;

struct JsonValue {
  enum class Type { null, boolean, number, string, array, object } type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  // Object members in order (two vectors: a pair of an incomplete type is not allowed here).
  std::vector<std::string> keys;
  std::vector<JsonValue> values;

  bool is_null() const { return type == Type::null; }
  // Member lookup; a shared null value when absent or not an object.
  const JsonValue& operator[](std::string_view key) const;
  const std::string& str() const { return string; }
};

// std::invalid_argument ("JSON: what at offset N") when the text is not one JSON value.
JsonValue parse_json(std::string_view text);

}  // namespace tlsock::cli
