#include <doctest/doctest.h>

#include "common/codec.hpp"

using namespace tlsock;

namespace {
Bytes hex(std::string_view h) {
  Bytes out;
  REQUIRE(from_hex(h, out));
  return out;
}
}  // namespace

TEST_CASE("Reader reads big-endian integers") {
  Bytes data = hex("01 0203 040506 0708090a 0b0c0d0e0f101112");
  Reader r(data);
  CHECK(*r.u8() == 0x01);
  CHECK(*r.u16() == 0x0203);
  CHECK(*r.u24() == 0x040506u);
  CHECK(*r.u32() == 0x0708090au);
  CHECK(*r.u64() == 0x0b0c0d0e0f101112ull);
  CHECK(r.empty());
  CHECK(r.expect_empty().ok());
}

TEST_CASE("Reader refuses truncated integers without moving") {
  Bytes data = hex("01");
  Reader r(data, "ServerHello");
  auto v = r.u16();
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().alert == AlertDescription::decode_error);
  CHECK(v.error().kind == ErrorKind::decode);
  CHECK(v.error().detail.find("ServerHello") != std::string::npos);
  CHECK(r.remaining() == 1);
  CHECK(*r.u8() == 1);
  CHECK_FALSE(r.u8().ok());
  CHECK_FALSE(r.u24().ok());
  CHECK_FALSE(r.u32().ok());
  CHECK_FALSE(r.u64().ok());
  CHECK_FALSE(r.bytes(1).ok());
  CHECK(r.bytes(0).ok());
}

TEST_CASE("vectors: exact, truncated, over-long, bounds") {
  SUBCASE("vec8 body") {
    Bytes data = hex("03 aabbcc");
    Reader r(data);
    auto v = r.vec8(1, 3);
    REQUIRE(v.ok());
    CHECK(to_hex(*v) == "aabbcc");
    CHECK(r.empty());
  }
  SUBCASE("vec16 length beyond the buffer") {
    Bytes data = hex("0004 aabbcc");
    Reader r(data);
    auto v = r.vec16();
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().alert == AlertDescription::decode_error);
    CHECK(r.position() == 0);
  }
  SUBCASE("vec24 length over max") {
    Bytes data = hex("000003 aabbcc");
    Reader r(data);
    CHECK_FALSE(r.vec24(0, 2).ok());
    CHECK(r.position() == 0);
    CHECK(r.vec24(0, 3).ok());
  }
  SUBCASE("length under min") {
    Bytes data = hex("00");
    Reader r(data);
    auto v = r.vec8(1, 255);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().detail.find("outside <1..255>") != std::string::npos);
  }
  SUBCASE("trailing bytes inside a sub-reader") {
    Bytes data = hex("0003 0001 ff");
    Reader r(data, "supported_groups");
    auto sub = r.sub16();
    REQUIRE(sub.ok());
    CHECK(*sub->u16() == 1);
    auto empty = sub->expect_empty();
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().alert == AlertDescription::decode_error);
    CHECK(empty.error().detail.find("1 trailing bytes") != std::string::npos);
    CHECK(r.expect_empty().ok());
  }
  SUBCASE("sub8 and sub24 consume the body") {
    Bytes data = hex("02 0102 000001 09");
    Reader r(data);
    auto a = r.sub8();
    REQUIRE(a.ok());
    CHECK(a->remaining() == 2);
    auto b = r.sub24(1, 1);
    REQUIRE(b.ok());
    CHECK(*b->u8() == 9);
    CHECK(r.empty());
  }
  SUBCASE("rest consumes everything") {
    Bytes data = hex("010203");
    Reader r(data);
    (void)r.u8();
    CHECK(to_hex(r.rest()) == "0203");
    CHECK(r.empty());
  }
}

TEST_CASE("Writer back-patches nested length prefixes") {
  Bytes out;
  Writer w(out);
  w.u8(0x16);
  {
    auto outer = w.prefix24();
    w.u16(0x0303);
    {
      auto inner = w.prefix16();
      w.bytes(hex("aabb"));
      w.vec8(hex("cc"));
    }
    w.u32(0xdeadbeef);
    w.u64(1);
  }
  CHECK(w.status().ok());
  CHECK(to_hex(out) == "16" "000014" "0303" "0004" "aabb" "01cc" "deadbeef" "0000000000000001");
}

TEST_CASE("Writer reports a body longer than its prefix") {
  Bytes out;
  Writer w(out);
  w.vec8(Bytes(256, 0));
  auto status = w.status();
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().kind == ErrorKind::internal);

  Bytes ok_out;
  Writer ok(ok_out);
  ok.vec8(Bytes(255, 0));
  CHECK(ok.status().ok());
  CHECK(ok_out.size() == 256);
  CHECK(ok_out[0] == 255);
}

TEST_CASE("Writer and Reader round trip") {
  Bytes out;
  Writer w(out);
  w.vec16(hex("0102"));
  w.vec24(hex(""));
  w.u24(0x123456);
  REQUIRE(w.status().ok());
  Reader r(out);
  CHECK(to_hex(*r.vec16()) == "0102");
  CHECK(r.vec24()->empty());
  CHECK(*r.u24() == 0x123456u);
  CHECK(r.expect_empty().ok());
}

TEST_CASE("Writer u24 refuses values over 2^24-1") {
  Bytes out;
  Writer w(out);
  w.u24(0x1000000);
  CHECK_FALSE(w.status().ok());
}
