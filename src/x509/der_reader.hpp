// Strict DER reader (X.690 §10 on top of the BER rules of §8).
//
// DerReader walks a borrowed buffer and hands out elements as views: tag, the whole TLV and the
// content. It accepts only what DER allows and rejects everything else with a decode_error:
//   - single-byte tags (tag numbers 0..30); the high-tag-number form never occurs in X.509;
//   - definite lengths in the minimal form (short form below 128, long form without leading
//     zero octets and only for lengths >= 128), never the indefinite form (a BER construct);
//   - primitive/constructed bit matching the universal type (no constructed strings: BER);
//   - BOOLEAN as 0x00/0xFF, minimal INTEGERs, OIDs with minimal sub-identifiers, BIT STRINGs
//     whose unused bits are zero, NULL empty;
//   - full consumption: a reader over a SEQUENCE body must end exactly at its end.
// Nested readers carry a depth; kMaxDerDepth bounds recursion on hostile input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock::x509 {

// Deepest nesting of constructed elements we descend into. A certificate needs about 8
// (Certificate > TBS > extensions > extension > SAN > GeneralName > DirName > RDN > attribute);
// our choice of 32 leaves room (name constraints nest directoryNames inside subtrees) and
// bounds recursion on hostile input.
inline constexpr int kMaxDerDepth = 32;
// Largest DER object we accept: a TLS certificate_list entry is opaque cert_data<1..2^24-1>
// (RFC 8446 §4.4.2, RFC 5246 §7.4.2), so no certificate can be larger on the wire.
inline constexpr size_t kMaxDerSize = (size_t{1} << 24) - 1;

namespace tag {
inline constexpr uint8_t boolean = 0x01;
inline constexpr uint8_t integer = 0x02;
inline constexpr uint8_t bit_string = 0x03;
inline constexpr uint8_t octet_string = 0x04;
inline constexpr uint8_t null = 0x05;
inline constexpr uint8_t oid = 0x06;
inline constexpr uint8_t enumerated = 0x0a;
inline constexpr uint8_t utf8_string = 0x0c;
inline constexpr uint8_t numeric_string = 0x12;
inline constexpr uint8_t printable_string = 0x13;
inline constexpr uint8_t t61_string = 0x14;
inline constexpr uint8_t videotex_string = 0x15;
inline constexpr uint8_t ia5_string = 0x16;
inline constexpr uint8_t utc_time = 0x17;
inline constexpr uint8_t generalized_time = 0x18;
inline constexpr uint8_t graphic_string = 0x19;
inline constexpr uint8_t visible_string = 0x1a;
inline constexpr uint8_t general_string = 0x1b;
inline constexpr uint8_t universal_string = 0x1c;
inline constexpr uint8_t bmp_string = 0x1e;
inline constexpr uint8_t sequence = 0x30;
inline constexpr uint8_t set = 0x31;
inline constexpr uint8_t constructed = 0x20;
inline constexpr uint8_t context_specific = 0x80;
// [n] IMPLICIT primitive / [n] constructed (EXPLICIT or IMPLICIT over a SEQUENCE).
constexpr uint8_t context(uint8_t n) { return static_cast<uint8_t>(context_specific | n); }
constexpr uint8_t context_constructed(uint8_t n) {
  return static_cast<uint8_t>(context_specific | constructed | n);
}
}  // namespace tag

struct DerElement {
  uint8_t tag = 0;
  ByteView tlv;      // the whole element: tag, length and content
  ByteView content;  // the content octets only
  bool constructed() const { return (tag & tag::constructed) != 0; }
};

struct BitString {
  ByteView bytes;         // the octets after the unused-bits count
  uint8_t unused_bits = 0;
  size_t bit_length() const { return bytes.size() * 8 - unused_bits; }
  bool bit(size_t i) const {
    return i < bit_length() && (bytes[i / 8] & (0x80 >> (i % 8))) != 0;
  }
};

class DerReader {
 public:
  explicit DerReader(ByteView data, int depth = 0, const char* context = "DER")
      : data_(data), depth_(depth), context_(context) {}

  bool empty() const { return pos_ == data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }
  int depth() const { return depth_; }
  // Tag of the next element, if any (does not validate it).
  std::optional<uint8_t> peek_tag() const;
  bool next_is(uint8_t t) const { return peek_tag() == t; }

  // The next element, whatever its tag (header rules checked, content not interpreted).
  Result<DerElement> read_any();
  // The next element, which must carry this tag.
  Result<DerElement> read(uint8_t expected_tag);
  // If the next element carries this tag, read it; otherwise nothing.
  Result<std::optional<DerElement>> read_optional(uint8_t expected_tag);
  // A constructed element's body as a nested reader (one level deeper).
  Result<DerReader> read_constructed(uint8_t expected_tag);
  Result<DerReader> read_sequence() { return read_constructed(tag::sequence); }
  // A reader over an element already read (must be constructed).
  Result<DerReader> enter(const DerElement& e) const;

  Result<bool> read_boolean();
  // INTEGER content octets (two's complement, minimal, non-empty).
  Result<ByteView> read_integer();
  // A non-negative INTEGER that fits in 63 bits.
  Result<int64_t> read_small_unsigned();
  Result<ByteView> read_oid();  // OID content octets, validated
  Result<BitString> read_bit_string();
  // A BIT STRING of a type with named bits (KeyUsage, ReasonFlags): see parse_named_bit_list.
  Result<BitString> read_named_bit_list();
  Result<ByteView> read_octet_string();
  Status read_null();

  // decode_error unless every byte has been consumed.
  Status expect_end() const;

  Error error(const std::string& what) const;

 private:
  ByteView data_;
  size_t pos_ = 0;
  int depth_ = 0;
  const char* context_;
};

// Content checks, usable on elements read with read_any().
Status check_integer(ByteView content);
Status check_oid(ByteView content);
Result<BitString> parse_bit_string(ByteView content);
// X.690 §11.2.2: for a BIT STRING with named bits, DER removes all trailing 0 bits, so a
// non-empty value must end in a 1 bit ("03 02 07 80" for bit 0 alone, never "03 02 00 80").
Result<BitString> parse_named_bit_list(ByteView content);
Result<bool> parse_boolean(ByteView content);

// "1.2.840.113549" from OID content octets ("<invalid>" never happens after check_oid).
std::string oid_to_string(ByteView oid_content);
// Content octets of a dotted OID string, for building constants and tests; empty on error.
Bytes oid_from_string(std::string_view dotted);

}  // namespace tlsock::x509
