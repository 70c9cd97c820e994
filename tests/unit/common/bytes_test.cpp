#include <doctest/doctest.h>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"

using namespace tlsock;

TEST_CASE("hex round trip and rejects bad input") {
  Bytes b;
  REQUIRE(from_hex("00 ff:A0\n1b", b));
  CHECK(to_hex(b) == "00ffa01b");
  CHECK_FALSE(from_hex("abc", b));
  CHECK_FALSE(from_hex("zz", b));
}

TEST_CASE("constant_time_equal") {
  Bytes a{1, 2, 3}, b{1, 2, 3}, c{1, 2, 4}, d{1, 2};
  CHECK(constant_time_equal(a, b));
  CHECK_FALSE(constant_time_equal(a, c));
  CHECK_FALSE(constant_time_equal(a, d));
  CHECK(constant_time_equal(ByteView{}, ByteView{}));
}

TEST_CASE("Secret copies, moves and compares") {
  Secret s(Bytes{9, 8, 7});
  Secret copy = s;
  CHECK(copy == s);
  Secret moved = std::move(copy);
  CHECK(moved.size() == 3);
  CHECK(copy.empty());  // NOLINT: moved-from state is defined as empty
  moved = Secret(Bytes{1});
  CHECK(moved.size() == 1);
  CHECK_FALSE(moved == s);
}

TEST_CASE("wire enums keep unknown values and name them") {
  auto grease = static_cast<ExtensionType>(0x0a0a);
  CHECK(static_cast<uint16_t>(grease) == 0x0a0a);
  CHECK(name(grease) == "unknown(0x0a0a)");
  CHECK(name(ExtensionType::key_share) == "key_share");
  CHECK(name(CipherSuite::TLS_AES_128_GCM_SHA256) == "TLS_AES_128_GCM_SHA256");
  CHECK(name(static_cast<AlertDescription>(200)) == "unknown(0xc8)");
  CHECK(name(SignatureScheme::rsa_pss_rsae_sha256) == "rsa_pss_rsae_sha256");
  CHECK(is_grease(0x0a0a));
  CHECK(is_grease(0xfafa));
  CHECK_FALSE(is_grease(0x0a1a));
  CHECK_FALSE(is_grease(0x1301));
}

namespace {
Result<int> parse_positive(int v) {
  if (v <= 0) return decode_error("not positive");
  return v;
}
Result<int> doubled(int v) {
  TLSOCK_TRY_ASSIGN(int x, parse_positive(v));
  return 2 * x;
}
Status check(int v) {
  TLSOCK_TRY(parse_positive(v));
  return {};
}
}  // namespace

TEST_CASE("Result propagates errors through TRY macros") {
  CHECK(*doubled(4) == 8);
  auto bad = doubled(-1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "decode_error: not positive");
  CHECK(check(1).ok());
  CHECK_FALSE(check(0).ok());
}
