// In-memory client/server pairs of Connections: every suite x group x certificate type, and
// each feature of the engine end to end (records, alerts, keys, tickets, close).
#include <doctest/doctest.h>

#include <map>

#include "engine/connection.hpp"
#include "engine_test_support.hpp"
#include "record/record_limits.hpp"

namespace tlsock::test {
namespace {

ByteView bv(std::string_view s) { return as_bytes(s); }

void send(Connection& c, std::string_view data) {
  auto n = c.write_app(bv(data));
  REQUIRE(n.ok());
  REQUIRE(*n == data.size());
}

void handshake(EnginePair& p, size_t chunk = SIZE_MAX) {
  REQUIRE(p.start().ok());
  p.pump(chunk);
  if (p.client->failed()) FAIL("client: " << p.client->error()->message());
  if (p.server->failed()) FAIL("server: " << p.server->error()->message());
  REQUIRE(p.established());
}

// Both directions carry data and agree on what they negotiated.
void check_traffic(EnginePair& p) {
  send(*p.client, "ping from client");
  send(*p.server, "pong from server");
  p.pump();
  CHECK(p.server_received == "ping from client");
  CHECK(p.client_received == "pong from server");
  CHECK(p.client->cipher_suite() == p.server->cipher_suite());
  CHECK(p.client->group() == p.server->group());
  CHECK(p.client->version() == ProtocolVersion::tls1_3);
  CHECK(!p.client->tls_unique().empty());
  CHECK(std::ranges::equal(p.client->tls_unique(), p.server->tls_unique()));
  auto a = p.client->export_keying_material("EXPORTER-test", bv("ctx"), 32);
  auto b = p.server->export_keying_material("EXPORTER-test", bv("ctx"), 32);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == 32);
  CHECK(*a == *b);
}

struct CertCase {
  const char* identity;
  SignatureScheme scheme;
};

}  // namespace

TEST_CASE("engine: every suite x group x certificate type") {
  const CipherSuite suites[] = {CipherSuite::TLS_AES_128_GCM_SHA256, CipherSuite::TLS_AES_256_GCM_SHA384,
                                CipherSuite::TLS_CHACHA20_POLY1305_SHA256};
  const NamedGroup groups[] = {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};
  const CertCase certs[] = {{"server-p256", SignatureScheme::ecdsa_secp256r1_sha256},
                            {"server-p384", SignatureScheme::ecdsa_secp384r1_sha384},
                            {"server-rsa2048", SignatureScheme::rsa_pss_rsae_sha256},
                            {"server-ed25519", SignatureScheme::ed25519}};
  for (CipherSuite suite : suites) {
    for (NamedGroup group : groups) {
      for (const CertCase& cert : certs) {
        CAPTURE(name(suite));
        CAPTURE(name(group));
        CAPTURE(cert.identity);
        EnginePair p(cert.identity);
        p.client_config.cipher_suites = {suite};
        p.client_config.groups = {group};
        p.client_config.key_share_groups = {group};
        handshake(p);
        CHECK(p.client->cipher_suite() == suite);
        CHECK(p.client->group() == group);
        CHECK(p.client->peer_signature_scheme() == cert.scheme);
        CHECK(!p.client->resumed());
        CHECK(p.client->peer_authenticated());
        REQUIRE(p.client->verify_outcome() != nullptr);
        CHECK(p.client->verify_outcome()->ok());
        CHECK(p.client->verify_outcome()->verified_chain.size() == 2);
        CHECK(p.client->peer_chain().size() == 1);
        check_traffic(p);
      }
    }
  }
}

TEST_CASE("engine: HelloRetryRequest when the client's share is not acceptable") {
  EnginePair p;
  p.server_config.groups = {NamedGroup::secp384r1};
  handshake(p);
  CHECK(p.client->group() == NamedGroup::secp384r1);
  check_traffic(p);
}

TEST_CASE("engine: ALPN by the server's preference; no overlap is no ALPN") {
  EnginePair p;
  p.client_config.alpn = {"h2", "http/1.1"};
  p.server_config.alpn = {"http/1.1", "h2"};
  handshake(p);
  CHECK(p.client->alpn() == "http/1.1");
  CHECK(p.server->alpn() == "http/1.1");

  EnginePair q;
  q.client_config.alpn = {"h2"};
  q.server_config.alpn = {"spdy/1"};
  handshake(q);
  CHECK(q.client->alpn().empty());
  CHECK(q.server->alpn().empty());
}

