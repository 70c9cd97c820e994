// Ports of CPython's SSLObject tests (test_ssl.py: MemoryBIOTests' neighbours test_bio_handshake,
// test_bio_read_write_data, test_transport_eof, SSLObjectTests.test_unwrap) and the
// wrap_bio / TLS-query behaviour of Python's Memory BIO Support: two SSLObjects over MemoryBIOs,
// bytes moved by hand.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <optional>
#include <system_error>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_object.hpp"

using namespace tlsock;
using tlsock::testing::client_context;
using tlsock::testing::server_context;
using tlsock::testing::BioPair;

TEST_CASE("SSLObject: test_bio_handshake") {
  BioPair p(client_context(), server_context());
  CHECK_FALSE(p.client.server_side());
  CHECK(p.server.server_side());
  CHECK(p.client.server_hostname() == "localhost");
  CHECK_FALSE(p.server.server_hostname());
  CHECK_FALSE(p.client.cipher());
  CHECK_FALSE(p.client.version());
  CHECK_FALSE(p.client.shared_ciphers());
  CHECK_FALSE(p.client.compression());
  CHECK_FALSE(p.client.get_channel_binding("tls-unique"));
  CHECK_THROWS_WITH_AS(p.client.getpeercert(), "handshake not done yet", std::invalid_argument);
  CHECK_THROWS_AS(p.client.do_handshake(), SSLWantReadError);
  CHECK(p.c_out.pending() > 0);  // the ClientHello

  p.handshake();
  CHECK(p.client.version() == "TLSv1.3");
  CHECK(p.server.version() == "TLSv1.3");
  auto cipher = p.client.cipher();
  REQUIRE(cipher);
  CHECK(cipher->protocol == "TLSv1.3");
  CHECK((cipher->name == "TLS_AES_256_GCM_SHA384" || cipher->name == "TLS_AES_128_GCM_SHA256" ||
         cipher->name == "TLS_CHACHA20_POLY1305_SHA256"));
  CHECK(cipher->bits == (cipher->name == "TLS_AES_128_GCM_SHA256" ? 128 : 256));
  CHECK(p.server.cipher() == cipher);

  auto cert = p.client.getpeercert();
  REQUIRE(cert);
  CHECK_FALSE(cert->empty());
  CHECK(cert->to_python_repr().find("'commonName', 'server-p256'") != std::string::npos);
  CHECK(p.client.getpeercert_der());
  CHECK(p.client.get_unverified_chain().size() == 1);
  auto verified = p.client.get_verified_chain();
  REQUIRE(verified.size() == 2);  // leaf, then the trust anchor
  CHECK(verified[0] == *p.client.getpeercert_der());
  // The server asked for no certificate (CERT_NONE).
  CHECK_FALSE(p.server.getpeercert());
  CHECK(p.server.get_unverified_chain().empty());

  auto cb = p.client.get_channel_binding();
  REQUIRE(cb);
  CHECK(cb->size() >= 32);
  CHECK(p.server.get_channel_binding() == cb);
  CHECK_THROWS_WITH_AS(p.client.get_channel_binding("tls-server-end-point"),
                       "'tls-server-end-point' channel binding type not implemented",
                       std::invalid_argument);
  auto exporter = p.client.get_channel_binding("tls-exporter");
  REQUIRE(exporter);
  CHECK(exporter->size() == 32);
  CHECK(p.server.get_channel_binding("tls-exporter") == exporter);
  CHECK(exporter != cb);
  CHECK_FALSE(p.client.selected_alpn_protocol());
  CHECK_FALSE(p.client.selected_npn_protocol());
  CHECK(p.client.session_reused() == false);
  // Idempotent once done.
  p.client.do_handshake();
}

