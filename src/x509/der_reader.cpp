#include "x509/der_reader.hpp"

#include <cstdio>

namespace tlsock::x509 {

namespace {

// Universal types that DER encodes as primitive (X.690 §10.2: strings are never constructed).
bool must_be_primitive(uint8_t t) {
  if ((t & 0xc0) != 0) return false;  // only universal class is checked here
  uint8_t number = t & 0x1f;
  switch (number) {
    case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x0a:
    case 0x0c: case 0x12: case 0x13: case 0x14: case 0x15: case 0x16: case 0x17:
    case 0x18: case 0x19: case 0x1a: case 0x1b: case 0x1c: case 0x1e:
      return true;
    default:
      return false;
  }
}

}  // namespace

Error DerReader::error(const std::string& what) const {
  return {ErrorKind::decode, AlertDescription::bad_certificate,
          std::string(context_) + ": " + what};
}

std::optional<uint8_t> DerReader::peek_tag() const {
  if (empty()) return std::nullopt;
  return data_[pos_];
}

Result<DerElement> DerReader::read_any() {
  size_t p = pos_;
  const size_t n = data_.size();
  if (p >= n) return error("unexpected end of data (missing element)");
  uint8_t t = data_[p++];
  if ((t & 0x1f) == 0x1f) return error("high-tag-number form is not used in X.509");
  if (t == 0x00) return error("tag 0 (end-of-contents) is a BER construct");
  if (must_be_primitive(t & 0xdf) && (t & tag::constructed))
    return error("constructed encoding of a primitive type (BER, not DER)");
  if ((t & 0xc0) == 0 && ((t & 0x1f) == 0x10 || (t & 0x1f) == 0x11) && !(t & tag::constructed))
    return error("SEQUENCE/SET must be constructed");
  if (p >= n) return error("truncated length");
  uint8_t first = data_[p++];
  size_t len = 0;
  if (first < 0x80) {
    len = first;
  } else if (first == 0x80) {
    return error("indefinite length (BER, not DER)");
  } else {
    size_t count = first & 0x7f;
    if (count > 3) return error("length too large");  // kMaxDerSize fits in 3 octets
    if (n - p < count) return error("truncated length");
    if (data_[p] == 0) return error("non-minimal length (leading zero octet)");
    for (size_t i = 0; i < count; ++i) len = (len << 8) | data_[p + i];
    p += count;
    if (len < 0x80) return error("non-minimal length (long form for a short length)");
  }
  if (len > kMaxDerSize) return error("element larger than kMaxDerSize");
  if (n - p < len) return error("truncated content (length exceeds data)");
  DerElement e;
  e.tag = t;
  e.tlv = data_.subspan(pos_, p + len - pos_);
  e.content = data_.subspan(p, len);
  pos_ = p + len;
  return e;
}

Result<DerElement> DerReader::read(uint8_t expected_tag) {
  if (empty()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "missing element with tag 0x%02x", expected_tag);
    return error(buf);
  }
  if (data_[pos_] != expected_tag) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "expected tag 0x%02x, found 0x%02x", expected_tag, data_[pos_]);
    return error(buf);
  }
  return read_any();
}

Result<std::optional<DerElement>> DerReader::read_optional(uint8_t expected_tag) {
  if (!next_is(expected_tag)) return std::optional<DerElement>{};
  TLSOCK_TRY_ASSIGN(DerElement e, read_any());
  return std::optional<DerElement>{e};
}

Result<DerReader> DerReader::enter(const DerElement& e) const {
  if (!e.constructed()) return error("expected a constructed element");
  if (depth_ + 1 > kMaxDerDepth) return error("nesting deeper than kMaxDerDepth");
  return DerReader(e.content, depth_ + 1, context_);
}

Result<DerReader> DerReader::read_constructed(uint8_t expected_tag) {
  TLSOCK_TRY_ASSIGN(DerElement e, read(expected_tag));
  return enter(e);
}

Result<bool> parse_boolean(ByteView c) {
  if (c.size() != 1) return decode_error("BOOLEAN must have one content octet");
  if (c[0] == 0x00) return false;
  if (c[0] == 0xff) return true;
  return decode_error("BOOLEAN TRUE must be 0xFF in DER");
}

Result<bool> DerReader::read_boolean() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::boolean));
  auto r = parse_boolean(e.content);
  if (!r) return error(r.error().detail);
  return r;
}

Status check_integer(ByteView c) {
  if (c.empty()) return decode_error("INTEGER with no content octets");
  if (c.size() > 1 && ((c[0] == 0x00 && !(c[1] & 0x80)) || (c[0] == 0xff && (c[1] & 0x80))))
    return decode_error("non-minimal INTEGER encoding");
  return {};
}

