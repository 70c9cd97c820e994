// Ports of CPython's Lib/test/test_ssl.py TestPostHandshakeAuth and the certificate chain tests
// (Python's ssl docs, SSLSocket.verify_client_post_handshake() and get_verified_chain()).
// The echo server's PHA, HASCERT, GETCERT, VERIFIEDCHAIN and UNVERIFIEDCHAIN commands drive
// the server side.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "api/python_echo_server.hpp"
#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The server's answers to HASCERT, PHA, HASCERT: the sequence most of Python's PHA tests check.
std::vector<std::string> hascert_pha_hascert(const TestingContext& t) {
  EchoConnection c(t.client, t.server);
  std::vector<std::string> answers;
  for (const char* command : {"HASCERT", "PHA", "HASCERT"}) answers.push_back(c.ask(command));
  return answers;
}

using Answers = std::vector<std::string>;

}  // namespace

TEST_CASE("test_pha_setter") {
  for (SSLMethod protocol : {PROTOCOL_TLS_SERVER, PROTOCOL_TLS_CLIENT}) {
    SSLContext ctx(protocol);
    // Python: the default is False, and setting it never changes verify_mode.
    CHECK_FALSE(ctx.post_handshake_auth());
    ctx.set_post_handshake_auth(true);
    CHECK(ctx.post_handshake_auth());
    CHECK(ctx.verify_mode() == (protocol == PROTOCOL_TLS_CLIENT ? CERT_REQUIRED : CERT_NONE));
    ctx.set_post_handshake_auth(false);
    CHECK_FALSE(ctx.post_handshake_auth());
  }
}

TEST_CASE("test_pha_required") {
  TestingContext t = pha_contexts({});
  EchoConnection c(t.client, t.server);
  CHECK(c.ask("HASCERT") == "FALSE\n");
  CHECK(c.ask("PHA") == "OK\n");
  CHECK(c.ask("HASCERT") == "TRUE\n");
  // PHA just returns OK when a certificate is already there.
  CHECK(c.ask("PHA") == "OK\n");
  std::string cert_text = c.ask("GETCERT");
  CHECK(cert_text.find("'tlsock engine test CA'") != std::string::npos);  // the issuer
  CHECK(cert_text.find("'client-p256'") != std::string::npos);
}

TEST_CASE("test_pha_optional") {
  TestingContext t = pha_contexts({.server_verify = CERT_OPTIONAL});
  CHECK(hascert_pha_hascert(t) == Answers{"FALSE\n", "OK\n", "TRUE\n"});
}

TEST_CASE("test_pha_optional_nocert") {
  TestingContext t = pha_contexts({.server_verify = CERT_OPTIONAL, .client_cert = false});
  // CERT_OPTIONAL does not fail when the client has no certificate.
  CHECK(hascert_pha_hascert(t) == Answers{"FALSE\n", "OK\n", "FALSE\n"});
}

TEST_CASE("test_pha_no_pha_client") {
  TestingContext t = pha_contexts({.client_pha = false});
  EchoConnection c(t.client, t.server);
  CHECK_THROWS_WITH_AS(c.socket().verify_client_post_handshake(), doctest::Contains("not server"),
                       SSLError);
  CHECK(c.ask("PHA").find("extension not received") != std::string::npos);
}

TEST_CASE("test_pha_no_pha_server") {
  // The server has no PHA: it asks for the certificate in the handshake.
  TestingContext t = pha_contexts({.server_pha = false});
  // PHA doesn't fail if there is already a certificate.
  CHECK(hascert_pha_hascert(t) == Answers{"TRUE\n", "OK\n", "TRUE\n"});
}

TEST_CASE("test_pha_not_tls13") {
  TestingContext t =
      pha_contexts({.server_pha = false, .client_maximum = TLSVersion::TLSv1_2});
  EchoConnection c(t.client, t.server);
  // PHA fails for TLS != 1.3.
  CHECK(c.ask("PHA").find("WRONG_SSL_VERSION") != std::string::npos);
}

TEST_CASE("test_bpo37428_pha_cert_none") {
  // post_handshake_auth does not turn certificate validation on: a client without CA that
  // checks nothing.
  TestingContext t = pha_contexts({});
  SSLContext client(PROTOCOL_TLS_CLIENT);
  client.set_post_handshake_auth(true);
  client.load_cert_chain(engine_vector("client-p256.pem"), engine_vector("client-p256.key.pem"));
  client.set_check_hostname(false);
  client.set_verify_mode(CERT_NONE);
  EchoConnection c(client, t.server);
  CHECK(c.ask("HASCERT") == "FALSE\n");
  CHECK(c.ask("PHA") == "OK\n");
  CHECK(c.ask("HASCERT") == "TRUE\n");
  // The server's certificate has not been validated.
  auto cert = c.socket().getpeercert();
  REQUIRE(cert);
  CHECK(cert->empty());
}

TEST_CASE("test_certificate_chain") {
  TestingContext t = testing_context();
  PythonEchoServer server(t.server);
  const std::string expected_ca_cert = pem_file_der(engine_vector("ca.pem"));
  const std::string expected_ee_cert = pem_file_der(engine_vector("server-p256.pem"));
  SSLSocket s = wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname});
  std::vector<std::string> vc = s.get_verified_chain();
  REQUIRE(vc.size() == 2);
  std::vector<std::string> uvc = s.get_unverified_chain();
  REQUIRE(uvc.size() == 1);
  CHECK(vc[0] == uvc[0]);
  CHECK(vc[0] == expected_ee_cert);
  CHECK(vc[1] == expected_ca_cert);
  CHECK(s.getpeercert_der() == expected_ee_cert);
}

TEST_CASE("test_internal_chain_server") {
  // The client sends its leaf and the CA: on the server the verified chain ends at the trust
  // anchor, and the unverified chain is what the client sent.
  char dir[] = "/tmp/tlsock-chain-XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  const std::string chain_file = std::string(dir) + "/client-chain.pem";
  {
    std::ofstream out(chain_file);
    out << read_text(engine_vector("client-p256.pem")) << read_text(engine_vector("ca.pem"));
  }
  TestingContext t = testing_context();
  t.client.load_cert_chain(chain_file, engine_vector("client-p256.key.pem"));
  ::unlink(chain_file.c_str());
  ::rmdir(dir);
  t.server.set_verify_mode(CERT_REQUIRED);
  t.server.set_maximum_version(TLSVersion::TLSv1_2);
  EchoConnection c(t.client, t.server);
  CHECK(c.ask("VERIFIEDCHAIN\n") == std::string("\x02\n"));
  CHECK(c.ask("UNVERIFIEDCHAIN\n") == std::string("\x02\n"));
}
