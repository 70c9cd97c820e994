#include <doctest/doctest.h>

#include <string>

#include "common/base64.hpp"

using namespace tlsock;

namespace {
std::string decoded(std::string_view text, Base64Mode mode) {
  Result<Bytes> r = base64_decode(text, mode);
  return r ? std::string(as_chars(*r)) : "ERROR: " + r.error().detail;
}
}  // namespace

TEST_CASE("base64: RFC 4648 §10 test vectors, both directions") {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(base64_encode(as_bytes(plain[i])) == coded[i]);
    CHECK(decoded(coded[i], Base64Mode::lenient) == plain[i]);
    CHECK(decoded(coded[i], Base64Mode::strict) == plain[i]);
  }
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
  Result<Bytes> back = base64_decode(base64_encode(all), Base64Mode::strict);
  REQUIRE(back);
  CHECK(*back == all);
}

TEST_CASE("base64: lenient mode is Python's binascii.a2b_base64") {
  CHECK(decoded("Zm9v\nYmFy\n", Base64Mode::lenient) == "foobar");
  CHECK(decoded("Z*m9v!", Base64Mode::lenient) == "foo");        // junk skipped
  CHECK(decoded("Zg==trailing", Base64Mode::lenient) == "f");    // stops at padding
  CHECK(decoded("Zm9v=Zm9v", Base64Mode::lenient) == "foofoo");  // '=' inside a quantum is skipped
  CHECK(decoded("Zg", Base64Mode::lenient) == "ERROR: Incorrect padding");
  CHECK(decoded("Zg=", Base64Mode::lenient) == "ERROR: Incorrect padding");
  CHECK(decoded("Zm9vY", Base64Mode::lenient) ==
        "ERROR: Invalid base64-encoded string: number of data characters (5) cannot be 1 more "
        "than a multiple of 4");
}

TEST_CASE("base64: strict mode skips whitespace only") {
  CHECK(decoded(" Zm9v\r\nYmFy\n", Base64Mode::strict) == "foobar");
  CHECK(decoded("Zm9v!", Base64Mode::strict).starts_with("ERROR"));
  CHECK(decoded("Zg==Zg==", Base64Mode::strict).starts_with("ERROR"));
  CHECK(decoded("Zg== \n", Base64Mode::strict) == "f");
  CHECK(decoded("=Zg=", Base64Mode::strict).starts_with("ERROR"));
  CHECK(decoded("Zg", Base64Mode::strict) == "ERROR: Incorrect padding");
}
