// TLS 1.2 through the engine: version negotiation (both sides, RFC 8446 §4.2.1 / §4.1.3),
// every 1.2 suite, resumption by session ID and by ticket, close_notify, and what 1.2 does
// not have (KeyUpdate).
#include <doctest/doctest.h>

#include "engine/connection.hpp"
#include "engine_test_support.hpp"

namespace tlsock::test {
namespace {

ByteView bv(std::string_view s) { return as_bytes(s); }

void send(Connection& c, std::string_view data) {
  auto n = c.write_app(bv(data));
  REQUIRE(n.ok());
  REQUIRE(*n == data.size());
}

void use_versions(ConnectionOptions& o, ProtocolVersion min, ProtocolVersion max) {
  o.min_version = min;
  o.max_version = max;
}

void handshake(EnginePair& p) {
  REQUIRE(p.start().ok());
  p.pump();
  if (p.client->failed()) FAIL("client: " << p.client->error()->message());
  if (p.server->failed()) FAIL("server: " << p.server->error()->message());
  REQUIRE(p.established());
}

void check_traffic_12(EnginePair& p) {
  send(*p.client, "ping from client");
  send(*p.server, "pong from server");
  p.pump();
  CHECK(p.server_received == "ping from client");
  CHECK(p.client_received == "pong from server");
  CHECK(p.client->version() == ProtocolVersion::tls1_2);
  CHECK(p.server->version() == ProtocolVersion::tls1_2);
  CHECK(p.client->cipher_suite() == p.server->cipher_suite());
  CHECK(!p.client->tls_unique().empty());
  CHECK(std::ranges::equal(p.client->tls_unique(), p.server->tls_unique()));
  auto a = p.client->export_keying_material("EXPORTER-test", bv("ctx"), 32);
  auto b = p.server->export_keying_material("EXPORTER-test", bv("ctx"), 32);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a == *b);
}

constexpr ProtocolVersion v12 = ProtocolVersion::tls1_2;
constexpr ProtocolVersion v13 = ProtocolVersion::tls1_3;

struct Suite12Case {
  CipherSuite suite;
  const char* identity;
};

const Suite12Case kSuites[] = {
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "server-p256"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "server-rsa2048"},
};

}  // namespace

TEST_CASE("engine 1.2: every suite, 1.2 forced on the client against a 1.2-1.3 server") {
  for (const Suite12Case& c : kSuites) {
    CAPTURE(name(c.suite));
    EnginePair p(c.identity);
    use_versions(p.client_options, v12, v12);
    use_versions(p.server_options, v12, v13);
    p.client_options.client12.cipher_suites = {c.suite};
    handshake(p);
    CHECK(p.client->cipher_suite() == c.suite);
    CHECK(p.client->peer_authenticated());
    CHECK(p.client->peer_chain().size() == 1);
    check_traffic_12(p);
  }
}

TEST_CASE("engine 1.2: every suite, 1.2 forced on the server against a 1.2-1.3 client") {
  for (const Suite12Case& c : kSuites) {
    CAPTURE(name(c.suite));
    EnginePair p(c.identity);
    use_versions(p.client_options, v12, v13);
    use_versions(p.server_options, v12, v12);
    p.server_options.server12.cipher_suites = {c.suite};
    handshake(p);
    CHECK(p.client->cipher_suite() == c.suite);
    check_traffic_12(p);
  }
}

TEST_CASE("engine 1.2: a 1.2-1.3 pair negotiates 1.3") {
  EnginePair p;
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v13);
  handshake(p);
  CHECK(p.client->version() == v13);
  CHECK(p.server->version() == v13);
}

TEST_CASE("engine 1.2: a 1.3-only client against a 1.2-only server is protocol_version") {
  EnginePair p;
  use_versions(p.server_options, v12, v12);
  REQUIRE(p.start().ok());
  p.pump();
  REQUIRE(p.server->failed());
  CHECK(p.server->error()->alert == AlertDescription::protocol_version);
  REQUIRE(p.client->failed());
}

