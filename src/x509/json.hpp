// A small, bounds-checked JSON reader (RFC 8259) for limbo.json and test inputs, and a string
// escaper for the JSON we write. Not a general-purpose library: numbers are doubles, objects
// keep member order, duplicate keys are kept (lookups take the first).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace tlsock::x509 {

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

Result<JsonValue> parse_json(std::string_view text);
// A JSON string with its quotes, escaped as Python's json.dumps(ensure_ascii=False) does it
// (\b \f \n \r \t by name, other controls as \u00xx, UTF-8 kept), so our JSON can be
// compared with Python's byte for byte.
std::string json_escape(std::string_view s);

}  // namespace tlsock::x509
