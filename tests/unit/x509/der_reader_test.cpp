// Strict DER: one negative test per rule, plus the positive forms.
#include <doctest/doctest.h>

#include "x509/der_reader.hpp"
#include "common/base64.hpp"
#include "x509/pem.hpp"

using namespace tlsock;
using namespace tlsock::x509;

namespace {
Bytes hex(std::string_view h) {
  Bytes out;
  REQUIRE(from_hex(h, out));
  return out;
}
bool any_ok(std::string_view h) {
  Bytes b = hex(h);
  DerReader r(b);
  auto e = r.read_any();
  return e.ok() && r.expect_end().ok();
}
}  // namespace

TEST_CASE("DER: well-formed elements are read as views") {
  Bytes b = hex("30 06 02 01 05 04 01 aa");
  DerReader r(b);
  auto seq = r.read_sequence();
  REQUIRE(seq.ok());
  CHECK(r.expect_end().ok());
  auto i = seq->read_small_unsigned();
  REQUIRE(i.ok());
  CHECK(*i == 5);
  auto o = seq->read_octet_string();
  REQUIRE(o.ok());
  CHECK(o->size() == 1);
  CHECK((*o)[0] == 0xaa);
  CHECK(seq->expect_end().ok());
}

TEST_CASE("DER: lengths must be definite and minimal") {
  CHECK_FALSE(any_ok("04 80 00 00"));           // indefinite length (BER)
  CHECK_FALSE(any_ok("04 81 01 aa"));           // long form for a short length
  CHECK_FALSE(any_ok("04 82 00 81" + std::string(0x81 * 2, 'a')));  // leading zero length octet
  CHECK_FALSE(any_ok("04 85 01 00 00 00 00"));  // absurd length-of-length
  CHECK_FALSE(any_ok("04 05 aa"));              // length beyond the data
  CHECK_FALSE(any_ok("04"));                    // missing length
  CHECK(any_ok("04 81 80" + std::string(0x80 * 2, 'b')));
}

TEST_CASE("DER: tags must be correct") {
  CHECK_FALSE(any_ok("1f 81 00 00"));   // high-tag-number form
  CHECK_FALSE(any_ok("00 00"));         // end-of-contents
  CHECK_FALSE(any_ok("24 03 04 01 aa"));  // constructed OCTET STRING (BER)
  CHECK_FALSE(any_ok("10 00"));         // primitive SEQUENCE
  Bytes b = hex("02 01 01");
  DerReader r(b);
  CHECK_FALSE(r.read(tag::octet_string).ok());  // wrong tag
}

TEST_CASE("DER: minimal INTEGERs, strict BOOLEAN, NULL, OID, BIT STRING") {
  CHECK_FALSE(check_integer(hex("")).ok());
  CHECK_FALSE(check_integer(hex("00 01")).ok());
  CHECK_FALSE(check_integer(hex("ff 80")).ok());
  CHECK(check_integer(hex("00 80")).ok());
  CHECK(check_integer(hex("ff 7f")).ok());
  CHECK_FALSE(parse_boolean(hex("01")).ok());
  CHECK_FALSE(parse_boolean(hex("ff ff")).ok());
  CHECK(*parse_boolean(hex("ff")));
  CHECK_FALSE(check_oid(hex("")).ok());
  CHECK_FALSE(check_oid(hex("2a 80 01")).ok());  // non-minimal sub-identifier
  CHECK_FALSE(check_oid(hex("2a 86")).ok());     // truncated sub-identifier
  CHECK(oid_to_string(hex("2a 86 48 86 f7 0d")) == "1.2.840.113549");
  CHECK(oid_from_string("1.2.840.113549") == hex("2a 86 48 86 f7 0d"));
  CHECK_FALSE(parse_bit_string(hex("")).ok());
  CHECK_FALSE(parse_bit_string(hex("08 00")).ok());  // more than 7 unused bits
  CHECK_FALSE(parse_bit_string(hex("01")).ok());     // unused bits in an empty string
  CHECK_FALSE(parse_bit_string(hex("01 81")).ok());  // unused bit set
  CHECK(parse_bit_string(hex("01 80")).ok());
  // Named bit lists (X.690 §11.2.2): no trailing zero bits.
  CHECK(parse_named_bit_list(hex("07 80")).ok());
  CHECK(parse_named_bit_list(hex("06 c0")).ok());
  CHECK(parse_named_bit_list(hex("00")).ok());          // no bit at all
  CHECK(parse_named_bit_list(hex("07 80 80")).ok());    // bit 8 (decipherOnly) last
  CHECK(parse_bit_string(hex("00 80")).ok());           // a plain BIT STRING may end in zeros
  CHECK_FALSE(parse_named_bit_list(hex("00 80")).ok());
  CHECK_FALSE(parse_named_bit_list(hex("05 c0")).ok());
  CHECK_FALSE(parse_named_bit_list(hex("07 80 00")).ok());
  CHECK_FALSE(parse_named_bit_list(hex("01 80")).ok());
  Bytes n = hex("05 01 00");
  DerReader r(n);
  CHECK_FALSE(r.read_null().ok());
}

TEST_CASE("DER: full consumption and depth limit") {
  Bytes b = hex("30 03 02 01 01 00");
  DerReader r(b);
  REQUIRE(r.read_sequence().ok());
  CHECK_FALSE(r.expect_end().ok());
  // kMaxDerDepth + 1 nested SEQUENCEs.
  Bytes nested;
  for (int i = 0; i <= kMaxDerDepth + 1; ++i) nested.insert(nested.begin(), {0x30, static_cast<uint8_t>(nested.size())});
  DerReader outer(nested);
  Result<DerReader> cur = outer.read_sequence();
  int depth = 1;
  while (cur.ok() && !cur->empty()) {
    cur = cur->read_sequence();
    ++depth;
  }
  CHECK_FALSE(cur.ok());
  CHECK(depth <= kMaxDerDepth + 1);
}

TEST_CASE("PEM: several blocks, junk ignored, strict base64") {
  std::string der_b64 = tlsock::base64_encode(hex("30 03 02 01 01"));
  std::string text = "junk\n-----BEGIN CERTIFICATE-----\n" + der_b64 +
                     "\n-----END CERTIFICATE-----\nmore junk\n-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n";
  auto blocks = pem_decode_all(text);
  REQUIRE(blocks.ok());
  CHECK(blocks->size() == 2);
  CHECK((*blocks)[0].label == "CERTIFICATE");
  CHECK((*blocks)[1].der == hex("30 00"));
  CHECK_FALSE(pem_decode_all("-----BEGIN CERTIFICATE-----\nMAA=\n").ok());  // no END
  CHECK_FALSE(pem_decode_all("-----BEGIN CERTIFICATE-----\nM!A=\n-----END CERTIFICATE-----\n").ok());
  CHECK_FALSE(tlsock::base64_decode("MAA", Base64Mode::strict).ok());
  CHECK(pem_encode("CERTIFICATE", hex("30 00")) == "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n");
}