TEST_CASE("engine 1.2: the downgrade sentinel is refused by a client that offered 1.3") {
  EnginePair p;
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  // A server that can do 1.3 but answers with 1.2 (as after a downgrade): RFC 8446 §4.1.3.
  p.server_options.server12.tls13_enabled = true;
  REQUIRE(p.start().ok());
  p.pump();
  REQUIRE(p.client->failed());
  CHECK(p.client->error()->alert == AlertDescription::illegal_parameter);
  REQUIRE(p.server->failed());
  CHECK(p.server->error()->kind == ErrorKind::peer_alert);
  CHECK(p.server->error()->alert == AlertDescription::illegal_parameter);
}

TEST_CASE("engine 1.2: resumption by session ID and by ticket, from a 1.2-1.3 client") {
  SessionCache12 cache(16, 3600);
  ScriptedRng ticket_rng(7);
  TicketSealer sealer(ticket_rng);
  for (bool tickets : {false, true}) {
    CAPTURE(tickets);
    std::optional<ClientSession12> session;
    {
      EnginePair p;
      use_versions(p.client_options, v12, v13);
      use_versions(p.server_options, v12, v12);
      p.server_options.server12.session_cache = &cache;
      if (tickets) p.server_config.tickets = &sealer;
      handshake(p);
      CHECK(!p.client->resumed());
      REQUIRE(p.client->latest_session12());
      session = *p.client->latest_session12();
      CHECK(session->ticket.empty() == !tickets);
      check_traffic_12(p);
    }
    EnginePair p;
    use_versions(p.client_options, v12, v13);
    use_versions(p.server_options, v12, v12);
    p.server_options.server12.session_cache = &cache;
    if (tickets) p.server_config.tickets = &sealer;
    p.client_options.session12 = session;
    p.clock.advance_ms(5000);
    handshake(p);
    CHECK(p.client->resumed());
    CHECK(p.server->resumed());
    check_traffic_12(p);
  }
}

TEST_CASE("engine 1.2: resumption from a 1.2-only client") {
  SessionCache12 cache(16, 3600);
  std::optional<ClientSession12> session;
  {
    EnginePair p;
    use_versions(p.client_options, v12, v12);
    use_versions(p.server_options, v12, v13);
    p.server_options.server12.session_cache = &cache;
    handshake(p);
    REQUIRE(p.client->latest_session12());
    session = *p.client->latest_session12();
  }
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, v13);
  p.server_options.server12.session_cache = &cache;
  p.client_options.session12 = session;
  handshake(p);
  CHECK(p.client->resumed());
  check_traffic_12(p);
}

TEST_CASE("engine 1.2: close_notify both ways; KeyUpdate is refused without harm") {
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, v12);
  handshake(p);
  auto ku = p.client->key_update(false);
  REQUIRE(!ku.ok());
  CHECK(ku.error().kind == ErrorKind::config);
  CHECK(!p.client->failed());
  send(*p.client, "last words");
  REQUIRE(p.client->close().ok());
  p.pump();
  CHECK(p.server_received == "last words");
  CHECK(p.server->peer_closed());
  send(*p.server, "goodbye");
  REQUIRE(p.server->close().ok());
  p.pump();
  CHECK(p.client_received == "goodbye");
  CHECK(p.client->peer_closed());
  CHECK((p.client->status() & kClosed) != 0);
  CHECK((p.server->status() & kClosed) != 0);
  CHECK(!p.client->failed());
  CHECK(!p.server->failed());
}

TEST_CASE("engine 1.2: the handshake fed one byte at a time") {
  EnginePair p("server-rsa2048");
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  REQUIRE(p.start().ok());
  p.pump(1);
  REQUIRE(p.established());
  check_traffic_12(p);
}

}  // namespace tlsock::test
