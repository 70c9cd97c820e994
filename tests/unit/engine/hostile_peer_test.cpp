// TLS 1.3 records a hostile or broken peer sends around the handshake: hand-made records fed
// to one side of an in-memory pair, and the exact alert and Error it answers with. Each case
// must end with the connection failed (or closed), never consuming and waiting.
#include <doctest/doctest.h>

#include "engine/connection.hpp"
#include "engine_pair_checks.hpp"
#include "forged_records.hpp"
#include "handshake/limits.hpp"

namespace tlsock::test {
namespace {

const Bytes kCcs = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A pair whose server logs every secret (the test seals records as either side).
struct LoggedPair {
  std::vector<std::string> log;
  EnginePair p;
  LoggedPair() {
    p.server_options.key_log = [this](std::string_view l) { log.emplace_back(l); };
  }
  Records13 records(std::string_view label) { return Records13(logged_secret(log, label)); }
};

// Feeds `wire` to `c` `chunk` bytes at a time; the first error, else the bytes taken.
Result<size_t> feed_in_chunks(Connection& c, ByteView wire, size_t chunk) {
  size_t taken = 0;
  for (size_t at = 0; at < wire.size(); at += chunk) {
    auto piece = wire.subspan(at, std::min(chunk, wire.size() - at));
    auto took = c.feed(piece);
    if (!took.ok()) return took;
    taken += *took;
  }
  return taken;
}

}  // namespace

// RFC 8446 §5: one unprotected ChangeCipherSpec of the single byte 0x01, between the first
// ClientHello and the peer's Finished; Appendix D.4: once per side. Anything else is
// unexpected_message at once (it used to leave the server waiting: a second CCS was dropped).
TEST_CASE("engine: TLS 1.3 ChangeCipherSpec: the byte 0x01, once, inside the handshake") {
  SUBCASE("server: a second one, in the ClientHello's segment or in a later one") {
    for (bool one_segment : {true, false}) {
      CAPTURE(one_segment);
      EnginePair p;
      REQUIRE(p.start().ok());
      Bytes hello = take_output(*p.client);
      Result<size_t> fed = size_t{0};
      if (one_segment) {
        fed = p.server->feed(cat(cat(hello, kCcs), kCcs));
      } else {
        REQUIRE(p.server->feed(cat(hello, kCcs)).ok());
        REQUIRE(!p.server->failed());
        take_output(*p.server);
        fed = p.server->feed(kCcs);
      }
      check_fails(*p.server, fed, AlertDescription::unexpected_message);
    }
  }
  SUBCASE("server: another value or length") {
    for (const Bytes& bad : {Bytes{0x14, 3, 3, 0, 1, 0x02}, Bytes{0x14, 3, 3, 0, 1, 0x00},
                             Bytes{0x14, 3, 3, 0, 2, 0x01, 0x01}, Bytes{0x14, 3, 3, 0, 0}}) {
      CAPTURE(bad);
      EnginePair p;
      REQUIRE(p.start().ok());
      check_fails(*p.server, p.server->feed(cat(take_output(*p.client), bad)),
                  AlertDescription::unexpected_message);
    }
  }
  SUBCASE("server: before the ClientHello") {
    EnginePair p;
    REQUIRE(p.start().ok());
    check_fails(*p.server, p.server->feed(kCcs), AlertDescription::unexpected_message);
  }
  SUBCASE("either side: after the peer's Finished") {
    for (Role role : {Role::client, Role::server}) {
      CAPTURE(role == Role::client);
      EnginePair p;
      handshake(p);
      Connection& c = role == Role::client ? *p.client : *p.server;
      check_fails(c, c.feed(kCcs), AlertDescription::unexpected_message);
    }
  }
  SUBCASE("client: a second one in the server's flight") {
    EnginePair p;
    REQUIRE(p.start().ok());
    EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);
    auto records = records_of(take_output(*p.server));
    REQUIRE(records.size() > 2);
    REQUIRE(records[1] == kCcs);
    records.insert(records.begin() + 2, kCcs);
    check_fails(*p.client, p.client->feed(joined(records)), AlertDescription::unexpected_message);
  }
}

