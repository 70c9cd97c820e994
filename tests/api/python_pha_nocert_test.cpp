// TestPostHandshakeAuth.test_pha_required_nocert: a TLS 1.3 server with post_handshake_auth and
// CERT_REQUIRED asks for the certificate only after the handshake (ServerConfig::
// defer_client_auth) and refuses an empty answer with certificate_required, as OpenSSL does.
#include <doctest/doctest.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

TEST_CASE("test_pha_required_nocert") {
  TestingContext t = pha_contexts({.client_cert = false});
  EchoConnection c(t.client, t.server);
  SSLSocket& s = c.socket();
  s.write("PHA");
  // The server aborts the connection with certificate_required (or the connection just ends).
  try {
    std::string data = s.recv(1024);  // receives the CertificateRequest, answers it
    CHECK(data == "OK\n");
    s.write("HASCERT");  // sends Certificate and Finished
    std::string reply = s.recv(1024);  // receives the alert
    FAIL("the server accepted a client without certificate: " << reply);
  } catch (const SSLError& e) {
    CHECK(e.reason() == "TLSV13_ALERT_CERTIFICATE_REQUIRED");
  } catch (const std::system_error& e) {
    CHECK((e.code().value() == ECONNRESET || e.code().value() == EPIPE));
  }
}
