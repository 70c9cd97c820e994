// Address <-> sockaddr conversions, without the network: numeric hosts only.
#include <doctest/doctest.h>
#include <arpa/inet.h>

#include <stdexcept>

#include "socket/sockaddr.hpp"

using namespace tlsock;

TEST_CASE("sockaddr: numeric IPv4 and IPv6 round trip through sockaddr") {
  detail::SockAddr v4 = detail::resolve({"192.0.2.7", 443}, AF_INET, SOCK_STREAM, false);
  CHECK(v4.family() == AF_INET);
  CHECK(detail::to_address(v4) == Address{"192.0.2.7", 443});

  detail::SockAddr v6 = detail::resolve({"2001:db8::1", 8443, 5, 0}, AF_INET6, SOCK_STREAM, false);
  CHECK(v6.family() == AF_INET6);
  Address back = detail::to_address(v6);
  CHECK(back.host == "2001:db8::1");
  CHECK(back.port == 8443);
  CHECK(back.flowinfo == 5);
  CHECK(to_string(back) == "[2001:db8::1]:8443");
}

TEST_CASE("sockaddr: empty host with passive is the wildcard") {
  CHECK(detail::to_address(detail::resolve({"", 80}, AF_INET, SOCK_STREAM, true)).host ==
        "0.0.0.0");
  CHECK(detail::to_address(detail::resolve({"", 80}, AF_INET6, SOCK_STREAM, true)).host == "::");
}

TEST_CASE("sockaddr: bad ports and wrong families are errors") {
  CHECK_THROWS_AS(detail::resolve({"127.0.0.1", -1}, AF_INET, SOCK_STREAM, false),
                  std::out_of_range);
  CHECK_THROWS_AS(detail::resolve({"127.0.0.1", 65536}, AF_INET, SOCK_STREAM, false),
                  std::out_of_range);
  try {
    detail::resolve({"::1", 1}, AF_INET, SOCK_STREAM, false);
    FAIL("an IPv6 literal resolved for AF_INET");
  } catch (const std::system_error& e) {
    CHECK(e.code().category() == gai_category());
  }
  detail::SockAddr unix_addr;
  unix_addr.storage.ss_family = AF_UNIX;
  CHECK_THROWS_AS(detail::to_address(unix_addr), std::system_error);
}