TEST_CASE("engine: SNI reaches the server; the hostname is checked") {
  EnginePair p;
  handshake(p);
  CHECK(p.server->server_name() == "example.test");
  CHECK(p.client->server_name() == "example.test");

  EnginePair wrong;
  wrong.client_config.server_name = "other.test";
  wrong.client_options.verify->hostname = "other.test";
  REQUIRE(wrong.start().ok());
  wrong.pump();
  REQUIRE(wrong.client->failed());
  CHECK(wrong.client->error()->kind == ErrorKind::certificate);
  REQUIRE(wrong.client->verify_outcome() != nullptr);
  CHECK(wrong.client->verify_outcome()->verify_code == x509::X509_V_ERR_HOSTNAME_MISMATCH);
  REQUIRE(wrong.server->failed());
  CHECK(wrong.server->error()->kind == ErrorKind::peer_alert);
  CHECK(wrong.server->error()->alert == wrong.client->error()->alert);
}

TEST_CASE("engine: bad certificates fail with the right alert and verify code") {
  SUBCASE("unknown CA") {
    EnginePair p;
    p.client_options.verify->verifier = verifier_trusting("other-ca.pem");
    REQUIRE(p.start().ok());
    p.pump();
    REQUIRE(p.client->failed());
    CHECK(p.client->error()->alert == AlertDescription::unknown_ca);
    REQUIRE(p.client->verify_outcome() != nullptr);
    CHECK(p.client->verify_outcome()->verify_code ==
          x509::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    REQUIRE(p.server->failed());
    CHECK(p.server->error()->kind == ErrorKind::peer_alert);
    CHECK(p.server->error()->alert == AlertDescription::unknown_ca);
  }
  SUBCASE("expired") {
    EnginePair p("expired-p256");
    REQUIRE(p.start().ok());
    p.pump();
    REQUIRE(p.client->failed());
    CHECK(p.client->error()->alert == AlertDescription::certificate_expired);
    REQUIRE(p.client->verify_outcome() != nullptr);
    CHECK(p.client->verify_outcome()->verify_code == x509::X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(p.server->error()->alert == AlertDescription::certificate_expired);
  }
  SUBCASE("CERT_NONE: no validation, the CertificateVerify is still checked") {
    EnginePair p("expired-p256");
    p.client_options.verify->verifier = nullptr;
    handshake(p);
    CHECK(p.client->verify_outcome() == nullptr);
    CHECK(p.client->peer_chain().size() == 1);
    check_traffic(p);
  }
}

TEST_CASE("engine: client authentication") {
  auto client_id = load_identity("client-p256");
  REQUIRE(client_id);
  SUBCASE("required and given") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::required;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    p.client_config.certificate = *client_id;
    handshake(p);
    CHECK(p.server->peer_authenticated());
    CHECK(p.server->peer_signature_scheme() == SignatureScheme::ecdsa_secp256r1_sha256);
    REQUIRE(p.server->peer_chain().size() == 1);
    CHECK(p.server->peer_chain()[0] == client_id->chain[0]);
    REQUIRE(p.server->verify_outcome() != nullptr);
    CHECK(p.server->verify_outcome()->ok());
    check_traffic(p);
  }
  SUBCASE("required and missing: certificate_required") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::required;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    REQUIRE(p.start().ok());
    p.pump();
    REQUIRE(p.server->failed());
    CHECK(p.server->error()->alert == AlertDescription::certificate_required);
    REQUIRE(p.client->failed());
    CHECK(p.client->error()->kind == ErrorKind::peer_alert);
    CHECK(p.client->error()->alert == AlertDescription::certificate_required);
  }
  SUBCASE("optional and missing") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::optional;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    handshake(p);
    CHECK(!p.server->peer_authenticated());
    CHECK(p.server->peer_chain().empty());
    check_traffic(p);
  }
  SUBCASE("a client certificate from an unknown CA") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::optional;
    p.server_options.verify = policy_trusting("other-ca.pem", std::nullopt);
    p.client_config.certificate = *client_id;
    REQUIRE(p.start().ok());
    p.pump();
    REQUIRE(p.server->failed());
    CHECK(p.server->error()->alert == AlertDescription::unknown_ca);
    CHECK(p.client->error()->alert == AlertDescription::unknown_ca);
  }
}

