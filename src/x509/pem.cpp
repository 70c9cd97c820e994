#include "x509/pem.hpp"

namespace tlsock::x509 {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

}  // namespace

Result<Bytes> base64_decode(std::string_view text) {
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  size_t chars = 0;
  size_t pad = 0;
  for (char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++pad;
      ++chars;
      continue;
    }
    if (pad) return decode_error("base64: data after padding");
    int v = b64_value(c);
    if (v < 0) return decode_error("base64: invalid character");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    ++chars;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  if (chars % 4 != 0 || pad > 2) return decode_error("base64: length not a multiple of 4");
  if (acc != 0) return decode_error("base64: non-zero trailing bits");
  return out;
}

std::string base64_encode(ByteView data) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
    for (int k = 3; k >= 0; --k) out.push_back(kAlphabet[(v >> (6 * k)) & 63]);
  }
  size_t rest = data.size() - i;
  if (rest) {
    uint32_t v = uint32_t{data[i]} << 16;
    if (rest == 2) v |= uint32_t{data[i + 1]} << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::vector<PemBlock>> pem_decode_all(std::string_view text) {
  std::vector<PemBlock> blocks;
  size_t pos = 0;
  while (true) {
    size_t begin = text.find(kBegin, pos);
    if (begin == std::string_view::npos) break;
    size_t label_start = begin + kBegin.size();
    size_t label_end = text.find(kDashes, label_start);
    size_t eol = text.find('\n', label_start);
    if (label_end == std::string_view::npos || (eol != std::string_view::npos && eol < label_end)) {
      pos = label_start;  // not an encapsulation boundary: explanatory text
      continue;
    }
    std::string_view label = text.substr(label_start, label_end - label_start);
    size_t body_start = label_end + kDashes.size();
    std::string end_marker = std::string(kEnd) + std::string(label) + std::string(kDashes);
    size_t end = text.find(end_marker, body_start);
    if (end == std::string_view::npos)
      return decode_error("PEM: no \"-----END " + std::string(label) + "-----\" line");
    std::string_view body = text.substr(body_start, end - body_start);
    if (body.find(':') != std::string_view::npos)
      return decode_error("PEM: header lines are not supported in " + std::string(label));
    auto der = base64_decode(body);
    if (!der) return decode_error("PEM " + std::string(label) + ": " + der.error().detail);
    if (blocks.size() >= kMaxPemBlocks) return decode_error("PEM: more than kMaxPemBlocks blocks");
    blocks.push_back({std::string(label), std::move(*der)});
    pos = end + end_marker.size();
  }
  return blocks;
}

Result<std::vector<Bytes>> pem_decode_label(std::string_view text, std::string_view label) {
  TLSOCK_TRY_ASSIGN(auto blocks, pem_decode_all(text));
  std::vector<Bytes> out;
  for (auto& b : blocks)
    if (b.label == label) out.push_back(std::move(b.der));
  return out;
}

std::string pem_encode(std::string_view label, ByteView der) {
  std::string b64 = base64_encode(der);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64);
    out.push_back('\n');
  }
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

}  // namespace tlsock::x509