// RFC 8446 §2: application data is sent after the Finished; the record layer passes empty
// records up and the engine refuses them too (they used to be dropped, leaving a peer that
// sends nothing else waiting for an answer forever). "padded": content empty, inner type
// application_data, then zeros (RFC 8446 §5.4).
TEST_CASE("engine: TLS 1.3 application data before the peer's Finished, even empty, is unexpected_message") {
  struct Row {
    const char* what;
    Bytes content;
    size_t padding;
  };
  const Row rows[] = {{"empty", {}, 0}, {"empty, padded", {}, 16}, {"one byte", {'x'}, 0}};
  for (const Row& row : rows) {
    CAPTURE(row.what);
    {
      // Server: under the client's handshake keys, before its Finished.
      LoggedPair lp;
      REQUIRE(lp.p.start().ok());
      REQUIRE(lp.p.server->feed(take_output(*lp.p.client)).ok());
      take_output(*lp.p.server);
      Records13 client_hs = lp.records("CLIENT_HANDSHAKE_TRAFFIC_SECRET");
      Bytes forged = client_hs.seal(ContentType::application_data, row.content, row.padding);
      check_fails(*lp.p.server, lp.p.server->feed(forged), AlertDescription::unexpected_message);
    }
    {
      // Client: under the server's handshake keys, in place of its EncryptedExtensions.
      LoggedPair lp;
      REQUIRE(lp.p.start().ok());
      EnginePair::transfer(*lp.p.client, *lp.p.server, lp.p.server_received, SIZE_MAX);
      auto records = records_of(take_output(*lp.p.server));
      REQUIRE(records.size() > 2);
      Records13 server_hs = lp.records("SERVER_HANDSHAKE_TRAFFIC_SECRET");
      Bytes wire = cat(cat(records[0], records[1]),
                       server_hs.seal(ContentType::application_data, row.content, row.padding));
      check_fails(*lp.p.client, lp.p.client->feed(wire), AlertDescription::unexpected_message);
    }
  }
}

// RFC 8446 Appendix A.1: a client that cannot process the ServerHello may send its alert "in
// the clear". The server, which reads with the client's handshake keys by then, takes it as
// the client's alert (peer_alert, nothing sent back) until a protected record has arrived.
TEST_CASE("engine: a plaintext alert after the server's ServerHello is the client's alert") {
  const Bytes alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};  // fatal handshake_failure
  for (bool after_ccs : {false, true}) {
    CAPTURE(after_ccs);
    EnginePair p;
    REQUIRE(p.start().ok());
    Bytes hello = take_output(*p.client);
    REQUIRE(p.server->feed(after_ccs ? cat(hello, kCcs) : hello).ok());
    take_output(*p.server);
    auto fed = p.server->feed(alert);
    REQUIRE_FALSE(fed.ok());
    CHECK(fed.error().kind == ErrorKind::peer_alert);
    CHECK(fed.error().alert == AlertDescription::handshake_failure);
    REQUIRE(p.server->failed());
    CHECK((p.server->status() & kEnded) != 0);
    CHECK(!p.server->has_output());  // no alert answers an alert
  }
  SUBCASE("after the client's protected records it is unexpected_message") {
    EnginePair p;
    handshake(p);
    check_fails(*p.server, p.server->feed(alert), AlertDescription::unexpected_message);
  }
}

