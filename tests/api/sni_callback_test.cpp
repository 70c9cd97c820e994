// The server's sni_callback (Python's ssl docs), beyond the ports of CPython's tests in
// python_server_callbacks_test.cpp: both TLS versions, what the callback receives, a context
// swap that serves the other context's certificate and ALPN list, and what each side raises
// when the callback ends the handshake.
#include <doctest/doctest.h>

#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/bio_pair.hpp"
#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::engine_vector;
using tlsock::testing::server_context;

namespace {

// A server context with the RSA certificate (CN server-rsa2048, same names as the P-256 one).
SSLContext rsa_server_context() {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(engine_vector("server-rsa2048.pem"), engine_vector("server-rsa2048.key.pem"));
  return ctx;
}

bool peer_is(const SSLConnection& conn, std::string_view common_name) {
  std::optional<PeerCertificate> cert = conn.getpeercert();
  return cert && cert->to_python_repr().find("('commonName', '" + std::string(common_name) +
                                             "')") != std::string::npos;
}

}  // namespace

TEST_CASE("sni_callback: called once with the connection, the server name and its own context") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext sctx = server_context();
    int calls = 0;
    const SSLConnection* seen = nullptr;
    std::optional<std::string> name;
    bool original_given = false;
    sctx.set_sni_callback([&](SSLConnection& conn, std::optional<std::string_view> server_name,
                              SSLContext& original) -> std::optional<AlertDescription> {
      ++calls;
      seen = &conn;
      if (server_name) name = std::string(*server_name);
      original_given = original == sctx;
      CHECK(conn.server_side());
      CHECK_FALSE(conn.version());  // the handshake has chosen nothing yet
      return std::nullopt;
    });
    BioPair p(cctx, sctx, {.server_hostname = "LocalHost"});
    p.handshake();
    CHECK(calls == 1);
    CHECK(seen == static_cast<const SSLConnection*>(&p.server));
    CHECK(name == "LocalHost");  // as the client sent it (Python's codec keeps ASCII case)
    CHECK(original_given);
    CHECK(p.client.version() == (version == TLSVersion::TLSv1_3 ? "TLSv1.3" : "TLSv1.2"));
    CHECK(peer_is(p.client, "server-p256"));
  }
}

TEST_CASE("sni_callback: no server name without SNI; set_servername_callback is the same") {
  SSLContext cctx = client_context();
  cctx.set_check_hostname(false);
  SSLContext sctx = server_context();
  int calls = 0;
  bool got_name = true;
  sctx.set_servername_callback([&](SSLConnection&, std::optional<std::string_view> server_name,
                                   SSLContext&) -> std::optional<AlertDescription> {
    ++calls;
    got_name = server_name.has_value();
    return std::nullopt;
  });
  REQUIRE(sctx.sni_callback());
  BioPair p(cctx, sctx, {});
  p.handshake();
  CHECK(calls == 1);
  CHECK_FALSE(got_name);
}

TEST_CASE("sni_callback: switching the context serves its certificate and ALPN protocols") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    cctx.set_alpn_protocols({"h2", "http/1.1"});
    SSLContext sctx = server_context();
    sctx.set_alpn_protocols({"http/1.1"});
    SSLContext other = rsa_server_context();
    other.set_alpn_protocols({"h2"});
    sctx.set_sni_callback([&](SSLConnection& conn, std::optional<std::string_view> server_name,
                              SSLContext&) -> std::optional<AlertDescription> {
      if (server_name == "example.test") conn.set_context(other);
      return std::nullopt;
    });

    BioPair swapped(cctx, sctx, {.server_hostname = "example.test"});
    swapped.handshake();
    CHECK(peer_is(swapped.client, "server-rsa2048"));
    CHECK(swapped.client.selected_alpn_protocol() == "h2");
    CHECK(swapped.server.selected_alpn_protocol() == "h2");
    CHECK(swapped.server.context() == other);

    BioPair kept(cctx, sctx, {.server_hostname = "localhost"});
    kept.handshake();
    CHECK(peer_is(kept.client, "server-p256"));
    CHECK(kept.client.selected_alpn_protocol() == "http/1.1");
    CHECK(kept.server.context() == sctx);

    // The connections count for the context they started on (OpenSSL's session context).
    CHECK(sctx.session_stats().accept_good == 2);
    CHECK(other.session_stats().accept == 0);
  }
}