TEST_CASE("SSLObject: test_bio_read_write_data") {
  BioPair p(client_context(), server_context());
  p.handshake();
  CHECK(p.client.write("FOO\n") == 4);
  CHECK(p.client.write("") == 0);
  p.transfer();
  CHECK(p.server.read(1) == "F");
  CHECK(p.server.pending() == 3);
  CHECK(p.server.read(1024) == "OO\n");
  CHECK_THROWS_AS(p.server.read(1024), SSLWantReadError);
  CHECK_THROWS_WITH_AS(p.server.read(-1), "size should not be negative", std::invalid_argument);

  std::string big(100000, 'x');
  CHECK(p.server.write(big) == big.size());
  p.transfer();
  std::string got;
  for (int i = 0; i < 100 && got.size() < big.size(); ++i) got += p.client.read(65536);
  CHECK(got == big);

  char buf[8];
  p.client.write("abc");
  p.transfer();
  CHECK(p.server.read(MutableBuffer(buf, sizeof buf)) == 3);
  CHECK(std::string(buf, 3) == "abc");
}

TEST_CASE("SSLObject: test_transport_eof") {
  BioPair p(client_context(), server_context());
  p.handshake();
  p.c_in.write_eof();
  CHECK_THROWS_AS(p.client.read(), SSLEOFError);
}

TEST_CASE("SSLObject: test_unwrap") {
  BioPair p(client_context(), server_context());
  p.handshake();
  // The client starts: its close_notify goes out, then it waits for the server's.
  CHECK_THROWS_AS(p.client.unwrap(), SSLWantReadError);
  p.transfer();
  // The server saw close_notify: reads end.
  CHECK(p.server.read() == "");
  CHECK(p.server.read() == "");
  p.server.unwrap();
  p.transfer();
  p.client.unwrap();
  // After our own close_notify, writing is refused (PROTOCOL_IS_SHUTDOWN).
  CHECK_THROWS_AS(p.client.write("x"), SSLError);
  CHECK_THROWS_AS(p.client.read(), SSLZeroReturnError);
}

TEST_CASE("SSLObject: test_check_hostname / test_ssl_cert_verify_error") {
  SUBCASE("hostname mismatch: verify_code 62") {
    BioPair p(client_context(), server_context(), {.server_hostname = "invalid"});
    try {
      p.handshake();
      FAIL("no error");
    } catch (const SSLCertVerificationError& e) {
      CHECK(e.verify_code() == 62);
      CHECK(e.verify_message() == "Hostname mismatch, certificate is not valid for 'invalid'.");
      CHECK(std::string(e.what()).starts_with(
          "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
          "certificate is not valid for 'invalid'. ("));
      CHECK(e.reason() == "CERTIFICATE_VERIFY_FAILED");
    }
    // The server hears why.
    p.transfer();
    try {
      p.server.do_handshake();
      FAIL("no error");
    } catch (const SSLError& e) {
      CHECK(e.reason() == "SSLV3_ALERT_BAD_CERTIFICATE");
    }
  }
  SUBCASE("unknown issuer: verify_code 20") {
    SSLContext cctx(PROTOCOL_TLS_CLIENT);
    BioPair p(cctx, server_context());
    try {
      p.handshake();
      FAIL("no error");
    } catch (const SSLCertVerificationError& e) {
      CHECK(e.verify_code() == 20);
      CHECK(e.verify_message() == "unable to get local issuer certificate");
    }
  }
  SUBCASE("CERT_NONE: getpeercert() is {}") {
    SSLContext cctx(PROTOCOL_TLS_CLIENT);
    cctx.set_check_hostname(false);
    cctx.set_verify_mode(CERT_NONE);
    BioPair p(cctx, server_context(), {});
    p.handshake();
    auto cert = p.client.getpeercert();
    REQUIRE(cert);
    CHECK(cert->empty());
    CHECK(p.client.getpeercert_der());
    CHECK(p.client.get_verified_chain() == p.client.get_unverified_chain());
  }
}

TEST_CASE("SSLObject: test_alpn_protocols") {
  SSLContext cctx = client_context();
  SSLContext sctx = server_context();
  cctx.set_alpn_protocols({"h2", "http/1.1"});
  sctx.set_alpn_protocols({"http/1.1", "spdy/2"});
  BioPair p(cctx, sctx);
  p.handshake();
  CHECK(p.client.selected_alpn_protocol() == "http/1.1");
  CHECK(p.server.selected_alpn_protocol() == "http/1.1");
}

