#include "cli/json.hpp"

#include <cstdlib>
#include <stdexcept>

namespace tlsock::cli {

namespace {

// The UTF-8 of one code point (RFC 3629 §3): a lead byte, then 6 bits per continuation byte.
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  static constexpr uint8_t kLead[] = {0, 0xc0, 0xe0, 0xf0};
  const int tail = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  out.push_back(static_cast<char>(kLead[tail] | (cp >> (6 * tail))));
  for (int i = tail - 1; i >= 0; --i) out.push_back(static_cast<char>(0x80 | ((cp >> (6 * i)) & 0x3f)));
}

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  JsonValue document() {
    JsonValue v = value(0);
    skip();
    if (p_ != t_.size()) fail("trailing data");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("JSON: " + what + " at offset " + std::to_string(p_));
  }
  void skip() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  bool literal(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  JsonValue value(int depth) {
    if (depth > kMaxJsonDepth) fail("nesting deeper than kMaxJsonDepth");
    skip();
    if (p_ >= t_.size()) fail("unexpected end");
    JsonValue v;
    char c = t_[p_];
    if (c == '{') {
      v.type = JsonValue::Type::object;
      ++p_;
      skip();
      if (p_ < t_.size() && t_[p_] == '}') { ++p_; return v; }
      while (true) {
        skip();
        if (p_ >= t_.size() || t_[p_] != '"') fail("expected a member name");
        std::string key = string();
        skip();
        if (p_ >= t_.size() || t_[p_] != ':') fail("expected ':'");
        ++p_;
        JsonValue member = value(depth + 1);
        v.keys.push_back(std::move(key));
        v.values.push_back(std::move(member));
        skip();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == '}') { ++p_; return v; }
        fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      v.type = JsonValue::Type::array;
      ++p_;
      skip();
      if (p_ < t_.size() && t_[p_] == ']') { ++p_; return v; }
      while (true) {
        JsonValue item = value(depth + 1);
        v.array.push_back(std::move(item));
        skip();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == ']') { ++p_; return v; }
        fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      v.type = JsonValue::Type::string;
      v.string = string();
      return v;
    }
    if (literal("true")) { v.type = JsonValue::Type::boolean; v.boolean = true; return v; }
    if (literal("false")) { v.type = JsonValue::Type::boolean; return v; }
    if (literal("null")) return v;
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = p_;
      if (t_[p_] == '-') ++p_;
      while (p_ < t_.size() && ((t_[p_] >= '0' && t_[p_] <= '9') || t_[p_] == '.' || t_[p_] == 'e' ||
                                t_[p_] == 'E' || t_[p_] == '+' || t_[p_] == '-'))
        ++p_;
      std::string num(t_.substr(start, p_ - start));
      char* end = nullptr;
      v.type = JsonValue::Type::number;
      v.number = std::strtod(num.c_str(), &end);
      if (end != num.c_str() + num.size()) fail("bad number");
      return v;
    }
    fail("unexpected character");
  }

  uint32_t hex4() {
    if (t_.size() - p_ < 4) fail("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = t_[p_++];
      int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
      if (d < 0) fail("bad \\u escape");
      v = v * 16 + static_cast<uint32_t>(d);
    }
    return v;
  }

  std::string string() {
    ++p_;  // opening quote
    std::string out;
    while (true) {
      if (p_ >= t_.size()) fail("unterminated string");
      char c = t_[p_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') { out.push_back(c); continue; }
      if (p_ >= t_.size()) fail("unterminated escape");
      char e = t_[p_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xd800 && cp <= 0xdbff && t_.substr(p_, 2) == "\\u") {
            p_ += 2;
            uint32_t lo = hex4();
            if (lo >= 0xdc00 && lo <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            else fail("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }

  std::string_view t_;
  size_t p_ = 0;
};

}  // namespace

const JsonValue& JsonValue::operator[](std::string_view key) const {
  static const JsonValue kNull;
  if (type != Type::object) return kNull;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return values[i];
  return kNull;
}

JsonValue parse_json(std::string_view text) { return Parser(text).document(); }

}  // namespace tlsock::cli
