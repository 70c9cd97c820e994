#include "x509/json.hpp"

#include <cstdio>
#include <cstdlib>

#include "common/text.hpp"

namespace tlsock::x509 {

namespace {

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  Result<JsonValue> document() {
    TLSOCK_TRY_ASSIGN(JsonValue v, value(0));
    skip();
    if (p_ != t_.size()) return err("trailing data");
    return v;
  }

 private:
  Error err(const std::string& what) const {
    return decode_error("JSON: " + what + " at offset " + std::to_string(p_));
  }
  void skip() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  bool literal(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  Result<JsonValue> value(int depth) {
    if (depth > kMaxJsonDepth) return err("nesting deeper than kMaxJsonDepth");
    skip();
    if (p_ >= t_.size()) return err("unexpected end");
    JsonValue v;
    char c = t_[p_];
    if (c == '{') {
      v.type = JsonValue::Type::object;
      ++p_;
      skip();
      if (p_ < t_.size() && t_[p_] == '}') { ++p_; return v; }
      while (true) {
        skip();
        if (p_ >= t_.size() || t_[p_] != '"') return err("expected a member name");
        TLSOCK_TRY_ASSIGN(std::string key, string());
        skip();
        if (p_ >= t_.size() || t_[p_] != ':') return err("expected ':'");
        ++p_;
        TLSOCK_TRY_ASSIGN(JsonValue member, value(depth + 1));
        v.keys.push_back(std::move(key));
        v.values.push_back(std::move(member));
        skip();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == '}') { ++p_; return v; }
        return err("expected ',' or '}'");
      }
    }
    if (c == '[') {
      v.type = JsonValue::Type::array;
      ++p_;
      skip();
      if (p_ < t_.size() && t_[p_] == ']') { ++p_; return v; }
      while (true) {
        TLSOCK_TRY_ASSIGN(JsonValue item, value(depth + 1));
        v.array.push_back(std::move(item));
        skip();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == ']') { ++p_; return v; }
        return err("expected ',' or ']'");
      }
    }
    if (c == '"') {
      v.type = JsonValue::Type::string;
      TLSOCK_TRY_ASSIGN(v.string, string());
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
      if (end != num.c_str() + num.size()) return err("bad number");
      return v;
    }
    return err("unexpected character");
  }

  Result<uint32_t> hex4() {
    if (t_.size() - p_ < 4) return err("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = t_[p_++];
      int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
      if (d < 0) return err("bad \\u escape");
      v = v * 16 + static_cast<uint32_t>(d);
    }
    return v;
  }

  Result<std::string> string() {
    ++p_;  // opening quote
    std::string out;
    while (true) {
      if (p_ >= t_.size()) return err("unterminated string");
      char c = t_[p_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return err("control character in string");
      if (c != '\\') { out.push_back(c); continue; }
      if (p_ >= t_.size()) return err("unterminated escape");
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
          TLSOCK_TRY_ASSIGN(uint32_t cp, hex4());
          if (cp >= 0xd800 && cp <= 0xdbff && t_.substr(p_, 2) == "\\u") {
            p_ += 2;
            TLSOCK_TRY_ASSIGN(uint32_t lo, hex4());
            if (lo >= 0xdc00 && lo <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            else return err("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: return err("bad escape");
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

Result<JsonValue> parse_json(std::string_view text) { return Parser(text).document(); }

std::string json_escape(std::string_view s) {
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

}  // namespace tlsock::x509
