#include <doctest/doctest.h>

#include "vector_file.hpp"

using namespace tlsock;
using namespace tlsock::test;

TEST_CASE("vector file format") {
  VectorFile f = parse_vector_text(
      "# Source: somewhere\n# second header line\n\n# first case\na = 0102\nb =\nc = 03 04:05\n"
      "  0607\n\n\n# second\na = ff\n",
      "mem");
  REQUIRE_MESSAGE(f.ok(), f.error);
  REQUIRE(f.header.size() == 2);
  CHECK(f.header[0] == "Source: somewhere");
  REQUIRE(f.cases.size() == 2);
  const VectorCase& c = f.cases[0];
  CHECK(c.description == "first case");
  CHECK(c.line == 5);
  CHECK(to_hex(c["a"]) == "0102");
  CHECK(c["b"].empty());
  CHECK(c.unused() == std::vector<std::string>{"c"});
  CHECK(to_hex(c["c"]) == "030405" "0607");
  CHECK(c.unused().empty());
  CHECK(c["zz"].empty());
  CHECK(c.missing() == std::vector<std::string>{"zz"});
  CHECK(f.cases[1].text("a") == "\xff");
}

TEST_CASE("vector file errors name the line") {
  CHECK(parse_vector_text("a = 0g\n", "m").error == "m:1: value of a is not hex");
  CHECK(parse_vector_text("a = 012\n", "m").error == "m:1: value of a is not hex");
  CHECK(parse_vector_text("a = 01\na = 02\n", "m").error == "m:2: duplicate key a");
  CHECK(parse_vector_text("  01\n", "m").error == "m:1: continuation line without a field above it");
  CHECK(parse_vector_text("just text\n", "m").error == "m:1: expected \"key = hex\"");
  CHECK(parse_vector_text("# only a header\n", "m").error == "m: no cases");
  CHECK_FALSE(load_vector_file("no/such/file.txt").ok());
}
