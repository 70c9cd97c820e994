// In-memory client/server pairs of Connections: every suite x group x certificate type, and
// each feature of the engine end to end (records, alerts, keys, tickets, close).
#include <doctest/doctest.h>

#include <algorithm>

#include <map>

#include "engine/connection.hpp"
#include "handshake/cert_verifier.hpp"
#include "engine_pair_checks.hpp"
#include "forged_records.hpp"
#include "record/record_limits.hpp"
#include "record/record_protector.hpp"
#include "x509/certificate.hpp"

namespace tlsock::test {
namespace {

ByteView bv(std::string_view s) { return as_bytes(s); }

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
        CHECK(p.client->verified_chain().size() == 2);
        CHECK(p.client->verify_outcome()->verified_chain.empty());  // kept as DER only
        CHECK(p.client->peer_chain().size() == 1);
        check_traffic(p, ProtocolVersion::tls1_3);
      }
    }
  }
}

TEST_CASE("engine: HelloRetryRequest when the client's share is not acceptable") {
  EnginePair p;
  p.server_config.groups = {NamedGroup::secp384r1};
  handshake(p);
  CHECK(p.client->group() == NamedGroup::secp384r1);
  check_traffic(p, ProtocolVersion::tls1_3);
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
    check_traffic(p, ProtocolVersion::tls1_3);
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
    CHECK(std::ranges::equal(p.server->peer_chain()[0], client_id->chain[0]));
    // The leaf is held once: the chain as received and the verified chain share its DER.
    REQUIRE(!p.server->verified_chain().empty());
    CHECK(p.server->peer_chain()[0].data() == p.server->verified_chain()[0].data());
    REQUIRE(p.server->verify_outcome() != nullptr);
    CHECK(p.server->verify_outcome()->ok());
    check_traffic(p, ProtocolVersion::tls1_3);
  }
  SUBCASE("required and missing: certificate_required") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::required;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    REQUIRE(p.start().ok());
    p.pump();
    check_refused(*p.server, *p.client, AlertDescription::certificate_required);
  }
  SUBCASE("optional and missing") {
    EnginePair p;
    p.server_config.client_auth = ClientAuth::optional;
    p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    handshake(p);
    CHECK(!p.server->peer_authenticated());
    CHECK(p.server->peer_chain().empty());
    check_traffic(p, ProtocolVersion::tls1_3);
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
  TicketSealer sealer;
  std::optional<ClientSession13> session;
  {
    EnginePair p;
    p.server_config.tickets = &sealer;
    handshake(p);
    CHECK(p.client->sessions_received() == 2);  // ServerConfig::ticket_count default
    REQUIRE(p.client->latest_session());
    session = *p.client->latest_session();
    check_traffic(p, ProtocolVersion::tls1_3);
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
  check_traffic(p, ProtocolVersion::tls1_3);

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
  EnginePair p;
  offer_post_handshake_auth(p);
  handshake(p);
  CHECK(p.server->peer_chain().empty());
  REQUIRE(p.server->request_client_certificate().ok());
  CHECK(p.server->post_handshake_auth_pending());
  // A second request while one is outstanding is refused without harm.
  CHECK(p.server->request_client_certificate().error().kind == ErrorKind::config);
  p.pump();
  CHECK(!p.server->post_handshake_auth_pending());
  REQUIRE(p.server->peer_chain().size() == 1);
  CHECK(std::ranges::equal(p.server->peer_chain()[0], p.client_config.certificate->chain[0]));
  REQUIRE(p.server->verify_outcome() != nullptr);
  CHECK(p.server->verify_outcome()->ok());
  check_traffic(p, ProtocolVersion::tls1_3);

  SUBCASE("not offered: refused, the connection goes on") {
    EnginePair q;
    q.server_options.verify = policy_trusting("ca.pem", std::nullopt);
    handshake(q);
    auto s = q.server->request_client_certificate();
    REQUIRE(!s.ok());
    CHECK(s.error().kind == ErrorKind::config);
    CHECK(!q.server->failed());
    check_traffic(q, ProtocolVersion::tls1_3);
  }
}

TEST_CASE("engine: close_notify") {
  EnginePair p;
  handshake(p);
  send(*p.client, "last words");
  REQUIRE(p.client->close().ok());
  CHECK(p.client->close_notify_queued());
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
  CHECK((p.client->status() & kEnded) != 0);
  CHECK((p.server->status() & kEnded) != 0);
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
  CHECK((p.server->status() & kEnded) != 0);
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

namespace tlsock::test {

// RFC 8446 §5.5: a write key is retired by a KeyUpdate before its usage limit. The limit is
// lowered to 3 records (ConnectionOptions::rekey_after_records) so the test need not seal
// 2^24 records: the 4th and 7th writes each carry a KeyUpdate record before their data, and
// the peer reads everything, so both sides moved to the same new keys each time.
TEST_CASE("engine: automatic KeyUpdate before the write key's usage limit") {
  for (bool from_client : {true, false}) {
    CAPTURE(from_client);
    EnginePair p;
    (from_client ? p.client_options : p.server_options).rekey_after_records = 3;
    handshake(p);
    Connection& writer = from_client ? *p.client : *p.server;
    REQUIRE_FALSE(writer.has_output());
    // (No tickets are configured, so the server's application key is as fresh as the client's.)
    const std::vector<size_t> expected = {23, 23, 23, 50, 23, 23, 50};
    std::string sent;
    for (size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      std::string byte(1, static_cast<char>('a' + i));
      send(writer, byte);
      sent += byte;
      // 1-byte record: header 5 + content 1 + type 1 + tag 16 = 23; a KeyUpdate record
      // (4-byte header + 1) adds 27.
      CHECK(writer.pending_output().size() == expected[i]);
      p.pump();
    }
    CHECK((from_client ? p.server_received : p.client_received) == sent);
    CHECK_FALSE(p.client->failed());
    CHECK_FALSE(p.server->failed());
  }
}

TEST_CASE("engine: without auto_key_update the threshold does nothing") {
  EnginePair p;
  p.client_options.auto_key_update = false;
  p.client_options.rekey_after_records = 3;
  handshake(p);
  for (int i = 0; i < 6; ++i) {
    send(*p.client, "x");
    CHECK(p.client->pending_output().size() == 23);
    p.pump();
  }
  CHECK(p.server_received == "xxxxxx");
}

}  // namespace tlsock::test

namespace tlsock::test {
namespace {

// A client that sent 0-RTT: its ClientHello offers early_data with a resumption PSK, and
// `early` bytes of application_data records the server has no key for follow it (what a
// client protecting them with its client_early_traffic_secret would send; their contents do
// not matter to a server that declined). `ccs`: the compatibility ChangeCipherSpec a
// middlebox-compatible client sends right after its ClientHello when it sends early data
// (RFC 8446 §D.4), instead of before its second flight (the pair's client does that; it
// sends none here, as a side sends one at most).
struct EarlyDataOffer {
  EnginePair p;
  Bytes first_flight;  // ClientHello [+ CCS] + early data records

  EarlyDataOffer(TicketSealer& sealer, const ClientSession13& session, size_t record_body,
                 size_t records, bool ccs) {
    p.server_config.tickets = &sealer;
    p.client_options.session = session;
    p.client_config.extra_extensions.push_back({ExtensionType::early_data, {}});
    p.client_config.middlebox_compat = !ccs;
    REQUIRE(p.start().ok());
    first_flight.assign(p.client->pending_output().begin(), p.client->pending_output().end());
    p.client->consume_output(first_flight.size());
    if (ccs) first_flight.insert(first_flight.end(), {0x14, 0x03, 0x03, 0x00, 0x01, 0x01});
    for (size_t r = 0; r < records; ++r) {
      first_flight.insert(first_flight.end(), {0x17, 0x03, 0x03, static_cast<uint8_t>(record_body >> 8),
                                               static_cast<uint8_t>(record_body)});
      for (size_t i = 0; i < record_body; ++i) first_flight.push_back(static_cast<uint8_t>(r * 31 + i * 7));
    }
  }

  // Feeds the first flight `chunk` bytes at a time, then lets the handshake run.
  Status run(size_t chunk) {
    for (size_t at = 0; at < first_flight.size(); at += chunk) {
      auto piece = ByteView(first_flight).subspan(at, std::min(chunk, first_flight.size() - at));
      auto took = p.server->feed(piece);
      if (!took.ok()) return std::move(took).error();
      REQUIRE(*took == piece.size());
    }
    p.pump(chunk);
    return {};
  }
};

ClientSession13 ticket_from(TicketSealer& sealer) {
  EnginePair p;
  p.server_config.tickets = &sealer;
  handshake(p);
  REQUIRE(p.client->latest_session());
  return *p.client->latest_session();
}

}  // namespace

// RFC 8446 §4.2.10: a server that declines 0-RTT "skip[s] past early data" it cannot
// decrypt, "up to the configured max_early_data_size", then goes on with the handshake from
// the first record that opens under the client's handshake keys.
TEST_CASE("engine: the server declines 0-RTT and skips the early data records") {
  TicketSealer sealer;
  ClientSession13 session = ticket_from(sealer);
  for (size_t chunk : {SIZE_MAX, size_t{1}, size_t{7}, size_t{500}}) {
    for (bool ccs : {false, true}) {
      CAPTURE(chunk);
      CAPTURE(ccs);
      EarlyDataOffer o(sealer, session, 1000, 5, ccs);
      auto st = o.run(chunk);
      INFO((st.ok() ? "" : st.error().message()));
      REQUIRE(st.ok());
      REQUIRE(o.p.established());
      CHECK(o.p.server->resumed());
      check_traffic(o.p, ProtocolVersion::tls1_3);
    }
  }
}

TEST_CASE("engine: more early data than the server skips is unexpected_message") {
  TicketSealer sealer;
  ClientSession13 session = ticket_from(sealer);
  // kMaxEarlyDataToSkip (64 KiB) fits in four maximal records, not in five.
  EarlyDataOffer within(sealer, session, kMaxCiphertextLength13, 3, true);
  REQUIRE(within.run(SIZE_MAX).ok());
  CHECK(within.p.established());
  EarlyDataOffer beyond(sealer, session, kMaxCiphertextLength13, 4, true);
  auto st = beyond.run(SIZE_MAX);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().alert == AlertDescription::unexpected_message);
  CHECK(beyond.p.server->failed());
}

TEST_CASE("engine: early data records without an early_data offer are bad_record_mac") {
  TicketSealer sealer;
  ClientSession13 session = ticket_from(sealer);
  EarlyDataOffer o(sealer, session, 100, 1, false);
  // The same flight, but the ClientHello does not offer early_data: nothing is skipped.
  EnginePair q;
  q.server_config.tickets = &sealer;
  q.client_options.session = session;
  REQUIRE(q.start().ok());
  Bytes hello(q.client->pending_output().begin(), q.client->pending_output().end());
  REQUIRE(q.server->feed(hello).ok());
  Bytes early(o.first_flight.end() - 105, o.first_flight.end());
  auto r = q.server->feed(early);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().alert == AlertDescription::bad_record_mac);
}

}  // namespace tlsock::test

