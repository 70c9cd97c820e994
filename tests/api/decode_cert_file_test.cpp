#include <doctest/doctest.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "tlsock/peer_certificate.hpp"

using namespace tlsock;

TEST_CASE("decode_cert_file: Python's _test_decode_cert dict, and its errors") {
  PeerCertificate cert = decode_cert_file(TLSOCK_VECTORS_DIR "/api/cacert.pem");
  // python3 -c 'import ssl; print(repr(ssl._ssl._test_decode_cert("vectors/api/cacert.pem")))'
  CHECK(cert.to_python_repr() ==
        "{'subject': ((('countryName', 'XY'),), (('organizationName', 'tlsock tests'),), "
        "(('commonName', 'tlsock test CA'),)), 'issuer': ((('countryName', 'XY'),), "
        "(('organizationName', 'tlsock tests'),), (('commonName', 'tlsock test CA'),)), "
        "'version': 3, 'serialNumber': '7949C8FF8C3EC9093B682EF5510708E0DAD4F8F5', "
        "'notBefore': 'Nov 27 13:43:37 2026 GMT', 'notAfter': 'Nov  3 13:43:37 2126 GMT'}");

  try {
    (void)decode_cert_file(TLSOCK_VECTORS_DIR "/api/no-such-file.pem");
    FAIL("a missing file must throw");
  } catch (const std::system_error& e) {
    CHECK(e.code().value() == ENOENT);
  }
  // Not a certificate (a shell script): ValueError in Python, std::invalid_argument here.
  CHECK_THROWS_AS((void)decode_cert_file(TLSOCK_VECTORS_DIR "/api/make_vectors.sh"),
                  std::invalid_argument);
}