TEST_CASE("engine: resumption with a ticket") {
  ScriptedRng ticket_rng(7);
  TicketSealer sealer(ticket_rng);
  std::optional<ClientSession13> session;
  {
    EnginePair p;
    p.server_config.tickets = &sealer;
    handshake(p);
    CHECK(p.client->sessions_received() == 2);  // ServerConfig::ticket_count default
    REQUIRE(p.client->latest_session());
    session = *p.client->latest_session();
    check_traffic(p);
  }
  EnginePair p;
  p.server_config.tickets = &sealer;
  p.client_options.session = session;
  p.clock.advance_ms(5000);
  handshake(p);
  CHECK(p.client->resumed());
  CHECK(p.server->resumed());
  CHECK(!p.client->peer_signature_scheme());
  CHECK(p.client->peer_chain().empty());
  check_traffic(p);

  SUBCASE("another SNI does not resume") {
    EnginePair q;
    q.server_config.tickets = &sealer;
    q.client_config.server_name = "localhost";
    q.client_options.verify->hostname = "localhost";
    q.client_options.session = session;
    handshake(q);
    CHECK(!q.client->resumed());
  }
}

TEST_CASE("engine: KeyUpdate both ways, with and without update_requested") {
  EnginePair p;
  handshake(p);
  REQUIRE(p.client->key_update(true).ok());
  send(*p.client, "after client update");
  p.pump();
  CHECK(p.server_received == "after client update");
  send(*p.server, "server answers under new keys");
  p.pump();
  CHECK(p.client_received == "server answers under new keys");
  REQUIRE(p.server->key_update(false).ok());
  send(*p.server, "+more");
  send(*p.client, "+more");
  p.pump();
  CHECK(p.client_received == "server answers under new keys+more");
  CHECK(p.server_received == "after client update+more");
  CHECK(!p.client->failed());
  CHECK(!p.server->failed());
}

TEST_CASE("engine: key_update before the handshake is a config error, not fatal") {
  EnginePair p;
  REQUIRE(p.start().ok());
  auto s = p.client->key_update(false);
  REQUIRE(!s.ok());
  CHECK(s.error().kind == ErrorKind::config);
  CHECK(!p.client->failed());
  p.pump();
  CHECK(p.established());
}

TEST_CASE("engine: post-handshake client authentication") {
  auto client_id = load_identity("client-p256");
  REQUIRE(client_id);
  EnginePair p;
  p.client_config.post_handshake_auth = true;
  p.client_config.certificate = *client_id;
  p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
  handshake(p);
  CHECK(p.server->peer_chain().empty());
  REQUIRE(p.server->request_client_certificate().ok());
  CHECK(p.server->post_handshake_auth_pending());
  // A second request while one is outstanding is refused without harm.
  CHECK(p.server->request_client_certificate().error().kind == ErrorKind::config);
  p.pump();
  CHECK(!p.server->post_handshake_auth_pending());
  REQUIRE(p.server->peer_chain().size() == 1);
  CHECK(p.server->peer_chain()[0] == client_id->chain[0]);
  REQUIRE(p.server->verify_outcome() != nullptr);
  CHECK(p.server->verify_outcome()->ok());
  check_traffic(p);

  SUBCASE("not offered: refused, the connection goes on") {
    EnginePair q;
    q.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    handshake(q);
    auto s = q.server->request_client_certificate();
    REQUIRE(!s.ok());
    CHECK(s.error().kind == ErrorKind::config);
    CHECK(!q.server->failed());
    check_traffic(q);
  }
}

TEST_CASE("engine: close_notify") {
  EnginePair p;
  handshake(p);
  send(*p.client, "last words");
  REQUIRE(p.client->close().ok());
  CHECK(p.client->closed());
  auto refused = p.client->write_app(bv("more"));
  REQUIRE(!refused.ok());
  CHECK(refused.error().kind == ErrorKind::closed);
  p.pump();
  CHECK(p.server_received == "last words");
  CHECK(p.server->peer_closed());
  uint8_t buf[16];
  auto r = p.server->read_app(buf);
  REQUIRE(r.ok());
  CHECK(*r == 0);
  // Half-close: the server still writes, the client still reads (RFC 8446 §6.1).
  send(*p.server, "goodbye");
  REQUIRE(p.server->close().ok());
  p.pump();
  CHECK(p.client_received == "goodbye");
  CHECK(p.client->peer_closed());
  CHECK((p.client->status() & kClosed) != 0);
  CHECK((p.server->status() & kClosed) != 0);
  CHECK(!p.client->failed());
}

