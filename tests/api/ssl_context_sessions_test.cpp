// Server-side sessions of an SSLContext (Python's ssl docs, SSL session): each context has its own
// ticket key and TLS 1.2 session-ID cache, so a session resumes only on the context that made
// it; OP_NO_TICKET makes TLS 1.2 resume by session ID; session_stats() counts hits, misses and
// the cached sessions (`number`).
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/cert_utils.hpp"
#include "tlsock/session_file.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

// A full handshake, then the client's session (TLS 1.3: once a read took the tickets).
SSLSession first_session(const SSLContext& cctx, const SSLContext& sctx) {
  BioPair p(cctx, sctx);
  p.handshake();
  if (p.client.version() == "TLSv1.3") CHECK_THROWS_AS(p.client.read(), SSLWantReadError);
  std::optional<SSLSession> session = p.client.session();
  REQUIRE(session);
  CHECK(p.client.session_reused() == false);
  return *session;
}

bool resumes(const SSLContext& cctx, const SSLContext& sctx, const SSLSession& session) {
  BioPair p(cctx, sctx, {.server_hostname = "localhost", .session = session});
  p.handshake();
  CHECK(p.server.session_reused() == p.client.session_reused());
  return *p.client.session_reused();
}

}  // namespace

TEST_CASE("sessions: a ticket resumes on its own context only") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext issuer = server_context();
    SSLContext stranger = server_context();  // same certificate, another context
    SSLSession session = first_session(cctx, issuer);
    CHECK(session.has_ticket());
    CHECK(session.ticket_lifetime_hint() > 0);
    CHECK(session.timeout() == session.ticket_lifetime_hint());
    CHECK(session.time() > 1700000000);  // epoch seconds, taken when the session was made

    CHECK(resumes(cctx, issuer, session));
    CHECK(issuer.session_stats().hits == 1);
    CHECK(issuer.session_stats().misses == 0);

    CHECK_FALSE(resumes(cctx, stranger, session));
    CHECK(stranger.session_stats().hits == 0);
    CHECK(stranger.session_stats().misses == 1);
    CHECK(stranger.session_stats().accept_good == 1);
    CHECK(cctx.session_stats().misses == 1);  // the client offered it in vain
  }
}

TEST_CASE("sessions: OP_NO_TICKET on the server, TLS 1.2 resumes from the session-ID cache") {
  SSLContext cctx = client_context();
  cctx.set_maximum_version(TLSVersion::TLSv1_2);
  SSLContext sctx = server_context();
  sctx.set_options(sctx.options() | OP_NO_TICKET);
  CHECK(sctx.session_stats().number == 0);
  SSLSession session = first_session(cctx, sctx);
  CHECK_FALSE(session.has_ticket());
  CHECK(session.ticket_lifetime_hint() == 0);
  CHECK(session.timeout() == 7200);  // OpenSSL's default session timeout
  CHECK(session.time() > 1700000000);
  CHECK(session.id().size() == 32);
  CHECK(sctx.session_stats().number == 1);

  CHECK(resumes(cctx, sctx, session));
  CHECK(resumes(cctx, sctx, session));
  const SessionStats stats = sctx.session_stats();
  CHECK(stats.hits == 2);
  CHECK(stats.accept == 3);
  CHECK(stats.accept_good == 3);
  CHECK(stats.number == 1);
  CHECK(stats.misses == 0);

  // The cache belongs to the context too.
  SSLContext stranger = server_context();
  CHECK_FALSE(resumes(cctx, stranger, session));
  CHECK(stranger.session_stats().misses == 1);
}

TEST_CASE("sessions: OP_NO_TICKET on a TLS 1.2 client asks for no ticket") {
  SSLContext cctx = client_context();
  cctx.set_maximum_version(TLSVersion::TLSv1_2);
  cctx.set_options(cctx.options() | OP_NO_TICKET);
  SSLContext sctx = server_context();
  SSLSession session = first_session(cctx, sctx);
  CHECK_FALSE(session.has_ticket());
  CHECK(resumes(cctx, sctx, session));
  CHECK(sctx.session_stats().hits == 1);
}

TEST_CASE("sessions: num_tickets 0 sends no TLS 1.3 ticket but keeps TLS 1.2 tickets") {
  SSLContext sctx = server_context();
  sctx.set_num_tickets(0);
  {
    SSLContext cctx = client_context();
    BioPair p(cctx, sctx);
    p.handshake();
    CHECK_THROWS_AS(p.client.read(), SSLWantReadError);
    CHECK_FALSE(p.client.session());
  }
  SSLContext cctx12 = client_context();
  cctx12.set_maximum_version(TLSVersion::TLSv1_2);
  SSLSession session = first_session(cctx12, sctx);
  CHECK(session.has_ticket());
  CHECK(resumes(cctx12, sctx, session));
}

// session_to_pem / session_from_pem (the tlsock command's --sess-out / --sess-in): a saved
// session resumes; text that is not a session, or a session body cut short or extended at any
// point, is refused with invalid_argument, never a crash.
TEST_CASE("sessions: saved as PEM and read back; damaged files are refused") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext sctx = server_context();
    std::string pem = session_to_pem(first_session(cctx, sctx));
    CHECK(pem.starts_with("-----BEGIN TLSOCK SESSION-----\n"));
    SSLSession restored = session_from_pem(cctx, pem);
    CHECK(resumes(cctx, sctx, restored));

    CHECK_THROWS_AS(session_from_pem(cctx, "no session here"), std::invalid_argument);
    CHECK_THROWS_AS(session_from_pem(cctx, pem + pem), std::invalid_argument);
    // The body through Python's PEM helpers, relabelled (they speak CERTIFICATE blocks).
    auto relabel = [](std::string text, std::string_view from, std::string_view to) {
      for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
      return text;
    };
    const std::string body = PEM_cert_to_DER_cert(relabel(pem, "TLSOCK SESSION", "CERTIFICATE"));
    auto as_session_pem = [&](const std::string& bytes) {
      return relabel(DER_cert_to_PEM_cert(bytes), "CERTIFICATE", "TLSOCK SESSION");
    };
    CHECK(resumes(cctx, sctx, session_from_pem(cctx, as_session_pem(body))));
    for (size_t cut = 0; cut < body.size(); ++cut) {
      CAPTURE(cut);
      CHECK_THROWS_AS(session_from_pem(cctx, as_session_pem(body.substr(0, cut))), std::invalid_argument);
    }
    CHECK_THROWS_AS(session_from_pem(cctx, as_session_pem(body + "x")), std::invalid_argument);
  }
}

TEST_CASE("sessions: ticket_key_rotation (beyond Python's API) validates and rotates the keys") {
  SSLContext sctx = server_context();
  CHECK(sctx.ticket_key_rotation() == 6 * 3600);
  for (int bad : {0, -1, 604801}) {
    CHECK_THROWS_WITH_AS(sctx.set_ticket_key_rotation(bad),
                         "ticket key rotation must be 1..604800 seconds", std::invalid_argument);
  }
  CHECK(sctx.ticket_key_rotation() == 6 * 3600);
  sctx.set_ticket_key_rotation(604800);
  CHECK(sctx.ticket_key_rotation() == 604800);

  // A 1 s period: the key that sealed the ticket stops opening 2 s after it was made. (A
  // TLS 1.2 client resuming by ticket sends a made-up session ID, so the cache cannot stand in.)
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext server = server_context();
    server.set_ticket_key_rotation(1);
    SSLSession session = first_session(cctx, server);
    CHECK(session.has_ticket());
    CHECK(resumes(cctx, server, session));
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    CHECK_FALSE(resumes(cctx, server, session));
  }
}