// A client that reads the server's NewSessionTickets and closes at once (close_notify right
// after the tickets, or with its Finished before they arrive): the server sees a clean close.
TEST_CASE("engine: a client closing right after the NewSessionTickets is a clean close") {
  TicketSealer sealer;
  for (bool before_tickets : {false, true}) {
    CAPTURE(before_tickets);
    EnginePair p;
    p.server_config.tickets = &sealer;
    REQUIRE(p.start().ok());
    EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);
    EnginePair::transfer(*p.server, *p.client, p.client_received, SIZE_MAX);
    REQUIRE(p.client->handshake_done());
    if (before_tickets) {
      REQUIRE(p.client->close().ok());  // Finished + close_notify in one segment
    } else {
      EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);  // Finished
      EnginePair::transfer(*p.server, *p.client, p.client_received, SIZE_MAX);  // tickets
      CHECK(p.client->sessions_received() > 0);
      REQUIRE(p.client->close().ok());
    }
    auto fed = p.server->feed(take_output(*p.client));
    REQUIRE(fed.ok());
    CHECK(p.server->peer_closed());
    CHECK(!p.server->failed());
    CHECK(!p.server->wants_input());
    uint8_t buf[8];
    auto r = p.server->read_app(buf);
    REQUIRE(r.ok());
    CHECK(*r == 0);
    REQUIRE(p.server->close().ok());
    CHECK((p.server->status() & kEnded) != 0);
    p.pump();
    CHECK(!p.client->failed());
    CHECK(p.client->peer_closed());
    CHECK((p.client->status() & kEnded) != 0);
  }
}

namespace {

// `flight` (a ClientHello record) with an empty early_data extension appended to the
// ClientHello: what a client attempting 0-RTT sends (the pair's client offers it only with a
// ticket and would offer it again after a HelloRetryRequest, which a real client does not).
Bytes with_early_data(const Bytes& flight) {
  auto records = records_of(flight);
  REQUIRE(records.size() == 1);
  Bytes r = records[0];
  REQUIRE(r[5] == 1);  // ClientHello
  size_t at = 5 + 4 + 2 + 32;
  at += 1 + r[at];                                     // legacy_session_id
  at += 2 + ((size_t{r[at]} << 8) | r[at + 1]);        // cipher_suites
  at += 1 + r[at];                                     // legacy_compression_methods
  size_t extensions = (size_t{r[at]} << 8) | r[at + 1];
  REQUIRE(at + 2 + extensions == r.size());
  auto bump = [&](size_t offset, size_t width) {
    size_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | r[offset + i];
    v += 4;
    for (size_t i = width; i-- > 0; v >>= 8) r[offset + i] = static_cast<uint8_t>(v);
  };
  bump(3, 2);   // record length
  bump(6, 3);   // handshake length
  bump(at, 2);  // extensions length
  r.insert(r.end(), {0x00, 0x2a, 0x00, 0x00});  // early_data, empty (RFC 8446 §4.2.10)
  return r;
}

// `count` application_data records of `body` bytes each: early data the server cannot read.
Bytes early_records(size_t count, size_t body) {
  Bytes out;
  for (size_t n = 0; n < count; ++n) {
    out.insert(out.end(), {0x17, 0x03, 0x03, static_cast<uint8_t>(body >> 8), static_cast<uint8_t>(body)});
    for (size_t i = 0; i < body; ++i) out.push_back(static_cast<uint8_t>(n * 31 + i * 7));
  }
  return out;
}

}  // namespace

