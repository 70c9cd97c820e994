// Ports of CPython's Lib/test/test_ssl.py test_session and test_session_handling (Python's
// ssl docs, SSL session): TLS 1.2 resumption through one server context, its
// session_stats() counters, and the errors of setting a session.
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "api/loopback.hpp"
#include "api/python_echo_server.hpp"
#include "api/python_fixtures.hpp"
#include "tlsock/ssl_socket.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

// A resumed session is the original one (same id), as new or newer.
void check_resumed(const SSLSession& again, const SSLSession& session) {
  CHECK(again.id() == session.id());
  CHECK(again == session);
  CHECK(again.time() >= session.time());
  CHECK(again.timeout() >= session.timeout());
}

}  // namespace

TEST_CASE("test_session") {
  TestingContext t = testing_context();
  // Python pins TLS 1.2: a TLS 1.3 session exists only once a ticket arrived.
  t.client.set_maximum_version(TLSVersion::TLSv1_2);

  // First connection, without session.
  ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
  REQUIRE(stats.session);
  const SSLSession session = *stats.session;
  CHECK_FALSE(session.id().empty());
  CHECK(session.time() > 0);
  CHECK(session.timeout() > 0);
  CHECK(session.has_ticket());
  CHECK(session.ticket_lifetime_hint() > 0);
  CHECK(stats.session_reused == false);
  SessionStats sess_stat = t.server.session_stats();
  CHECK(sess_stat.accept == 1);
  CHECK(sess_stat.hits == 0);

  // Reuse the session.
  stats = server_params_test(t.client, t.server, t.hostname, session);
  sess_stat = t.server.session_stats();
  CHECK(sess_stat.accept == 2);
  CHECK(sess_stat.hits == 1);
  CHECK(stats.session_reused == true);
  REQUIRE(stats.session);
  check_resumed(*stats.session, session);

  // Another one without session.
  stats = server_params_test(t.client, t.server, t.hostname);
  CHECK(stats.session_reused == false);
  REQUIRE(stats.session);
  const SSLSession session3 = *stats.session;
  CHECK(session3.id() != session.id());
  CHECK_FALSE(session3 == session);
  sess_stat = t.server.session_stats();
  CHECK(sess_stat.accept == 3);
  CHECK(sess_stat.hits == 1);

  // Reuse the first session again.
  stats = server_params_test(t.client, t.server, t.hostname, session);
  CHECK(stats.session_reused == true);
  REQUIRE(stats.session);
  check_resumed(*stats.session, session);
  sess_stat = t.server.session_stats();
  CHECK(sess_stat.accept == 4);
  CHECK(sess_stat.hits == 2);
}

TEST_CASE("test_session_handling") {
  TestingContext t = testing_context();
  SSLContext client_context2 = testing_context().client;
  t.client.set_maximum_version(TLSVersion::TLSv1_2);
  client_context2.set_maximum_version(TLSVersion::TLSv1_2);
  PythonEchoServer server(t.server);
  std::optional<SSLSession> session;
  {
    Socket raw(AF_INET, SOCK_STREAM);
    raw.settimeout(kTestTimeout);
    SSLSocket s = t.client.wrap_socket(std::move(raw), {.server_hostname = t.hostname});
    // No session before the handshake.
    CHECK_FALSE(s.session());
    CHECK_FALSE(s.session_reused());
    s.connect(server.address());
    session = s.session();
    REQUIRE(session);
    // Python's TypeError('Value is not a SSLSession.') is a compile error here.
  }
  {
    SSLSocket s = wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname});
    // Cannot set a session after the handshake.
    CHECK_THROWS_WITH_AS(s.set_session(*session), "Cannot set session after handshake.",
                         std::invalid_argument);
  }
  {
    // A session can be set before the handshake and before the connection exists.
    Socket raw(AF_INET, SOCK_STREAM);
    raw.settimeout(kTestTimeout);
    SSLSocket s = t.client.wrap_socket(std::move(raw), {.server_hostname = t.hostname});
    s.set_session(*session);
    s.connect(server.address());
    REQUIRE(s.session());
    CHECK(s.session()->id() == session->id());
    CHECK(s.session() == session);
    CHECK(s.session_reused() == true);
  }
  {
    // A session cannot be used with another SSLContext.
    Socket raw(AF_INET, SOCK_STREAM);
    raw.settimeout(kTestTimeout);
    SSLSocket s = client_context2.wrap_socket(std::move(raw), {.server_hostname = t.hostname});
    CHECK_THROWS_WITH_AS(
        [&] {
          s.set_session(*session);
          s.connect(server.address());
        }(),
        "Session refers to a different SSLContext.", std::invalid_argument);
  }
}
