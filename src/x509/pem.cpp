#include "x509/pem.hpp"

#include "common/base64.hpp"

namespace tlsock::x509 {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

}  // namespace

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
    auto der = base64_decode(body, Base64Mode::strict);
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
