// TLS 1.2 through the engine: version negotiation (both sides, RFC 8446 §4.2.1 / §4.1.3),
// every 1.2 suite, resumption by session ID and by ticket, close_notify, and what 1.2 does
// not have (KeyUpdate).
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/connection.hpp"
#include "engine_pair_checks.hpp"
#include "forged_records.hpp"

namespace tlsock::test {
namespace {

void use_versions(ConnectionOptions& o, ProtocolVersion min, ProtocolVersion max) {
  o.min_version = min;
  o.max_version = max;
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

TEST_CASE("engine 1.2: every suite, 1.2 forced by either side against a 1.2-1.3 peer") {
  for (bool client_forces : {true, false}) {
    for (const Suite12Case& c : kSuites) {
      CAPTURE(client_forces);
      CAPTURE(name(c.suite));
      EnginePair p(c.identity);
      use_versions(p.client_options, v12, client_forces ? v12 : v13);
      use_versions(p.server_options, v12, client_forces ? v13 : v12);
      if (client_forces) {
        p.client_config.cipher_suites_12 = {c.suite};
      } else {
        p.server_config.cipher_suites_12 = {c.suite};
      }
      handshake(p);
      CHECK(p.client->cipher_suite() == c.suite);
      CHECK(p.client->peer_authenticated());
      CHECK(p.client->peer_chain().size() == 1);
      CHECK(p.client->extended_master_secret());
      CHECK(p.server->extended_master_secret());
      check_traffic(p, v12);
    }
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
  p.server_config.tls13_enabled = true;
  REQUIRE(p.start().ok());
  p.pump();
  check_refused(*p.client, *p.server, AlertDescription::illegal_parameter);
}

TEST_CASE("engine 1.2: resumption by session ID and by ticket, from a 1.2-1.3 client") {
  SessionCache12 cache(16, 3600);
  TicketSealer sealer;
  for (bool tickets : {false, true}) {
    CAPTURE(tickets);
    std::optional<ClientSession12> session;
    {
      EnginePair p;
      use_versions(p.client_options, v12, v13);
      use_versions(p.server_options, v12, v12);
      p.server_config.session_cache = &cache;
      if (tickets) p.server_config.tickets = &sealer;
      handshake(p);
      CHECK(!p.client->resumed());
      REQUIRE(p.client->latest_session12());
      session = *p.client->latest_session12();
      CHECK(session->ticket.empty() == !tickets);
      check_traffic(p, v12);
    }
    EnginePair p;
    use_versions(p.client_options, v12, v13);
    use_versions(p.server_options, v12, v12);
    p.server_config.session_cache = &cache;
    if (tickets) p.server_config.tickets = &sealer;
    p.client_options.session12 = session;
    p.clock.advance_ms(5000);
    handshake(p);
    CHECK(p.client->resumed());
    CHECK(p.server->resumed());
    check_traffic(p, v12);
  }
}

// RFC 5246 §7.4.1.3: a ServerHello echoing the client's session ID resumes that session. The
// random session ID of TLS 1.3 compatibility mode (RFC 8446 §D.4) names none: echoed when the
// client offered no 1.2 session, it is illegal_parameter (BoGo EchoTLS13CompatibilitySessionID).
TEST_CASE("engine 1.2: a ServerHello echoing the client's compatibility session ID is refused") {
  SessionCache12 cache(16, 3600);
  EnginePair p;
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  p.server_config.session_cache = &cache;  // the server issues a 32-byte session ID
  REQUIRE(p.start().ok());
  // Record header 5, handshake header 4, version 2, random 32: the session ID's length byte.
  constexpr size_t kSessionId = 43;
  Bytes hello = take_output(*p.client);
  REQUIRE(hello[kSessionId] == 32);
  REQUIRE(p.server->feed(hello).ok());
  Bytes flight = take_output(*p.server);
  REQUIRE(flight[kSessionId] == 32);
  std::copy(hello.begin() + kSessionId + 1, hello.begin() + kSessionId + 33,
            flight.begin() + kSessionId + 1);
  check_fails(*p.client, p.client->feed(flight), AlertDescription::illegal_parameter);
}

namespace {

// A full handshake from a 1.2-only client to a server allowing up to `server_max`, whose
// session-ID cache is `cache`: the client's session.
ClientSession12 session12_from(SessionCache12& cache, ProtocolVersion server_max) {
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, server_max);
  p.server_config.session_cache = &cache;
  handshake(p);
  REQUIRE(p.client->latest_session12());
  return *p.client->latest_session12();
}

}  // namespace

TEST_CASE("engine 1.2: resumption from a 1.2-only client") {
  SessionCache12 cache(16, 3600);
  ClientSession12 session = session12_from(cache, v13);
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, v13);
  p.server_config.session_cache = &cache;
  p.client_options.session12 = session;
  handshake(p);
  CHECK(p.client->resumed());
  check_traffic(p, v12);
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
  CHECK((p.client->status() & kEnded) != 0);
  CHECK((p.server->status() & kEnded) != 0);
  CHECK(!p.client->failed());
  CHECK(!p.server->failed());
}

// The soft usage limit means a KeyUpdate in 1.3; 1.2 has none, so writes go on unchanged
// (until the hard limit, where sealing fails).
TEST_CASE("engine 1.2: past the soft write-key limit, writes go on without a KeyUpdate") {
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, v12);
  p.client_options.rekey_after_records = 2;
  handshake(p);
  std::string sent;
  for (int i = 0; i < 5; ++i) {
    CAPTURE(i);
    send(*p.client, "x");
    sent += "x";
    // 1-byte 1.2 GCM record: header 5 + explicit nonce 8 + content 1 + tag 16 = 30.
    CHECK(p.client->pending_output().size() == 30);
    p.pump();
  }
  CHECK(p.server_received == sent);
  CHECK_FALSE(p.client->failed());
}

TEST_CASE("engine 1.2: the handshake fed one byte at a time") {
  EnginePair p("server-rsa2048");
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  REQUIRE(p.start().ok());
  p.pump(1);
  REQUIRE(p.established());
  check_traffic(p, v12);
}

}  // namespace tlsock::test