namespace tlsock::test {
namespace {

// A started pair with a record_size_limit on each side, collecting one side's key log.
struct LimitedPair {
  std::vector<std::string> log;
  EnginePair p;
  LimitedPair(uint16_t client_limit, uint16_t server_limit, Role logging) {
    p.client_config.record_size_limit = client_limit;
    p.server_config.record_size_limit = server_limit;
    (logging == Role::client ? p.client_options : p.server_options).key_log = [this](std::string_view l) {
      log.emplace_back(l);
    };
    REQUIRE(p.start().ok());
  }
};

}  // namespace

// RFC 8449 §4: the server's limit, answered in EncryptedExtensions, binds the client's
// protected records from its handshake flight on; the limit counts the content type and
// padding in TLS 1.3. The client's Finished record is resealed with padding to sit exactly at
// the limit (accepted) and one byte over it (record_overflow).
TEST_CASE("engine: record_size_limit enforced by the server from the client's handshake flight") {
  for (size_t inner : {size_t{64}, size_t{65}}) {
    CAPTURE(inner);
    LimitedPair lp(1000, 64, Role::client);
    EnginePair& p = lp.p;
    const auto& log = lp.log;
    EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);
    EnginePair::transfer(*p.server, *p.client, p.client_received, SIZE_MAX);
    Bytes wire = take_output(*p.client);
    Bytes resealed;
    Records13 open_hs(logged_secret(log, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
    Records13 seal_hs(logged_secret(log, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
    for (Bytes& r : records_of(wire)) {
      if (r[0] != 0x17) {
        resealed.insert(resealed.end(), r.begin(), r.end());
        continue;
      }
      Bytes finished = open_hs.open(r);
      Bytes again = seal_hs.seal(ContentType::handshake, finished, inner - finished.size() - 1);
      resealed.insert(resealed.end(), again.begin(), again.end());
    }
    auto fed = p.server->feed(resealed);
    if (inner == 64) {
      INFO((fed.ok() ? "" : fed.error().message()));
      REQUIRE(fed.ok());
      CHECK(p.server->handshake_done());
    } else {
      REQUIRE_FALSE(fed.ok());
      CHECK(fed.error().alert == AlertDescription::record_overflow);
    }
  }
}

// The client's limit binds the server's whole encrypted flight (the server applies it from
// EncryptedExtensions on, in records of at most 63 content bytes), and the client enforces
// its own limit from the record after EncryptedExtensions: EncryptedExtensions alone, then
// the rest of the flight in one record over the limit, is record_overflow.
TEST_CASE("engine: record_size_limit applied by the server to its encrypted flight, enforced by the client") {
  for (bool oversized : {false, true}) {
    CAPTURE(oversized);
    LimitedPair lp(64, 1000, Role::server);
    EnginePair& p = lp.p;
    const auto& log = lp.log;
    EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);
    Bytes wire = take_output(*p.server);
    // Take the server's flight apart: the clear records stay, the protected ones are opened.
    Bytes clear, flight;
    Records13 open_hs(logged_secret(log, "SERVER_HANDSHAKE_TRAFFIC_SECRET"));
    size_t protected_records = 0;
    for (Bytes& r : records_of(wire)) {
      if (r[0] != 0x17) {
        clear.insert(clear.end(), r.begin(), r.end());
        continue;
      }
      CHECK(r.size() <= 5 + 64 + 16);  // RFC 8449: at most 63 bytes of content + type + tag
      ++protected_records;
      Bytes content = open_hs.open(r);
      flight.insert(flight.end(), content.begin(), content.end());
    }
    CHECK(protected_records > 5);
    // EncryptedExtensions alone, then the rest of the flight.
    REQUIRE(flight.size() > 4);
    size_t ee_length = 4 + ((size_t{flight[1]} << 16) | (size_t{flight[2]} << 8) | flight[3]);
    Records13 seal_hs(logged_secret(log, "SERVER_HANDSHAKE_TRAFFIC_SECRET"));
    Bytes resealed = clear;
    auto append = [&](ByteView content) {
      Bytes r = seal_hs.seal(ContentType::handshake, content);
      resealed.insert(resealed.end(), r.begin(), r.end());
    };
    append(ByteView(flight).first(ee_length));
    ByteView rest = ByteView(flight).subspan(ee_length);
    for (size_t at = 0; at < rest.size();) {
      size_t n = oversized ? rest.size() : std::min<size_t>(63, rest.size() - at);
      append(rest.subspan(at, n));
      at += n;
    }
    auto fed = p.client->feed(resealed);
    if (!oversized) {
      INFO((fed.ok() ? "" : fed.error().message()));
      REQUIRE(fed.ok());
      p.pump();
      CHECK(p.established());
    } else {
      REQUIRE_FALSE(fed.ok());
      CHECK(fed.error().alert == AlertDescription::record_overflow);
    }
  }
}

}  // namespace tlsock::test

namespace tlsock::test {

// The engine reads how each configured chain is signed (CertifiedKey::chain_signatures) so
// the server can honour the client's signature_algorithms_cert: server-rsa2048 is signed by
// the test CA with ECDSA; the CA's own self-signed chain has no signature a client checks.
TEST_CASE("engine: signature_algorithms_cert chooses among the configured chains") {
  auto rsa = load_identity("server-rsa2048");
  auto ca = load_identity("ca");
  REQUIRE(rsa);
  REQUIRE(ca);
  PinnedKeyVerifier pinned;
  for (const CertifiedKey* id : {&*rsa, &*ca}) {
    auto cert = x509::Certificate::from_der(ByteView(id->chain.front()));
    REQUIRE(cert.ok());
    REQUIRE(pinned.pin(id->chain.front(), cert->spki().der).ok());
  }
  for (SignatureScheme accepted : {SignatureScheme::rsa_pss_rsae_sha256, SignatureScheme::ecdsa_secp256r1_sha256}) {
    CAPTURE(name(accepted));
    EnginePair p;
    p.server_config.certificates = {*rsa, *ca};
    p.client_options.verify.reset();
    p.client_config.verifier = &pinned;
    p.client_config.signature_schemes_cert = {accepted};
    handshake(p);
    // Only ECDSA-signed chains are named: the RSA leaf (first) qualifies. Only RSA-PSS: it
    // does not, the self-signed chain does.
    const CertifiedKey& expected = accepted == SignatureScheme::ecdsa_secp256r1_sha256 ? *rsa : *ca;
    REQUIRE_FALSE(p.client->peer_chain().empty());
    CHECK(std::ranges::equal(p.client->peer_chain().front(), expected.chain.front()));
  }
}

}  // namespace tlsock::test

namespace tlsock::test {

// RFC 8446 §5.1: "Handshake messages MUST NOT span key changes ... [an implementation] MUST
// send an unexpected_message alert" when a message before a key change does not end at a
// record boundary. The server's keys change after the ClientHello, the client's after the
// ServerHello: bytes of a further message in the same record are refused.
namespace {

// A plaintext handshake record with the first bytes of a further message (a Finished header,
// cut short) added to its end.
Bytes with_tail(ByteView record) {
  const uint8_t next_message_start[] = {0x14, 0x00, 0x00};
  Bytes r(record.begin(), record.end());
  r.insert(r.end(), std::begin(next_message_start), std::end(next_message_start));
  size_t len = r.size() - kRecordHeaderLength;
  r[3] = static_cast<uint8_t>(len >> 8);
  r[4] = static_cast<uint8_t>(len);
  return r;
}

}  // namespace

TEST_CASE("engine: handshake bytes across a key change are unexpected_message") {
  SUBCASE("server: after the ClientHello") {
    EnginePair p;
    REQUIRE(p.start().ok());
    auto records = records_of(p.client->pending_output());
    REQUIRE(records.size() == 1);
    auto r = p.server->feed(with_tail(records[0]));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == AlertDescription::unexpected_message);
  }
  SUBCASE("client: after the ServerHello") {
    EnginePair p;
    REQUIRE(p.start().ok());
    EnginePair::transfer(*p.client, *p.server, p.server_received, SIZE_MAX);
    auto records = records_of(p.server->pending_output());
    REQUIRE(records[0][0] == 0x16);  // the ServerHello, in the clear
    auto r = p.client->feed(with_tail(records[0]));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == AlertDescription::unexpected_message);
  }
}

// RFC 8446 §4, RFC 5246 §7.4: messages come in the order of the flights. When a message makes
// us answer during the handshake, the peer waits for that answer: bytes of a further message in
// the same record were sent out of order (BoGo's Partial* tests), unexpected_message.
TEST_CASE("engine: handshake bytes after the peer's flight are unexpected_message") {
  // The last plaintext handshake record of the flight (a compatibility ChangeCipherSpec may
  // follow it) gets the tail.
  auto last_record_with_tail = [](Connection& from) {
    auto records = records_of(take_output(from));
    auto last = std::find_if(records.rbegin(), records.rend(), [](const Bytes& r) { return r[0] == 0x16; });
    REQUIRE(last != records.rend());
    *last = with_tail(*last);
    return joined(records);
  };
  // The server answers the client's first flight, the client the server's.
  auto refused_by = [&](EnginePair& p, Role answering) {
    CAPTURE(answering == Role::server);
    REQUIRE(p.start().ok());
    if (answering == Role::client) REQUIRE(p.server->feed(take_output(*p.client)).ok());
    Connection& from = answering == Role::server ? *p.client : *p.server;
    Connection& to = answering == Role::server ? *p.server : *p.client;
    check_fails(to, to.feed(last_record_with_tail(from)), AlertDescription::unexpected_message);
  };
  SUBCASE("1.3 server after a ClientHello answered with a HelloRetryRequest; 1.3 client after it") {
    for (Role answering : {Role::server, Role::client}) {
      EnginePair p;
      p.server_config.groups = {NamedGroup::secp384r1};
      refused_by(p, answering);
    }
  }
  SUBCASE("1.2 server after the ClientHello, 1.2 client after the ServerHelloDone") {
    for (Role answering : {Role::server, Role::client}) {
      EnginePair p;
      p.client_options.min_version = p.client_options.max_version = ProtocolVersion::tls1_2;
      p.server_options.min_version = ProtocolVersion::tls1_2;
      refused_by(p, answering);
    }
  }
  SUBCASE("the same flights without the extra bytes complete") {
    EnginePair p;
    p.server_config.groups = {NamedGroup::secp384r1};
    handshake(p);
    CHECK(p.client->group() == NamedGroup::secp384r1);
  }
}

}  // namespace tlsock::test
