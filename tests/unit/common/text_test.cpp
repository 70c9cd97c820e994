#include <doctest/doctest.h>

#include "common/text.hpp"

using namespace tlsock;

// RFC 3986 §3.2.2 (IPv4address, IPv6address) and RFC 4291 §2.2: what is an address literal,
// and so never a server_name (RFC 6066 §3).
TEST_CASE("is_ip_literal: IPv4 dotted decimal, four octets 0-255 without leading zeros") {
  for (const char* yes : {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.20.199"}) {
    CAPTURE(yes);
    CHECK(is_ip_literal(yes));
  }
  for (const char* no : {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4.", ".1.2.3.4",
                         "1..2.3", "1.2.3.4a", "1234.1.1.1", "1.2.3.-4", ""}) {
    CAPTURE(no);
    CHECK_FALSE(is_ip_literal(no));
  }
}

TEST_CASE("is_ip_literal: IPv6 text, at most one ::, an optional IPv4 tail") {
  for (const char* yes : {"::1", "::", "fe80::1", "FE80::A:b", "1:2:3:4:5:6:7:8", "1::", "1:2:3:4:5:6:7::",
                          "::ffff:192.0.2.1", "2001:db8::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4"}) {
    CAPTURE(yes);
    CHECK(is_ip_literal(yes));
  }
  for (const char* no : {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::1", ":1::",
                         "1:2:", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4",
                         "fe80::1%eth0", "[::1]", "host:443"}) {
    CAPTURE(no);
    CHECK_FALSE(is_ip_literal(no));
  }
}

TEST_CASE("is_ip_literal: host names are not literals") {
  for (const char* name : {"example.com", "localhost", "1.2.3.example", "a1.b2", "xn--bcher-kva.example"}) {
    CAPTURE(name);
    CHECK_FALSE(is_ip_literal(name));
  }
}