namespace tlsock::test {

namespace {

// An established 1.2 pair whose server write side the test also plays: the engine's server
// never sends HelloRequest or other misbehaviour, so the test derives the server's 1.2 write
// keys from the client's key log (master secret) and the randoms and seals records as the
// server would after its Finished (which took sequence number 0).
struct ForgingServer12 {
  EnginePair p;
  std::string key_log_line;
  Bytes server_flight;  // the ServerHello's random is in it
  std::optional<Records12> writer;

  ForgingServer12() {
    use_versions(p.client_options, v12, v13);
    use_versions(p.server_options, v12, v12);
    p.client_options.key_log = [this](std::string_view line) { key_log_line = std::string(line); };
    REQUIRE(p.start().ok());
    REQUIRE(p.server->feed(take_output(*p.client)).ok());
    server_flight.assign(p.server->pending_output().begin(), p.server->pending_output().end());
    p.pump();
    REQUIRE(p.established());
    REQUIRE(p.client->version() == v12);
    writer.emplace(*p.client->cipher_suite(), key_log_line, server_flight, Role::server);
    (void)writer->seal(ContentType::handshake, Bytes{20, 0, 0, 0});
  }
  Bytes hello_request() { return writer->seal(ContentType::handshake, Bytes{0, 0, 0, 0}); }
};

}  // namespace

// RFC 5746 §4.2: a client that will not renegotiate answers HelloRequest with a
// no_renegotiation warning and the connection goes on.
TEST_CASE("engine 1.2: HelloRequest after the handshake is refused with a warning") {
  ForgingServer12 f;
  EnginePair& p = f.p;
  Bytes hello_request = f.hello_request();
  auto fed = p.client->feed(hello_request);
  REQUIRE(fed.ok());
  CHECK(*fed == hello_request.size());
  CHECK(!p.client->failed());
  REQUIRE(p.client->has_output());  // the warning
  // The real server takes the warning and carries on (RFC 5246 §7.2.2: warnings are not fatal).
  auto taken = p.server->feed(p.client->pending_output());
  REQUIRE(taken.ok());
  p.client->consume_output(*taken);
  CHECK(!p.server->failed());
  // Both directions still carry data: client -> server for real, "server" -> client forged.
  send(*p.client, "after the refusal");
  p.pump();
  CHECK(p.server_received == "after the refusal");
  Bytes data = {'s', 't', 'i', 'l', 'l', ' ', 'h', 'e', 'r', 'e'};
  auto fed2 = p.client->feed(f.writer->seal(ContentType::application_data, data));
  REQUIRE(fed2.ok());
  uint8_t buf[32];
  auto n = p.client->read_app(buf);
  REQUIRE(n.ok());
  CHECK(std::string(reinterpret_cast<char*>(buf), *n) == "still here");
  CHECK(!p.client->failed());
}

// Each refusal is a warning we send; a peer could ask for them without end. They are bounded
// like the warnings we accept (kMaxConsecutiveWarningAlerts, 4, in a row): the next request
// without application data in between is unexpected_message. After our close_notify a
// HelloRequest gets no answer at all (RFC 5246 §7.2.1).
TEST_CASE("engine 1.2: at most 4 renegotiation refusals in a row without application data") {
  ForgingServer12 f;
  Connection& client = *f.p.client;
  auto refuse = [&](int count) {
    for (int i = 0; i < count; ++i) {
      REQUIRE(client.feed(f.hello_request()).ok());
      REQUIRE(client.has_output());
      take_output(client);
    }
  };
  SUBCASE("the fifth is unexpected_message") {
    refuse(4);
    check_fails(client, client.feed(f.hello_request()), AlertDescription::unexpected_message);
  }
  SUBCASE("application data starts a new run") {
    refuse(4);
    REQUIRE(client.feed(f.writer->seal(ContentType::application_data, Bytes{'x'})).ok());
    uint8_t buf[4];
    REQUIRE(client.read_app(buf).ok());
    refuse(4);
    CHECK(!client.failed());
  }
  SUBCASE("after close_notify: no answer") {
    REQUIRE(client.close().ok());
    take_output(client);
    REQUIRE(client.feed(f.hello_request()).ok());
    CHECK(!client.has_output());
    CHECK(!client.failed());
  }
}

// RFC 5246 §7.4.9: the Finished "is the first one protected with the just negotiated
// algorithms, keys, and secrets"; application data between the peer's ChangeCipherSpec and
// its Finished is unexpected_message, in full and abbreviated handshakes, on both sides. (The
// read keys installed at the ChangeCipherSpec used to pass it to the application.)
TEST_CASE("engine 1.2: application data between the peer's ChangeCipherSpec and its Finished") {
  SessionCache12 cache(16, 3600);
  ClientSession12 session = session12_from(cache, v12);
  for (bool resumed : {false, true}) {
    for (Role refuser : {Role::client, Role::server}) {
      CAPTURE(resumed);
      CAPTURE(refuser == Role::client);
      EnginePair p;
      use_versions(p.client_options, v12, v12);
      use_versions(p.server_options, v12, v12);
      p.server_config.session_cache = &cache;
      if (resumed) p.client_options.session12 = session;
      // The line is the same on both sides; the server logs it first in a resumption.
      std::string line;
      p.client_options.key_log = [&](std::string_view l) { line = std::string(l); };
      p.server_options.key_log = p.client_options.key_log;
      REQUIRE(p.start().ok());
      REQUIRE(p.server->feed(take_output(*p.client)).ok());
      Bytes server_flight = take_output(*p.server);
      // The sender's records that reach the refuser next, with the sender's CCS among them.
      Bytes wire = server_flight;
      if (refuser == Role::server || !resumed) {
        REQUIRE(p.client->feed(server_flight).ok());
        wire = take_output(*p.client);
      }
      if (refuser == Role::client && !resumed) {
        REQUIRE(p.server->feed(wire).ok());
        wire = take_output(*p.server);
      }
      Connection& c = refuser == Role::client ? *p.client : *p.server;
      Bytes up_to_ccs;
      for (const Bytes& r : records_of(wire)) {
        up_to_ccs.insert(up_to_ccs.end(), r.begin(), r.end());
        if (r[0] == 0x14) break;
      }
      REQUIRE(up_to_ccs.size() < wire.size());
      REQUIRE(c.feed(up_to_ccs).ok());
      REQUIRE(!c.failed());
      // The server's suite, from its ServerHello: after the session ID (RFC 5246 §7.4.1.3).
      size_t sid = server_flight[43];
      auto suite = static_cast<CipherSuite>((server_flight[44 + sid] << 8) | server_flight[45 + sid]);
      Records12 sender(suite, line, server_flight, refuser == Role::client ? Role::server : Role::client);
      check_fails(c, c.feed(sender.seal(ContentType::application_data, Bytes{'x'})),
                  AlertDescription::unexpected_message);
    }
  }
}

// RFC 5246 §7.1: the ChangeCipherSpec message is the single byte 1.
TEST_CASE("engine 1.2: a ChangeCipherSpec other than the byte 0x01 is unexpected_message") {
  for (const Bytes& bad : {Bytes{0x14, 3, 3, 0, 1, 0x02}, Bytes{0x14, 3, 3, 0, 2, 0x01, 0x01}}) {
    CAPTURE(bad);
    EnginePair p;
    use_versions(p.client_options, v12, v12);
    use_versions(p.server_options, v12, v12);
    REQUIRE(p.start().ok());
    REQUIRE(p.server->feed(take_output(*p.client)).ok());
    take_output(*p.server);
    check_fails(*p.server, p.server->feed(bad), AlertDescription::unexpected_message);
  }
}

}  // namespace tlsock::test