TEST_CASE("engine: bytes after close_notify stay with the caller") {
  EnginePair p;
  handshake(p);
  REQUIRE(p.client->close().ok());
  Bytes wire(p.client->pending_output().begin(), p.client->pending_output().end());
  p.client->consume_output(wire.size());
  size_t record_size = wire.size();
  const std::string next_protocol = "plaintext after TLS";
  wire.insert(wire.end(), next_protocol.begin(), next_protocol.end());
  auto took = p.server->feed(wire);
  REQUIRE(took.ok());
  CHECK(*took == record_size);
  CHECK(p.server->peer_closed());
  auto again = p.server->feed(ByteView(wire).subspan(*took));
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("engine: the handshake fed one byte at a time, and at every chunk size") {
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{5}, size_t{7}, size_t{100}, size_t{4096}}) {
    CAPTURE(chunk);
    EnginePair p;
    p.server_config.client_auth = ClientAuth::optional;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    p.client_config.certificate = load_identity("client-p256");
    handshake(p, chunk);
    send(*p.client, "abc");
    send(*p.server, "defgh");
    p.pump(chunk);
    CHECK(p.server_received == "abc");
    CHECK(p.client_received == "defgh");
  }
}

TEST_CASE("engine: large writes are cut into records and read back whole") {
  EnginePair p;
  handshake(p);
  std::string big(100000, 'x');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  send(*p.client, big);
  CHECK(p.client->pending_output().size() > big.size());
  p.pump();
  CHECK(p.server_received == big);
}

TEST_CASE("engine: write_app is all or nothing") {
  EnginePair p;
  REQUIRE(p.start().ok());
  auto early = p.client->write_app(bv("too early"));
  REQUIRE(early.ok());
  CHECK(*early == 0);
  p.pump();
  REQUIRE(p.established());
  // Fill the output past the high-water mark: the next write takes nothing until it drains.
  std::string chunk(Connection::kOutputHighWater, 'z');
  send(*p.client, chunk);
  auto blocked = p.client->write_app(bv("retry me"));
  REQUIRE(blocked.ok());
  CHECK(*blocked == 0);
  CHECK((p.client->status() & kSendApp) == 0);
  p.pump();
  send(*p.client, "retry me");
  p.pump();
  CHECK(p.server_received == chunk + "retry me");
}

TEST_CASE("engine: a tampered record is bad_record_mac; errors are sticky") {
  EnginePair p;
  handshake(p);
  send(*p.client, "secret");
  Bytes wire(p.client->pending_output().begin(), p.client->pending_output().end());
  p.client->consume_output(wire.size());
  wire[wire.size() - 3] ^= 0x01;
  auto r = p.server->feed(wire);
  REQUIRE(!r.ok());
  CHECK(r.error().alert == AlertDescription::bad_record_mac);
  CHECK(p.server->failed());
  CHECK((p.server->status() & kClosed) != 0);
  // The alert goes out once...
  REQUIRE(p.server->has_output());
  Bytes alert(p.server->pending_output().begin(), p.server->pending_output().end());
  p.server->consume_output(alert.size());
  // ... and every later call returns the same error without sending anything more.
  auto again = p.server->feed(bv("x"));
  REQUIRE(!again.ok());
  CHECK(again.error().alert == AlertDescription::bad_record_mac);
  uint8_t buf[8];
  CHECK(p.server->read_app(buf).error().alert == AlertDescription::bad_record_mac);
  CHECK(p.server->write_app(bv("y")).error().alert == AlertDescription::bad_record_mac);
  CHECK(p.server->key_update(false).error().alert == AlertDescription::bad_record_mac);
  CHECK(!p.server->has_output());
  // The client learns why.
  auto c = p.client->feed(alert);
  REQUIRE(!c.ok());
  CHECK(c.error().kind == ErrorKind::peer_alert);
  CHECK(c.error().alert == AlertDescription::bad_record_mac);
  CHECK(!p.client->has_output());  // no alert answers an alert
}

TEST_CASE("engine: garbage instead of a ServerHello") {
  EnginePair p;
  REQUIRE(p.start().ok());
  const uint8_t not_tls[] = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '4', '0', '0'};
  auto r = p.client->feed(not_tls);
  REQUIRE(!r.ok());
  CHECK(r.error().alert == AlertDescription::unexpected_message);
  CHECK(p.client->failed());
}

TEST_CASE("engine: application data before the handshake completes is unexpected_message") {
  EnginePair p;
  REQUIRE(p.start().ok());
  // A handshake record where the server expects a ClientHello, then a forged 1.3
  // application_data record in the clear.
  Bytes hello(p.client->pending_output().begin(), p.client->pending_output().end());
  p.client->consume_output(hello.size());
  REQUIRE(p.server->feed(hello).ok());
  const uint8_t forged[] = {0x17, 0x03, 0x03, 0x00, 0x01, 0x00};
  auto r = p.server->feed(forged);
  REQUIRE(!r.ok());
  CHECK(r.error().alert == AlertDescription::bad_record_mac);  // handshake keys are on
}

