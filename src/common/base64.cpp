#include "common/base64.hpp"

#include <array>

namespace tlsock {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t kNotBase64 = 0xff;

constexpr std::array<uint8_t, 256> make_decode_table() {
  std::array<uint8_t, 256> table{};
  for (auto& v : table) v = kNotBase64;
  for (uint8_t i = 0; i < 64; ++i) table[static_cast<uint8_t>(kAlphabet[i])] = i;
  return table;
}
constexpr std::array<uint8_t, 256> kDecode = make_decode_table();

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string base64_encode(ByteView data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t{data[i]} << 16;
    if (rest == 2) v |= uint32_t{data[i + 1]} << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// One loop for both modes, modelled on CPython's binascii_a2b_base64_impl: `quad_pos` is the
// position in the current 4-character quantum, `pads` the '=' seen since the last data
// character; padding ends the input once it completes a quantum.
Result<Bytes> base64_decode(std::string_view text, Base64Mode mode) {
  const bool strict = mode == Base64Mode::strict;
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  int quad_pos = 0;
  int pads = 0;
  uint32_t left = 0;
  size_t data_chars = 0;
  bool done = false;
  size_t i = 0;
  for (; i < text.size() && !done; ++i) {
    char c = text[i];
    if (c == '=') {
      if (strict && quad_pos < 2) return decode_error("base64: misplaced padding");
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) done = true;
      continue;
    }
    uint8_t v = kDecode[static_cast<uint8_t>(c)];
    if (v == kNotBase64) {
      if (strict && !is_space(c)) return decode_error("base64: invalid character");
      continue;
    }
    if (strict && pads > 0) return decode_error("base64: data after padding");
    pads = 0;
    ++data_chars;
    switch (quad_pos) {
      case 0:
        left = v;
        quad_pos = 1;
        break;
      case 1:
        out.push_back(static_cast<uint8_t>((left << 2) | (v >> 4)));
        left = v & 0x0f;
        quad_pos = 2;
        break;
      case 2:
        out.push_back(static_cast<uint8_t>((left << 4) | (v >> 2)));
        left = v & 0x03;
        quad_pos = 3;
        break;
      default:
        out.push_back(static_cast<uint8_t>((left << 6) | v));
        left = 0;
        quad_pos = 0;
        break;
    }
  }
  if (strict) {
    for (; i < text.size(); ++i) {
      if (!is_space(text[i])) return decode_error("base64: data after padding");
    }
  }
  if (done) return out;
  if (quad_pos == 1) {
    return decode_error("Invalid base64-encoded string: number of data characters (" +
                        std::to_string(data_chars) +
                        ") cannot be 1 more than a multiple of 4");
  }
  if (quad_pos != 0) return decode_error("Incorrect padding");
  return out;
}

}  // namespace tlsock