namespace tlsock::test {

TEST_CASE("engine 1.2: ALPN, SNI, NPN and max_fragment_length") {
  EnginePair p;
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  p.client_config.alpn = {"h2", "http/1.1"};
  p.server_config.alpn = {"http/1.1"};
  p.client_config.npn = {"spdy/3", "http/1.1"};
  p.server_config.npn = {"http/1.1"};
  p.client_config.max_fragment_length = 1;  // 2^9 bytes (RFC 6066 §4)
  handshake(p);
  CHECK(p.client->alpn() == "http/1.1");
  CHECK(p.server->alpn() == "http/1.1");
  CHECK(p.server->server_name() == "example.test");
  // Whether NPN is answered next to ALPN is the 1.2 machines' choice (tests/unit/handshake12
  // covers it); the engine must report the same protocol on both sides.
  CHECK(p.client->npn() == p.server->npn());
  std::string big(3000, 'x');
  send(*p.client, big);
  // Every record the client sent is at most 2^9 bytes of plaintext: 3000 bytes take 6+ records.
  size_t records = 0;
  for (ByteView out = p.client->pending_output(); out.size() >= 5;) {
    size_t len = (size_t{out[3]} << 8) | out[4];
    ++records;
    out = out.subspan(std::min(out.size(), 5 + len));
  }
  CHECK(records >= 6);
  p.pump();
  CHECK(p.server_received == big);
}

TEST_CASE("engine 1.2: NPN without ALPN") {
  EnginePair p;
  use_versions(p.client_options, v12, v12);
  use_versions(p.server_options, v12, v13);
  p.client_config.npn = {"spdy/3", "http/1.1"};
  p.server_config.npn = {"http/1.1", "spdy/3"};
  handshake(p);
  CHECK(!p.client->npn().empty());
  CHECK(p.client->npn() == p.server->npn());
  check_traffic(p, v12);
}

TEST_CASE("engine 1.2: client authentication") {
  auto client_id = load_identity("client-p256");
  REQUIRE(client_id);
  EnginePair p;
  use_versions(p.client_options, v12, v13);
  use_versions(p.server_options, v12, v12);
  p.server_config.client_auth = ClientAuth::required;
  p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
  p.client_config.certificate = *client_id;
  handshake(p);
  CHECK(p.server->peer_authenticated());
  REQUIRE(p.server->peer_chain().size() == 1);
  CHECK(std::ranges::equal(p.server->peer_chain()[0], client_id->chain[0]));
  REQUIRE(p.server->verify_outcome() != nullptr);
  CHECK(p.server->verify_outcome()->ok());
  check_traffic(p, v12);
}

}  // namespace tlsock::test