TEST_CASE("engine: key log lines (NSS format) agree on both sides") {
  std::vector<std::string> client_lines, server_lines;
  EnginePair p;
  p.client_options.key_log = [&](std::string_view l) { client_lines.emplace_back(l); };
  p.server_options.key_log = [&](std::string_view l) { server_lines.emplace_back(l); };
  handshake(p);
  REQUIRE(client_lines.size() == 5);
  std::sort(client_lines.begin(), client_lines.end());
  std::sort(server_lines.begin(), server_lines.end());
  CHECK(client_lines == server_lines);
  std::map<std::string, int> labels;
  for (const auto& l : client_lines) labels[l.substr(0, l.find(' '))]++;
  CHECK(labels.count("CLIENT_HANDSHAKE_TRAFFIC_SECRET") == 1);
  CHECK(labels.count("SERVER_HANDSHAKE_TRAFFIC_SECRET") == 1);
  CHECK(labels.count("CLIENT_TRAFFIC_SECRET_0") == 1);
  CHECK(labels.count("SERVER_TRAFFIC_SECRET_0") == 1);
  CHECK(labels.count("EXPORTER_SECRET") == 1);
  // label + 64 hex client random + 64 hex secret (SHA-256 suite).
  CHECK(client_lines[0].size() == client_lines[0].find(' ') + 1 + 64 + 1 + 64);
}

TEST_CASE("engine: record_size_limit negotiated and applied to what we send") {
  EnginePair p;
  p.client_config.record_size_limit = 256;
  p.server_config.record_size_limit = 512;
  handshake(p);
  CHECK(p.client->peer_record_size_limit() == 512);
  CHECK(p.server->peer_record_size_limit() == 256);
  std::string data(2000, 'r');
  send(*p.server, data);
  // Every record the server sends carries at most 255 bytes of content (RFC 8449 §4).
  ByteView wire = p.server->pending_output();
  size_t records = 0;
  for (size_t off = 0; off + 5 <= wire.size(); ++records) {
    size_t len = (size_t{wire[off + 3]} << 8) | wire[off + 4];
    CHECK(len <= 256 + 16);
    off += 5 + len;
  }
  CHECK(records >= 8);
  p.pump();
  CHECK(p.client_received == data);
}

TEST_CASE("engine: the exporter needs a finished handshake; context none == empty in 1.3") {
  EnginePair p;
  REQUIRE(p.start().ok());
  CHECK(p.client->export_keying_material("x", std::nullopt, 16).error().kind == ErrorKind::config);
  p.pump();
  auto none = p.client->export_keying_material("EXPORTER-Channel-Binding", std::nullopt, 32);
  auto empty = p.client->export_keying_material("EXPORTER-Channel-Binding", ByteView(), 32);
  REQUIRE(none.ok());
  REQUIRE(empty.ok());
  CHECK(*none == *empty);
}

TEST_CASE("engine: several server certificates, chosen by the client's signature algorithms") {
  EnginePair p("server-rsa2048");
  p.server_config.certificates.push_back(*load_identity("server-ed25519"));
  p.client_config.signature_schemes = {SignatureScheme::ed25519};
  handshake(p);
  CHECK(p.client->peer_signature_scheme() == SignatureScheme::ed25519);
}

TEST_CASE("engine: status flags follow the connection") {
  EnginePair p;
  REQUIRE(p.start().ok());
  CHECK((p.client->status() & kSendRecord) != 0);
  CHECK((p.client->status() & kRecvRecord) != 0);
  CHECK((p.client->status() & kSendApp) == 0);
  CHECK((p.server->status() & kSendRecord) == 0);
  p.pump();
  CHECK((p.client->status() & kSendApp) != 0);
  send(*p.client, "abc");
  auto took = p.server->feed(p.client->pending_output());
  REQUIRE(took.ok());
  p.client->consume_output(*took);
  CHECK((p.server->status() & kRecvApp) != 0);
  CHECK(p.server->pending_app() == 3);
  CHECK((p.server->status() & kRecvRecord) == 0);  // application data waits to be read
  uint8_t buf[2];
  CHECK(*p.server->read_app(buf) == 2);
  CHECK(p.server->pending_app() == 1);
  CHECK(*p.server->read_app(buf) == 1);
  CHECK((p.server->status() & kRecvRecord) != 0);
}

}  // namespace tlsock::test