// RFC 8446 §4.2.10: a server answering a ClientHello that offered early data with a
// HelloRetryRequest "ignores early data by skipping all records with an external content type
// of "application_data" ... up to the configured max_early_data_size", until the second
// ClientHello. They used to fail as protected records where none were expected.
TEST_CASE("engine: after a HelloRetryRequest, early data records are skipped until the second ClientHello") {
  for (size_t chunk : {SIZE_MAX, size_t{1}, size_t{7}}) {
    for (bool ccs : {false, true}) {
      CAPTURE(chunk);
      CAPTURE(ccs);
      EnginePair p;
      p.server_config.groups = {NamedGroup::secp384r1};  // the client's first share is refused
      REQUIRE(p.start().ok());
      Bytes first = with_early_data(take_output(*p.client));
      if (ccs) first = cat(first, kCcs);  // RFC 8446 D.4: right after the first ClientHello
      first = cat(first, early_records(3, 1000));
      auto fed = feed_in_chunks(*p.server, first, chunk);
      REQUIRE(fed.ok());
      CHECK(*fed == first.size());
      REQUIRE(!p.server->failed());
      auto retry = records_of(take_output(*p.server));
      REQUIRE(!retry.empty());
      CHECK(retry[0][5] == 2);  // the HelloRetryRequest (a ServerHello message)
      // More early data after the HelloRetryRequest is still early data.
      REQUIRE(feed_in_chunks(*p.server, early_records(2, 500), chunk).ok());
      REQUIRE(p.client->feed(joined(retry)).ok());
      Bytes second;
      for (const Bytes& r : records_of(take_output(*p.client))) {
        if (!(ccs && r == kCcs)) second = cat(second, r);  // one CCS per side
      }
      fed = feed_in_chunks(*p.server, second, chunk);
      REQUIRE(fed.ok());
      REQUIRE(!p.server->failed());
      auto answer = records_of(take_output(*p.server));
      REQUIRE(answer.size() > 1);
      CHECK(answer[0][0] == 0x16);
      CHECK(answer[0][5] == 2);  // ServerHello
      CHECK(answer.back()[0] == 0x17);  // and the encrypted flight after it
    }
  }
  SUBCASE("more than the budget is unexpected_message") {
    EnginePair p;
    p.server_config.groups = {NamedGroup::secp384r1};
    REQUIRE(p.start().ok());
    REQUIRE(p.server->feed(with_early_data(take_output(*p.client))).ok());
    // kMaxEarlyDataToSkip (64 KiB) fits in three maximal records, not in four.
    REQUIRE(p.server->feed(early_records(3, kMaxCiphertextLength13)).ok());
    check_fails(*p.server, p.server->feed(early_records(1, kMaxCiphertextLength13)),
                AlertDescription::unexpected_message);
  }
  SUBCASE("without an early_data offer nothing is skipped") {
    EnginePair p;
    p.server_config.groups = {NamedGroup::secp384r1};
    REQUIRE(p.start().ok());
    REQUIRE(p.server->feed(take_output(*p.client)).ok());
    check_fails(*p.server, p.server->feed(early_records(1, 100)),
                AlertDescription::unexpected_message);
  }
}

// RFC 8446 §4.6.3: each KeyUpdate rekeys (and update_requested makes us answer). A run of
// more than 32 with no application data in between is unexpected_message (BoringSSL's
// kMaxKeyUpdates); application data starts a new run, an empty record does not.
TEST_CASE("engine: at most 32 KeyUpdates in a row without application data") {
  LoggedPair lp;
  handshake(lp.p);
  Connection& server = *lp.p.server;
  Records13 client_app = lp.records("CLIENT_TRAFFIC_SECRET_0");
  auto key_update = [&](bool requested) {
    Bytes r = client_app.seal(ContentType::handshake, Bytes{24, 0, 0, 1, requested ? uint8_t{1} : uint8_t{0}});
    client_app.update();
    return r;
  };
  auto run = [&](int count) {
    for (int i = 0; i < count; ++i) {
      auto fed = server.feed(key_update(i % 2 == 0));
      REQUIRE(fed.ok());
    }
  };
  SUBCASE("the 33rd is refused") {
    run(32);
    CHECK(!server.has_output());  // the answer to update_requested waits for our next data
    check_fails(server, server.feed(key_update(true)), AlertDescription::unexpected_message);
  }
  SUBCASE("application data ends a run, an empty record does not") {
    run(32);
    REQUIRE(server.feed(client_app.seal(ContentType::application_data, Bytes{'x'})).ok());
    uint8_t buf[4];
    auto n = server.read_app(buf);
    REQUIRE(n.ok());
    CHECK(*n == 1);
    run(32);
    REQUIRE(server.feed(client_app.seal(ContentType::application_data, Bytes{})).ok());
    CHECK(!server.failed());
    take_output(server);
    check_fails(server, server.feed(key_update(false)), AlertDescription::unexpected_message);
  }
}