Result<ByteView> DerReader::read_integer() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::integer));
  if (auto s = check_integer(e.content); !s) return error(s.error().detail);
  return e.content;
}

Result<int64_t> DerReader::read_small_unsigned() {
  TLSOCK_TRY_ASSIGN(ByteView c, read_integer());
  if (c[0] & 0x80) return error("negative INTEGER where a count is expected");
  if (c.size() > 8 || (c.size() == 8 && c[0] != 0)) return error("INTEGER too large");
  int64_t v = 0;
  for (uint8_t b : c) v = (v << 8) | b;
  return v;
}

Status check_oid(ByteView c) {
  if (c.empty()) return decode_error("OBJECT IDENTIFIER with no content octets");
  if (c.back() & 0x80) return decode_error("OBJECT IDENTIFIER ends inside a sub-identifier");
  bool start = true;
  for (uint8_t b : c) {
    if (start && b == 0x80) return decode_error("non-minimal OBJECT IDENTIFIER sub-identifier");
    start = (b & 0x80) == 0;
  }
  return {};
}

Result<ByteView> DerReader::read_oid() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::oid));
  if (auto s = check_oid(e.content); !s) return error(s.error().detail);
  return e.content;
}

Result<BitString> parse_bit_string(ByteView c) {
  if (c.empty()) return decode_error("BIT STRING with no content octets");
  uint8_t unused = c[0];
  if (unused > 7) return decode_error("BIT STRING unused-bit count above 7");
  if (c.size() == 1 && unused != 0) return decode_error("empty BIT STRING with unused bits");
  if (unused != 0 && (c.back() & ((1u << unused) - 1)) != 0)
    return decode_error("BIT STRING unused bits must be zero in DER");
  return BitString{c.subspan(1), unused};
}

Result<BitString> parse_named_bit_list(ByteView c) {
  TLSOCK_TRY_ASSIGN(BitString bits, parse_bit_string(c));
  // Unused bits are zero (checked above), so the last used bit sits just above them.
  if (!bits.bytes.empty() && !(bits.bytes.back() & (1u << bits.unused_bits)))
    return decode_error("named bit list with trailing zero bits (X.690 §11.2.2)");
  return bits;
}

Result<BitString> DerReader::read_bit_string() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::bit_string));
  auto r = parse_bit_string(e.content);
  if (!r) return error(r.error().detail);
  return r;
}

Result<BitString> DerReader::read_named_bit_list() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::bit_string));
  auto r = parse_named_bit_list(e.content);
  if (!r) return error(r.error().detail);
  return r;
}

Result<ByteView> DerReader::read_octet_string() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::octet_string));
  return e.content;
}

Status DerReader::read_null() {
  TLSOCK_TRY_ASSIGN(DerElement e, read(tag::null));
  if (!e.content.empty()) return error("NULL with content octets");
  return {};
}

Status DerReader::expect_end() const {
  if (!empty()) return error("trailing data after the last element");
  return {};
}

std::string oid_to_string(ByteView c) {
  std::string out;
  uint64_t value = 0;
  bool first = true;
  for (size_t i = 0; i < c.size(); ++i) {
    if (value > (UINT64_MAX >> 7)) return "<invalid>";
    value = (value << 7) | (c[i] & 0x7f);
    if (c[i] & 0x80) continue;
    if (first) {
      uint64_t arc0 = value < 40 ? 0 : value < 80 ? 1 : 2;
      out += std::to_string(arc0) + "." + std::to_string(value - arc0 * 40);
      first = false;
    } else {
      out += "." + std::to_string(value);
    }
    value = 0;
  }
  return out;
}

Bytes oid_from_string(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  uint64_t v = 0;
  bool digit = false;
  for (char ch : dotted) {
    if (ch == '.') {
      if (!digit) return {};
      arcs.push_back(v);
      v = 0;
      digit = false;
    } else if (ch >= '0' && ch <= '9') {
      v = v * 10 + static_cast<uint64_t>(ch - '0');
      digit = true;
    } else {
      return {};
    }
  }
  if (!digit) return {};
  arcs.push_back(v);
  if (arcs.size() < 2 || arcs[0] > 2) return {};
  Bytes out;
  auto put = [&](uint64_t x) {
    uint8_t tmp[10];
    int k = 0;
    do {
      tmp[k++] = static_cast<uint8_t>(x & 0x7f);
      x >>= 7;
    } while (x);
    while (k--) out.push_back(static_cast<uint8_t>(tmp[k] | (k ? 0x80 : 0)));
  };
  put(arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

}  // namespace tlsock::x509