TEST_CASE("sni_callback: the context switched to checks client certificates with its CAs") {
  SSLContext cctx = client_context();
  cctx.load_cert_chain(engine_vector("client-p256.pem"), engine_vector("client-p256.key.pem"));
  SSLContext sctx = server_context();
  sctx.set_verify_mode(CERT_REQUIRED);
  sctx.load_verify_locations({.cafile = engine_vector("other-ca.pem")});  // not the client's CA
  SSLContext other = server_context();
  other.set_verify_mode(CERT_REQUIRED);
  other.load_verify_locations({.cafile = engine_vector("ca.pem")});
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    cctx.set_maximum_version(version);
    sctx.set_sni_callback(std::nullopt);
    BioPair refused(cctx, sctx);
    CHECK_THROWS_AS(refused.handshake(), SSLCertVerificationError);

    sctx.set_sni_callback([&](SSLConnection& conn, std::optional<std::string_view>,
                              SSLContext&) -> std::optional<AlertDescription> {
      conn.set_context(other);
      return std::nullopt;
    });
    BioPair accepted(cctx, sctx);
    accepted.handshake();
    CHECK(peer_is(accepted.server, "client-p256"));
  }
}

TEST_CASE("sni_callback: an alert it returns ends the handshake on both sides") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext sctx = server_context();
    sctx.set_sni_callback([](SSLConnection&, std::optional<std::string_view>,
                             SSLContext&) -> std::optional<AlertDescription> {
      return ALERT_DESCRIPTION_ACCESS_DENIED;
    });
    BioPair p(cctx, sctx);
    SSLError server_error = p.server_refusal();
    CHECK(server_error.reason() == "CALLBACK_FAILED");
    CHECK(std::string(server_error.what()) ==
          "[SSL: CALLBACK_FAILED] callback failed (the sni_callback returned the alert "
          "access_denied)");
    CHECK(p.client_failure().reason() == "TLSV1_ALERT_ACCESS_DENIED");
    CHECK(sctx.session_stats().accept_good == 0);
  }
}

TEST_CASE("sni_callback: an exception it throws becomes handshake_failure") {
  SSLContext cctx = client_context();
  SSLContext sctx = server_context();
  sctx.set_sni_callback([](SSLConnection&, std::optional<std::string_view>,
                           SSLContext&) -> std::optional<AlertDescription> {
    throw std::runtime_error("no site by that name");
  });
  BioPair p(cctx, sctx);
  SSLError server_error = p.server_refusal();
  CHECK(server_error.reason() == "CALLBACK_FAILED");
  CHECK(std::string(server_error.what()).find("no site by that name") != std::string::npos);
  CHECK(p.client_failure().reason() == "SSLV3_ALERT_HANDSHAKE_FAILURE");
}

TEST_CASE("sni_callback: an SSLSocket server passes the SSLSocket being accepted") {
  SSLContext sctx = server_context();
  SSLContext other = rsa_server_context();
  bool was_socket = false;
  sctx.set_sni_callback([&](SSLConnection& conn, std::optional<std::string_view>,
                            SSLContext&) -> std::optional<AlertDescription> {
    was_socket = dynamic_cast<SSLSocket*>(&conn) != nullptr;
    conn.set_context(other);
    return std::nullopt;
  });
  SSLSocket listener =
      sctx.wrap_socket(tlsock::testing::make_listener(), {.server_side = true});
  Address address = listener.getsockname();
  auto server = std::async(std::launch::async, [&] {
    auto [conn, addr] = listener.accept();
    CHECK(conn.context() == other);
    conn.sendall("hello");
  });
  Socket raw(AF_INET, SOCK_STREAM);
  raw.settimeout(tlsock::testing::kTestTimeout);
  raw.connect(address);
  SSLSocket client = client_context().wrap_socket(std::move(raw), {.server_hostname = "localhost"});
  CHECK(client.recv(5) == "hello");
  server.get();
  CHECK(was_socket);
  CHECK(peer_is(client, "server-rsa2048"));
}