namespace tlsock::test {
namespace {

// The records of a plaintext flight, as (content type, body).
struct PlainRecord {
  uint8_t type;
  Bytes body;
};

std::vector<PlainRecord> split_records(ByteView flight) {
  std::vector<PlainRecord> records;
  while (flight.size() >= 5) {
    size_t len = (size_t{flight[3]} << 8) | flight[4];
    REQUIRE(flight.size() >= 5 + len);
    records.push_back({flight[0], Bytes(flight.begin() + 5, flight.begin() + 5 + static_cast<ptrdiff_t>(len))});
    flight = flight.subspan(5 + len);
  }
  return records;
}

// The records again, with the run of handshake records from `first` on joined into one.
Bytes join_handshake_records(const std::vector<PlainRecord>& records, size_t first) {
  Bytes out;
  auto put = [&](uint8_t type, const Bytes& body) {
    out.insert(out.end(), {type, 3, 3, static_cast<uint8_t>(body.size() >> 8), static_cast<uint8_t>(body.size())});
    out.insert(out.end(), body.begin(), body.end());
  };
  Bytes joined;
  size_t i = 0;
  for (; i < records.size(); ++i) {
    bool in_run = i >= first && records[i].type == static_cast<uint8_t>(ContentType::handshake);
    if (i > first && !in_run) break;
    if (in_run) {
      joined.insert(joined.end(), records[i].body.begin(), records[i].body.end());
    } else {
      put(records[i].type, records[i].body);
    }
  }
  put(static_cast<uint8_t>(ContentType::handshake), joined);
  for (; i < records.size(); ++i) put(records[i].type, records[i].body);
  return out;
}

}  // namespace

// RFC 6066 §4: the negotiated limit holds from the message after the ServerHello on, for
// handshake messages too, in both directions; a larger record is record_overflow.
TEST_CASE("engine 1.2: max_fragment_length from the ServerHello on; record_overflow beyond it") {
  constexpr size_t kLimit = 512;  // code 1
  for (bool server_receives : {false, true}) {
    CAPTURE(server_receives);
    auto client_id = load_identity("client-p256");
    REQUIRE(client_id);
    EnginePair p("server-rsa2048");  // its Certificate message alone exceeds 512 bytes
    use_versions(p.client_options, v12, v12);
    use_versions(p.server_options, v12, v12);
    p.client_config.max_fragment_length = 1;
    p.server_config.client_auth = ClientAuth::required;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    p.client_config.certificate = *client_id;
    REQUIRE(p.start().ok());
    auto took = p.server->feed(p.client->pending_output());
    REQUIRE(took.ok());
    p.client->consume_output(*took);

    // The server's flight: the ServerHello, then records of at most 512 bytes.
    auto server_flight = split_records(p.server->pending_output());
    REQUIRE(server_flight.size() >= 5);
    CHECK(server_flight[0].body[0] == static_cast<uint8_t>(HandshakeType::server_hello));
    size_t total = 0;
    for (size_t i = 1; i < server_flight.size(); ++i) {
      CHECK(server_flight[i].body.size() <= kLimit);
      total += server_flight[i].body.size();
    }
    REQUIRE(total > kLimit);
    if (!server_receives) {
      auto fed = p.client->feed(join_handshake_records(server_flight, 1));
      REQUIRE(!fed.ok());
      CHECK(fed.error().alert == AlertDescription::record_overflow);
      continue;
    }
    auto fed_flight = p.client->feed(p.server->pending_output());
    REQUIRE(fed_flight.ok());
    p.server->consume_output(*fed_flight);
    // The client's flight (Certificate, ClientKeyExchange, CertificateVerify, ...) keeps the
    // limit too; joined into one record it is refused.
    auto client_flight = split_records(p.client->pending_output());
    REQUIRE(client_flight.size() >= 4);
    for (const auto& r : client_flight) {
      if (r.type == static_cast<uint8_t>(ContentType::handshake)) CHECK(r.body.size() <= kLimit);
      if (r.type != static_cast<uint8_t>(ContentType::handshake)) break;
    }
    auto fed = p.server->feed(join_handshake_records(client_flight, 0));
    REQUIRE(!fed.ok());
    CHECK(fed.error().alert == AlertDescription::record_overflow);
  }
}

}  // namespace tlsock::test
