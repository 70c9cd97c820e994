#include "socket/python_repr.hpp"

#include <cstdio>

#include "common/text.hpp"
#include "x509/utf8.hpp"

namespace tlsock::detail {

namespace {

// The escapes str and bytes reprs share: the quote and backslash, \t \n \r, and \xNN for the
// other C0 controls and DEL. False when `c` is none of those.
bool append_shared_escape(std::string& out, char32_t c, char quote) {
  if (c == static_cast<uint32_t>(quote) || c == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(c));
  } else if (c == '\t') {
    out += "\\t";
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c < 0x20 || c == 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
    out += buf;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string python_str_repr(std::string_view utf8) {
  // The caller validated the text (python_repr.hpp), so decoding cannot fail.
  const std::u32string cps = x509::decode_utf8(utf8).value_or(std::u32string{});
  bool has_single = false, has_double = false;
  for (char32_t c : cps) {
    has_single |= c == '\'';
    has_double |= c == '"';
  }
  // unicode_repr: use double quotes only when the string has ' and no ".
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  char buf[16];
  for (char32_t c : cps) {
    if (append_shared_escape(out, c, quote)) continue;
    if (c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else if (python_isprintable(c)) {
      append_utf8(out, c);
    } else if (c <= 0xff) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c <= 0xffff) {
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\U%08x", c);
      out += buf;
    }
  }
  out.push_back(quote);
  return out;
}

std::string python_bytes_repr(std::string_view bytes) {
  bool has_single = false, has_double = false;
  for (char c : bytes) {
    has_single |= c == '\'';
    has_double |= c == '"';
  }
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  char buf[8];
  for (char ch : bytes) {
    uint8_t c = static_cast<uint8_t>(ch);
    if (append_shared_escape(out, c, quote)) continue;
    if (c >= 0x80) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

}  // namespace tlsock::detail
