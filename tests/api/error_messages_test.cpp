// Error messages a user can act on: a refused certificate names the certificate, the
// reason and the name, time or issuer involved; a failed negotiation says what each side
// offered. Python's exception classes, reasons, verify_code and verify_message are unchanged;
// the explanation sits where Python prints "(_ssl.c:NNNN)".
#include <doctest/doctest.h>

#include <string>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::engine_vector;
using tlsock::testing::server_context;

namespace {

// The client's verification error for a handshake with these contexts.
SSLCertVerificationError client_verify_error(const SSLContext& cctx, const SSLContext& sctx,
                                             const std::string& hostname = "localhost") {
  BioPair p(cctx, sctx, {.server_hostname = hostname});
  try {
    p.handshake();
  } catch (const SSLCertVerificationError& e) {
    return e;
  }
  FAIL("the handshake did not fail verification");
  return SSLCertVerificationError(0, "unreachable");
}

}  // namespace

TEST_CASE("verification errors: hostname mismatch names what the certificate is valid for") {
  SSLCertVerificationError e = client_verify_error(client_context(), server_context(), "invalid");
  CHECK(e.verify_code() == 62);
  CHECK(e.verify_message() == "Hostname mismatch, certificate is not valid for 'invalid'.");
  CHECK(std::string(e.what()) ==
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
        "certificate is not valid for 'invalid'. (certificate 'O=tlsock tests, CN=server-p256' "
        "is valid for DNS:localhost, DNS:example.test, IP:127.0.0.1)");
}

TEST_CASE("verification errors: an unknown issuer is named") {
  SSLContext cctx(PROTOCOL_TLS_CLIENT);
  cctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  SSLCertVerificationError e = client_verify_error(cctx, server_context());
  CHECK(e.verify_code() == 20);
  CHECK(e.verify_message() == "unable to get local issuer certificate");
  CHECK(std::string(e.what()) ==
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
        "certificate (certificate 'O=tlsock tests, CN=server-p256' was issued by 'O=tlsock tests, "
        "CN=tlsock engine test CA', which is not among the trusted CA certificates)");
}

TEST_CASE("verification errors: an expired certificate says when it expired") {
  SSLContext sctx(PROTOCOL_TLS_SERVER);
  sctx.load_cert_chain(engine_vector("expired-p256.pem"), engine_vector("expired-p256.key.pem"));
  SSLCertVerificationError e = client_verify_error(client_context(), sctx);
  CHECK(e.verify_code() == 10);
  CHECK(e.verify_message() == "certificate has expired");
  std::string what = e.what();
  CHECK(what.rfind("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has "
                   "expired (certificate 'O=tlsock tests, CN=expired-p256' expired on Jan  1 "
                   "00:00:00 2001 GMT; the time of verification was ",
                   0) == 0);
  CHECK(what.ends_with(" GMT)"));
}

TEST_CASE("negotiation errors: no common version says what each side accepts") {
  SSLContext cctx = client_context();
  cctx.set_maximum_version(TLSVersion::TLSv1_2);
  SSLContext sctx = server_context();
  sctx.set_minimum_version(TLSVersion::TLSv1_3);
  BioPair p(cctx, sctx);
  SSLError server_error = p.server_refusal();
  std::string what = server_error.what();
  CAPTURE(what);
  CHECK(server_error.reason() == "UNSUPPORTED_PROTOCOL");
  CHECK(what.find("TLS 1.3 not offered") != std::string::npos);
  CHECK(what.ends_with("; this side accepts TLSv1.3 only)"));
  CHECK(std::string(p.client_failure().what()) ==
        "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version");
}

TEST_CASE("verification errors: a self-signed certificate nobody trusts") {
  SSLContext sctx(PROTOCOL_TLS_SERVER);
  sctx.load_cert_chain(engine_vector("ca.pem"), engine_vector("ca.key.pem"));
  SSLContext cctx(PROTOCOL_TLS_CLIENT);
  cctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  SSLCertVerificationError e = client_verify_error(cctx, sctx);
  CHECK(e.verify_code() == 18);
  CHECK(std::string(e.what()).ends_with(
      " (certificate 'O=tlsock tests, CN=tlsock engine test CA' is self-signed and is not among "
      "the trusted CA certificates)"));
}