// RFC 8446 §4.6.3: KeyUpdate(update_requested) makes us send a KeyUpdate "prior to sending [our]
// next Application Data record", and "an implementation which receives multiple KeyUpdates
// while it is silent [responds] with a single update" (BoGo KeyUpdate-RequestACK).
TEST_CASE("engine: KeyUpdate requests received while silent get one KeyUpdate, before our data") {
  LoggedPair lp;
  handshake(lp.p);
  Connection& server = *lp.p.server;
  Records13 client_app = lp.records("CLIENT_TRAFFIC_SECRET_0");
  Records13 server_app = lp.records("SERVER_TRAFFIC_SECRET_0");
  for (int i = 0; i < 5; ++i) {
    REQUIRE(server.feed(client_app.seal(ContentType::handshake, Bytes{24, 0, 0, 1, 1})).ok());
    client_app.update();
  }
  CHECK(!server.has_output());
  REQUIRE(server.write_app(Bytes{'h', 'i'}).ok());
  auto records = records_of(take_output(server));
  REQUIRE(records.size() == 2);
  CHECK(server_app.open(records[0]) == Bytes{24, 0, 0, 1, 0});  // KeyUpdate(update_not_requested)
  server_app.update();
  CHECK(server_app.open(records[1]) == Bytes{'h', 'i'});
  // Paid: the next data goes alone, and so does a write after a request without data between.
  REQUIRE(server.write_app(Bytes{'!'}).ok());
  CHECK(records_of(take_output(server)).size() == 1);
  REQUIRE(server.feed(client_app.seal(ContentType::handshake, Bytes{24, 0, 0, 1, 1})).ok());
  REQUIRE(server.write_app(Bytes{'?'}).ok());
  CHECK(records_of(take_output(server)).size() == 2);
  CHECK(!server.failed());
}

// RFC 8446 §6.1: close_notify says "the sender will not send any more messages on this
// connection". What the peer sends afterwards is still read, and answered with nothing.
TEST_CASE("engine: nothing is sent after our close_notify") {
  SUBCASE("a KeyUpdate request gets no KeyUpdate") {
    LoggedPair lp;
    handshake(lp.p);
    Records13 client_app = lp.records("CLIENT_TRAFFIC_SECRET_0");
    REQUIRE(lp.p.server->close().ok());
    REQUIRE(records_of(take_output(*lp.p.server)).size() == 1);
    auto fed = lp.p.server->feed(client_app.seal(ContentType::handshake, Bytes{24, 0, 0, 1, 1}));
    REQUIRE(fed.ok());
    CHECK(!lp.p.server->has_output());
    CHECK(!lp.p.server->failed());
  }
  SUBCASE("a post-handshake CertificateRequest gets no Certificate") {
    EnginePair p;
    offer_post_handshake_auth(p);
    handshake(p);
    REQUIRE(p.server->request_client_certificate().ok());
    REQUIRE(p.client->close().ok());
    REQUIRE(records_of(take_output(*p.client)).size() == 1);
    REQUIRE(p.client->feed(take_output(*p.server)).ok());
    CHECK(!p.client->has_output());
    CHECK(!p.client->failed());
  }
  SUBCASE("a fatal error sends no alert") {
    EnginePair p;
    handshake(p);
    REQUIRE(p.server->close().ok());
    take_output(*p.server);
    auto fed = p.server->feed(kCcs);
    REQUIRE_FALSE(fed.ok());
    CHECK(fed.error().alert == AlertDescription::unexpected_message);
    CHECK(!p.server->has_output());
    CHECK((p.server->status() & kEnded) != 0);
  }
}

}  // namespace tlsock::test