TEST_CASE("SSLObject: client certificate") {
  SSLContext cctx = client_context();
  cctx.load_cert_chain(tlsock::testing::engine_vector("client-p256.pem"),
                       tlsock::testing::engine_vector("client-p256.key.pem"));
  SSLContext sctx = server_context();
  sctx.set_verify_mode(CERT_REQUIRED);
  sctx.load_verify_locations({.cafile = tlsock::testing::engine_vector("ca.pem")});
  BioPair p(cctx, sctx);
  p.handshake();
  auto cert = p.server.getpeercert();
  REQUIRE(cert);
  CHECK(cert->to_python_repr().find("client-p256") != std::string::npos);
}

TEST_CASE("SSLObject: wrap_bio checks its arguments as wrap_socket does") {
  MemoryBIO in, out;
  SSLContext cctx = client_context();
  SSLContext sctx = server_context();
  CHECK_THROWS_WITH_AS(cctx.wrap_bio(in, out), "check_hostname requires server_hostname",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      cctx.wrap_bio(in, out, {.server_hostname = ""}),
      "server_hostname cannot be an empty string or start with a leading dot.",
      std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      cctx.wrap_bio(in, out, {.server_hostname = ".example.org"}),
      "server_hostname cannot be an empty string or start with a leading dot.",
      std::invalid_argument);
  CHECK_THROWS_WITH_AS(sctx.wrap_bio(in, out, {.server_side = true, .server_hostname = "x"}),
                       "server_hostname can only be specified in client mode",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(sctx.wrap_bio(in, out, {}),
                       "Cannot create a client socket with a PROTOCOL_TLS_SERVER context",
                       SSLError);
  CHECK_THROWS_WITH_AS(cctx.wrap_bio(in, out, {.server_side = true}),
                       "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context",
                       SSLError);
  SSLObject o = cctx.wrap_bio(in, out, {.server_hostname = "EXAMPLE.org"});
  CHECK(o.server_hostname() == "EXAMPLE.org");  // Python's 'idna' codec keeps ASCII as is
  CHECK(o.context() == cctx);
  CHECK_FALSE(o.session());
  CHECK(o.pending() == 0);
}

TEST_CASE("SSLObject: session resumption (TLS 1.3 ticket)") {
  SSLContext cctx = client_context();
  SSLContext sctx = server_context();
  BioPair first(cctx, sctx);
  first.handshake();
  CHECK_FALSE(first.client.session());  // no ticket processed yet
  // The server's tickets went out after its handshake; the client takes them in a read.
  CHECK_THROWS_AS(first.client.read(), SSLWantReadError);
  std::optional<SSLSession> session = first.client.session();
  REQUIRE(session);
  CHECK(session->has_ticket());
  CHECK_FALSE(session->id().empty());
  CHECK(session->ticket_lifetime_hint() > 0);
  CHECK(session->time() > 0);
  CHECK(first.client.session() == session);  // a new object, equal by id
  CHECK(first.client.session_reused() == false);
  CHECK_THROWS_WITH_AS(first.client.set_session(*session), "Cannot set session after handshake.",
                       std::invalid_argument);

  BioPair second(cctx, sctx, {.server_hostname = "localhost", .session = session});
  second.handshake();
  CHECK(second.client.session_reused() == true);
  CHECK(second.server.session_reused() == true);
  CHECK(sctx.session_stats().hits == 1);
  CHECK(sctx.session_stats().accept_good == 2);
  CHECK(cctx.session_stats().connect_good == 2);

  // set_session() before the handshake works too.
  BioPair third(cctx, sctx);
  third.client.set_session(*session);
  third.handshake();
  CHECK(third.client.session_reused() == true);

  SSLContext other = client_context();
  MemoryBIO in, out;
  SSLObject o = other.wrap_bio(in, out, {.server_hostname = "localhost"});
  CHECK_THROWS_WITH_AS(o.set_session(*session), "Session refers to a different SSLContext.",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(sctx.wrap_bio(in, out, {.server_side = true, .session = session}),
                       "session can only be specified in client mode", std::invalid_argument);
}

TEST_CASE("SSLObject: verify_client_post_handshake (TLS 1.3 PHA)") {
  SSLContext cctx = client_context();
  cctx.set_post_handshake_auth(true);
  cctx.load_cert_chain(tlsock::testing::engine_vector("client-p256.pem"),
                       tlsock::testing::engine_vector("client-p256.key.pem"));
  SSLContext sctx = server_context();
  sctx.set_verify_mode(CERT_REQUIRED);
  sctx.set_post_handshake_auth(true);
  sctx.load_verify_locations({.cafile = tlsock::testing::engine_vector("ca.pem")});
  BioPair p(cctx, sctx);
  p.handshake();
  // With PHA the initial handshake asks for no certificate.
  CHECK_FALSE(p.server.getpeercert());
  CHECK_THROWS_AS(p.client.verify_client_post_handshake(), SSLError);
  p.server.verify_client_post_handshake();
  p.server.write("HASCERT");
  p.transfer();
  CHECK(p.client.read() == "HASCERT");
  p.transfer();
  CHECK_THROWS_AS(p.server.read(), SSLWantReadError);
  auto cert = p.server.getpeercert();
  REQUIRE(cert);
  CHECK(cert->to_python_repr().find("client-p256") != std::string::npos);
}

TEST_CASE("SSLObject: expired certificate: verify_code 10") {
  SSLContext sctx(PROTOCOL_TLS_SERVER);
  sctx.load_cert_chain(tlsock::testing::engine_vector("expired-p256.pem"),
                       tlsock::testing::engine_vector("expired-p256.key.pem"));
  BioPair p(client_context(), sctx);
  try {
    p.handshake();
    FAIL("no error");
  } catch (const SSLCertVerificationError& e) {
    CHECK(e.verify_code() == 10);
    CHECK(e.verify_message() == "certificate has expired");
  }
}

TEST_CASE("SSLObject: CERT_REQUIRED server, client without certificate: alert reason") {
  SSLContext sctx = server_context();
  sctx.set_verify_mode(CERT_REQUIRED);
  sctx.load_verify_locations({.cafile = tlsock::testing::engine_vector("ca.pem")});
  BioPair p(client_context(), sctx);
  // The client finishes its side first (TLS 1.3); the server refuses its empty Certificate.
  try {
    p.handshake();
  } catch (const SSLError& e) {
    CHECK(e.reason() == "PEER_DID_NOT_RETURN_A_CERTIFICATE");
  }
  p.transfer();
  try {
    p.client.read();
    FAIL("no error");
  } catch (const SSLError& e) {
    CHECK(e.reason() == "TLSV13_ALERT_CERTIFICATE_REQUIRED");
    CHECK(std::string(e.what()) ==
          "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required");
  }
}

TEST_CASE("SSLObject: TLS 1.2 without a shared suite: NO_SHARED_CIPHER / handshake failure alert") {
  SSLContext cctx = client_context();
  cctx.set_maximum_version(TLSVersion::TLSv1_2);
  cctx.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256");
  SSLContext sctx = server_context();
  sctx.set_ciphers("ECDHE-ECDSA-CHACHA20-POLY1305");
  BioPair p(cctx, sctx);
  SSLError server_error = p.server_refusal();
  CHECK(server_error.reason() == "NO_SHARED_CIPHER");
  // What each side offered.
  std::string what = server_error.what();
  CHECK(what.rfind("[SSL: NO_SHARED_CIPHER] no shared cipher (client offered "
                   "[ECDHE-ECDSA-AES128-GCM-SHA256",
                   0) == 0);
  CHECK(what.find("], server accepts [ECDHE-ECDSA-CHACHA20-POLY1305] for TLSv1.2)") !=
        std::string::npos);
  SSLError client_error = p.client_failure();
  CHECK(client_error.reason() == "SSLV3_ALERT_HANDSHAKE_FAILURE");
  CHECK(std::string(client_error.what()) ==
        "[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure (the server "
        "refused the handshake; this client offered TLSv1.2 only, TLSv1.2 suites "
        "[ECDHE-ECDSA-AES128-GCM-SHA256])");
}
