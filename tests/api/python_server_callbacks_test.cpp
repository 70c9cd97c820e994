// Ports of CPython's Lib/test/test_ssl.py tests of server-side connection hooks: the SNI
// callback (test_sni_callback, _alert, _raising, _wrong_return_type) and shared_ciphers()
// (test_shared_ciphers). The certificate switch uses a second server context with
// another leaf of the same CA (CN server-rsa2048 instead of server-p256).
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/get_server_certificate.hpp"
#include "tlsock/ssl_connection.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

struct SniContexts {
  SSLContext server{PROTOCOL_TLS_SERVER};
  SSLContext other{PROTOCOL_TLS_SERVER};
  SSLContext client = client_context();
};

// Python's sni_contexts(): two servers with different certificates, a client trusting both.
SniContexts sni_contexts() {
  SniContexts c;
  c.server.load_cert_chain(engine_vector("server-p256.pem"), engine_vector("server-p256.key.pem"));
  c.other.load_cert_chain(engine_vector("server-rsa2048.pem"),
                          engine_vector("server-rsa2048.key.pem"));
  return c;
}

void check_common_name(const ParamsStats& stats, const std::string& name) {
  REQUIRE(stats.peercert);
  bool found = false;
  for (const PeerCertificate::RDN& rdn : stats.peercert->subject) {
    found |= rdn.size() == 1 && rdn[0].name == "commonName" && rdn[0].value == name;
  }
  CHECK_MESSAGE(found, stats.peercert->to_python_repr());
}

// The reason of the SSLError a client gets from server_params_test() with an SNI callback that
// ends the handshake ("no error" if it does not).
std::string sni_failure_reason(const SNICallback& callback) {
  SniContexts c = sni_contexts();
  c.server.set_servername_callback(callback);
  try {
    server_params_test(c.client, c.server, "supermessage");
    return "no error";
  } catch (const SSLError& e) {
    return e.reason().value_or("no reason");
  }
}

using Call = std::pair<std::optional<std::string>, SSLContext>;

}  // namespace

TEST_CASE("test_sni_callback") {
  SniContexts c = sni_contexts();
  c.client.set_check_hostname(false);
  std::vector<Call> calls;
  c.server.set_servername_callback(
      [&](SSLConnection& ssl_sock, std::optional<std::string_view> server_name,
          SSLContext& initial_context) -> std::optional<AlertDescription> {
        calls.emplace_back(server_name ? std::optional<std::string>(*server_name) : std::nullopt,
                           initial_context);
        if (server_name) ssl_sock.set_context(c.other);
        return std::nullopt;
      });
  ParamsStats stats = server_params_test(c.client, c.server, "supermessage");
  // The hostname was fetched properly, and the certificate was changed for the connection.
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].first == "supermessage");
  CHECK(calls[0].second == c.server);
  check_common_name(stats, "server-rsa2048");

  // The callback is called with server_name None.
  calls.clear();
  stats = server_params_test(c.client, c.server, std::nullopt);
  REQUIRE(calls.size() == 1);
  CHECK_FALSE(calls[0].first);
  CHECK(calls[0].second == c.server);
  check_common_name(stats, "server-p256");

  // Disabling the callback.
  calls.clear();
  c.server.set_servername_callback(std::nullopt);
  stats = server_params_test(c.client, c.server, "notfunny");
  check_common_name(stats, "server-p256");
  CHECK(calls.empty());
}

TEST_CASE("test_sni_callback_alert") {
  // A returned alert is reflected to the connecting client.
  CHECK(sni_failure_reason([](SSLConnection&, std::optional<std::string_view>, SSLContext&) {
          return std::optional(ALERT_DESCRIPTION_ACCESS_DENIED);
        }) == "TLSV1_ALERT_ACCESS_DENIED");
}

TEST_CASE("test_sni_callback_raising") {
  // An exception fails the connection with a handshake_failure alert.
  CHECK(sni_failure_reason([](SSLConnection&, std::optional<std::string_view>,
                              SSLContext&) -> std::optional<AlertDescription> {
          throw std::domain_error("1/0");
        }) == "SSLV3_ALERT_HANDSHAKE_FAILURE");
}

TEST_CASE("test_sni_callback_wrong_return_type") {
  // Python: a return value that is not an int sends internal_error. A C++ callback cannot
  // return another type; the alert it maps to is returned directly.
  CHECK(sni_failure_reason([](SSLConnection&, std::optional<std::string_view>, SSLContext&) {
          return std::optional(ALERT_DESCRIPTION_INTERNAL_ERROR);
        }) == "TLSV1_ALERT_INTERNAL_ERROR");
}

TEST_CASE("test_shared_ciphers") {
  TestingContext t = testing_context();
  t.client.set_ciphers("AES128:AES256");
  t.server.set_ciphers("AES256:eNULL");
  // TLS 1.3 suites are always on.
  const std::vector<std::string> expected_algs = {"AES256", "AES-256", "TLS_CHACHA20", "TLS_AES"};
  ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
  REQUIRE(stats.server_shared_ciphers.size() == 1);
  REQUIRE(stats.server_shared_ciphers[0]);
  const std::vector<Cipher>& ciphers = *stats.server_shared_ciphers[0];
  CHECK(ciphers.size() > 0);
  for (const Cipher& cipher : ciphers) {
    bool expected = false;
    for (const std::string& alg : expected_algs) {
      expected |= cipher.name.find(alg) != std::string::npos;
    }
    CHECK_MESSAGE(expected, cipher.name);
  }
}

TEST_CASE("test_get_server_certificate_sni") {
  // get_server_certificate() sends the host as SNI, with and without ca_certs.
  SSLContext server_ctx = server_context();
  std::vector<std::optional<std::string>> server_names;
  server_ctx.set_servername_callback(
      [&](SSLConnection&, std::optional<std::string_view> server_name,
          SSLContext&) -> std::optional<AlertDescription> {
        server_names.emplace_back(server_name ? std::optional<std::string>(*server_name)
                                              : std::nullopt);
        return std::nullopt;
      });
  PythonEchoServer server(server_ctx);
  const Address addr{"localhost", server.port()};
  CHECK_FALSE(get_server_certificate(addr).empty());
  CHECK_FALSE(get_server_certificate(addr, PROTOCOL_TLS_CLIENT, engine_vector("ca.pem")).empty());
  server.stop();
  CHECK(server_names == std::vector<std::optional<std::string>>{"localhost", "localhost"});
}
