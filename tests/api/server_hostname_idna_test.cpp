// server_hostname as Python encodes it (CPython's test_check_hostname_idn):
// str.encode('idna'), so a U-label becomes its A-label, the server's SNI callback sees the
// A-label, and ASCII names are kept as given.
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

std::optional<std::string> encoded(const std::string& hostname) {
  SSLContext ctx = client_context();
  MemoryBIO in, out;
  return ctx.wrap_bio(in, out, {.server_hostname = hostname}).server_hostname();
}

}  // namespace

TEST_CASE("server_hostname: U-labels become A-labels, as CPython's test_check_hostname_idn") {
  CHECK(encoded("könig.idn.pythontest.net") == "xn--knig-5qa.idn.pythontest.net");
  CHECK(encoded("xn--knig-5qa.idn.pythontest.net") == "xn--knig-5qa.idn.pythontest.net");
  CHECK(encoded("königsgäßchen.idna2003.pythontest.net") ==
        "xn--knigsgsschen-lcb0w.idna2003.pythontest.net");
  CHECK(encoded("Localhost") == "Localhost");
  CHECK_THROWS_WITH_AS(encoded(std::string(64, 'a') + ".example"),
                       doctest::Contains("encoding with 'idna' codec failed (UnicodeError: "),
                       std::invalid_argument);
}

TEST_CASE("server_hostname: the server's sni_callback receives the A-label") {
  SSLContext cctx = client_context();
  cctx.set_check_hostname(false);  // the test certificate is for localhost
  SSLContext sctx = server_context();
  std::optional<std::string> seen;
  sctx.set_sni_callback([&](SSLConnection&, std::optional<std::string_view> server_name,
                            SSLContext&) -> std::optional<AlertDescription> {
    if (server_name) seen = std::string(*server_name);
    return std::nullopt;
  });
  BioPair p(cctx, sctx, {.server_hostname = "könig.idn.pythontest.net"});
  p.handshake();
  CHECK(seen == "xn--knig-5qa.idn.pythontest.net");
}
