// In-memory client <-> server handshakes over the two state machines: every suite x group x
// signature scheme, HRR, ALPN/SNI, client authentication, resumption, KeyUpdate, post-handshake
// authentication, and the negative cases that need a live peer.
#include "handshake/extensions/key_share.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/server_hello.hpp"
#include "pair.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

void check_keys_agree(const Pair& p) {
  for (Epoch e : {Epoch::handshake, Epoch::application}) {
    auto* cw = Pair::keys(p.client_events, Direction::write, e);
    auto* sr = Pair::keys(p.server_events, Direction::read, e);
    auto* sw = Pair::keys(p.server_events, Direction::write, e);
    auto* cr = Pair::keys(p.client_events, Direction::read, e);
    REQUIRE(cw);
    REQUIRE(sr);
    REQUIRE(sw);
    REQUIRE(cr);
    CHECK(cw->traffic_secret == sr->traffic_secret);
    CHECK(sw->traffic_secret == cr->traffic_secret);
    CHECK(cw->keys.key == sr->keys.key);
    CHECK(cw->keys.iv == sr->keys.iv);
    CHECK_FALSE(cw->traffic_secret == sw->traffic_secret);
  }
}

}  // namespace

TEST_CASE("pair: every suite x group x signature scheme") {
  const std::pair<const char*, SignatureScheme> keys[] = {
      {"ec_p256", SignatureScheme::ecdsa_secp256r1_sha256},
      {"ec_p384", SignatureScheme::ecdsa_secp384r1_sha384},
      {"ed25519", SignatureScheme::ed25519},
      {"rsa2048", SignatureScheme::rsa_pss_rsae_sha256},
      {"rsa_pss2048", SignatureScheme::rsa_pss_pss_sha256},
  };
  for (CipherSuite suite : default_cipher_suites_13()) {
    for (NamedGroup group : default_groups()) {
      for (const auto& entry : keys) {
        const char* key = entry.first;
        SignatureScheme scheme = entry.second;
        CAPTURE(name(suite));
        CAPTURE(name(group));
        CAPTURE(key);
        Pair p;
        p.add_server_identity(make_identity(key, key));
        p.client_config.cipher_suites = {suite};
        p.client_config.groups = {group};
        p.client_config.key_share_groups = {group};
        REQUIRE(p.start().ok());
        auto st = p.run();
        INFO((st.ok() ? "" : st.error().message()));
        REQUIRE(st.ok());
        REQUIRE(p.connected());
        auto* cs = Pair::summary(p.client_events);
        auto* ss = Pair::summary(p.server_events);
        REQUIRE(cs);
        REQUIRE(ss);
        CHECK(cs->suite == suite);
        CHECK(cs->group == group);
        CHECK(ss->group == group);
        CHECK(cs->peer_signature_scheme == scheme);
        CHECK(cs->exporter_master_secret == ss->exporter_master_secret);
        CHECK_FALSE(cs->resumed);
        check_keys_agree(p);
        CHECK(events_of<PeerCertificates>(p.client_events).size() == 1);
      }
    }
  }
}

TEST_CASE("pair: HelloRetryRequest when the client's share is not acceptable") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  p.server_config.groups = {NamedGroup::secp384r1, NamedGroup::secp256r1};
  // Client shares x25519 only (default) but supports P-384.
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  REQUIRE(std::holds_alternative<ServerExpectSecondClientHello>(std::get<ServerState13>(*p.server)));
  // HRR + CCS (middlebox compatibility: the client sent a session id).
  CHECK(events_of<SendChangeCipherSpec>(p.server_events).size() == 1);
  auto hrr = ServerHello::decode(body_of(p.to_client.front(), HandshakeType::server_hello));
  REQUIRE(hrr.ok());
  CHECK(hrr->is_hello_retry_request());
  // A stateful server's HRR holds supported_versions and key_share only (no cookie).
  std::vector<ExtensionType> types;
  for (const auto& e : hrr->extensions) types.push_back(e.type);
  CHECK(types == std::vector<ExtensionType>{ExtensionType::key_share, ExtensionType::supported_versions});
  auto st = p.run();
  INFO((st.ok() ? "" : st.error().message()));
  REQUIRE(st.ok());
  REQUIRE(p.connected());
  CHECK(Pair::summary(p.client_events)->group == NamedGroup::secp384r1);
  check_keys_agree(p);
  // One CCS from each side in total.
  CHECK(events_of<SendChangeCipherSpec>(p.server_events).size() == 1);
  CHECK(events_of<SendChangeCipherSpec>(p.client_events).size() == 1);
}

TEST_CASE("pair: HelloRetryRequest with a cookie (send_hello_retry_cookie)") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  p.server_config.groups = {NamedGroup::secp384r1};
  p.server_config.send_hello_retry_cookie = true;
  p.server_config.hello_retry_cookie_length = 40;
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  auto hrr = ServerHello::decode(body_of(p.to_client.front(), HandshakeType::server_hello));
  REQUIRE(hrr.ok());
  const Extension* cookie = hrr->extensions.find(ExtensionType::cookie);
  REQUIRE(cookie != nullptr);
  CHECK(cookie->body.size() == 2 + 40);
  REQUIRE(p.run().ok());
  REQUIRE(p.connected());
}

TEST_CASE("pair: no middlebox compatibility -> empty session id, no CCS") {
  Pair p;
  p.add_server_identity(make_identity("ed25519", "srv"));
  p.client_config.middlebox_compat = false;
  REQUIRE(p.start().ok());
  REQUIRE(p.run().ok());
  REQUIRE(p.connected());
  CHECK(events_of<SendChangeCipherSpec>(p.server_events).empty());
  CHECK(events_of<SendChangeCipherSpec>(p.client_events).empty());
}

TEST_CASE("pair: ALPN and SNI") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  p.client_config.alpn = {"http/1.1", "h2"};
  p.server_config.alpn = {"h2", "http/1.1"};
  REQUIRE(p.start().ok());
  REQUIRE(p.run().ok());
  REQUIRE(p.connected());
  CHECK(Pair::summary(p.client_events)->alpn == "h2");
  CHECK(Pair::summary(p.server_events)->alpn == "h2");
  CHECK(Pair::summary(p.server_events)->server_name == "example.test");
  CHECK(events_of<AlpnSelected>(p.client_events).size() == 1);

  SUBCASE("no overlap: no ALPN, no alert") {
    Pair q;
    q.add_server_identity(make_identity("ec_p256", "srv"));
    q.client_config.alpn = {"h3"};
    q.server_config.alpn = {"h2"};
    REQUIRE(q.start().ok());
    REQUIRE(q.run().ok());
    CHECK(Pair::summary(q.client_events)->alpn.empty());
  }
}

TEST_CASE("pair: certificate selection by SNI and signature algorithms") {
  Pair p;
  Identity ec = make_identity("ec_p256", "ec");
  Identity rsa = make_identity("rsa2048", "rsa");
  rsa.certified.names = {"rsa.test"};
  p.add_server_identity(ec);
  p.add_server_identity(rsa);
  SUBCASE("by SNI") {
    p.client_config.server_name = "rsa.test";
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    CHECK(Pair::summary(p.client_events)->peer_signature_scheme == SignatureScheme::rsa_pss_rsae_sha256);
  }
  SUBCASE("by signature algorithms") {
    p.client_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha384};
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    CHECK(Pair::summary(p.client_events)->peer_signature_scheme == SignatureScheme::rsa_pss_rsae_sha384);
  }
  SUBCASE("nothing the client can verify -> handshake_failure") {
    p.client_config.signature_schemes = {SignatureScheme::ecdsa_secp384r1_sha384};
    REQUIRE(p.start().ok());
    CHECK_ALERT(p.step_server(), AlertDescription::handshake_failure);
  }
}

// RFC 8017 §9.1.1: rsa_pss_rsae_sha512 needs a key of at least 1040 bits (emLen >= 2 * 64 + 2):
// for a 1024-bit key the server picks another scheme the client offers, or fails with
// handshake_failure when there is none (BoGo RSA-PSS-Large), never internal_error.
TEST_CASE("pair: a 1024-bit RSA key is not used for rsa_pss_rsae_sha512") {
  Pair p;
  p.add_server_identity(make_identity("rsa1024", "small"));
  SUBCASE("another scheme the client offers") {
    p.client_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha512,
                                         SignatureScheme::rsa_pss_rsae_sha384};
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    CHECK(Pair::summary(p.client_events)->peer_signature_scheme == SignatureScheme::rsa_pss_rsae_sha384);
  }
  SUBCASE("no other scheme -> handshake_failure") {
    p.client_config.signature_schemes = {SignatureScheme::rsa_pss_rsae_sha512};
    REQUIRE(p.start().ok());
    CHECK_ALERT(p.step_server(), AlertDescription::handshake_failure);
  }
}

TEST_CASE("pair: client authentication") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  SUBCASE("required and given") {
    p.server_config.client_auth = ClientAuth::required;
    p.set_client_identity(make_identity("ed25519", "client"));
    REQUIRE(p.start().ok());
    auto st = p.run();
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    REQUIRE(p.connected());
    CHECK(Pair::summary(p.server_events)->peer_authenticated);
    CHECK(Pair::summary(p.server_events)->peer_signature_scheme == SignatureScheme::ed25519);
    CHECK(events_of<PeerCertificates>(p.server_events).size() == 1);
    check_keys_agree(p);
  }
  SUBCASE("optional and not given: empty Certificate") {
    p.server_config.client_auth = ClientAuth::optional;
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    REQUIRE(p.connected());
    CHECK_FALSE(Pair::summary(p.server_events)->peer_authenticated);
  }
  SUBCASE("required and not given: certificate_required") {
    p.server_config.client_auth = ClientAuth::required;
    REQUIRE(p.start().ok());
    Status st = p.run();
    CHECK_ALERT(st, AlertDescription::certificate_required);
  }
  SUBCASE("client key the server's CertificateRequest does not allow: empty Certificate") {
    p.server_config.client_auth = ClientAuth::optional;
    p.server_config.signature_schemes = {SignatureScheme::ecdsa_secp256r1_sha256};
    p.set_client_identity(make_identity("ed25519", "client"));
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    CHECK_FALSE(Pair::summary(p.server_events)->peer_authenticated);
  }
  SUBCASE("unknown client certificate -> the verifier's alert") {
    p.server_config.client_auth = ClientAuth::required;
    p.client_config.certificate = make_identity("ed25519", "stranger").certified;
    REQUIRE(p.start().ok());
    CHECK_ALERT(p.run(), AlertDescription::unknown_ca);
  }
}

TEST_CASE("pair: resumption with a ticket and binder") {
  TicketSealer sealer;
  Pair first;
  first.add_server_identity(make_identity("ec_p256", "srv"));
  first.server_config.tickets = &sealer;
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  auto tickets = events_of<SessionTicketReceived>(first.client_events);
  REQUIRE(tickets.size() == 2);  // default ticket_count
  ClientSession13 session = tickets[0]->session;
  CHECK(session.server_name == "example.test");

  Pair second;
  second.add_server_identity(make_identity("ec_p256", "srv"));
  second.server_config.tickets = &sealer;
  second.clock.set_ms(first.clock.now_ms() + 5000);

  SUBCASE("accepted") {
    REQUIRE(second.start(session).ok());
    auto st = second.run();
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    REQUIRE(second.connected());
    CHECK(Pair::summary(second.client_events)->resumed);
    CHECK(Pair::summary(second.server_events)->resumed);
    CHECK(events_of<PeerCertificates>(second.client_events).empty());
    check_keys_agree(second);
  }
  SUBCASE("other SNI: the client does not offer it") {
    second.client_config.server_name = "other.test";
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    CHECK_FALSE(Pair::summary(second.client_events)->resumed);
  }
  SUBCASE("expired: full handshake") {
    second.clock.set_ms(first.clock.now_ms() + 7201 * 1000);
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    CHECK_FALSE(Pair::summary(second.client_events)->resumed);
  }
  SUBCASE("suite with another hash: not offered") {
    second.client_config.cipher_suites = {CipherSuite::TLS_AES_256_GCM_SHA384};
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    CHECK_FALSE(Pair::summary(second.client_events)->resumed);
  }
  // The ticket key was made at the first handshake; the second comes 5 s later.
  SUBCASE("server key rotated once: the previous key still opens the ticket") {
    REQUIRE(sealer.set_rotation_seconds(4).ok());
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    CHECK(Pair::summary(second.server_events)->resumed);
  }
  SUBCASE("server key rotated twice: ticket ignored, full handshake") {
    REQUIRE(sealer.set_rotation_seconds(2).ok());
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    CHECK_FALSE(Pair::summary(second.server_events)->resumed);
  }
  SUBCASE("bad binder -> decrypt_error") {
    REQUIRE(second.start(session).ok());
    Bytes& ch = second.to_server.front();
    ch.back() ^= 1;  // the binder is the last byte of the ClientHello
    CHECK_ALERT(second.step_server(), AlertDescription::decrypt_error);
  }
  SUBCASE("resumption after HelloRetryRequest") {
    second.server_config.groups = {NamedGroup::secp256r1};
    REQUIRE(second.start(session).ok());
    auto st = second.run();
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    CHECK(Pair::summary(second.server_events)->resumed);
    CHECK(Pair::summary(second.client_events)->group == NamedGroup::secp256r1);
  }
}

TEST_CASE("pair: KeyUpdate both ways") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  REQUIRE(p.start().ok());
  REQUIRE(p.run().ok());
  // Client asks for an update, twice: the server updates its read keys each time and owes one
  // KeyUpdate of its own (RFC 8446 §4.6.3: one answer to requests received while silent),
  // which the engine sends before its next data (server13_key_update).
  for (int i = 0; i < 2; ++i) {
    auto t = client_key_update(std::move(*p.client), true);
    REQUIRE(t.ok());
    p.client = std::move(t->state);
    Pair::route(t->events, p.client_events, p.to_server);
    REQUIRE(p.run().ok());
  }
  CHECK(Pair::keys(p.server_events, Direction::read, Epoch::application)->generation == 2);
  CHECK(Pair::keys(p.server_events, Direction::write, Epoch::application)->generation == 0);
  CHECK(server_key_update_owed(*p.server));
  CHECK_FALSE(client_key_update_owed(*p.client));
  auto server_updates = [&] {
    auto u = server_key_update(std::move(*p.server), false);
    REQUIRE(u.ok());
    p.server = std::move(u->state);
    Pair::route(u->events, p.server_events, p.to_client);
    REQUIRE(p.run().ok());
  };
  server_updates();
  CHECK_FALSE(server_key_update_owed(*p.server));
  auto* cw = Pair::keys(p.client_events, Direction::write, Epoch::application);
  auto* sr = Pair::keys(p.server_events, Direction::read, Epoch::application);
  auto* sw = Pair::keys(p.server_events, Direction::write, Epoch::application);
  auto* cr = Pair::keys(p.client_events, Direction::read, Epoch::application);
  CHECK(cw->generation == 2);
  CHECK(sr->generation == 2);
  CHECK(sw->generation == 1);
  CHECK(cr->generation == 1);
  CHECK(cw->traffic_secret == sr->traffic_secret);
  CHECK(sw->traffic_secret == cr->traffic_secret);
  // Server-initiated, not requested: only one direction moves.
  server_updates();
  CHECK(Pair::keys(p.client_events, Direction::read, Epoch::application)->generation == 2);
  CHECK(Pair::keys(p.client_events, Direction::write, Epoch::application)->generation == 2);
  CHECK_FALSE(client_key_update_owed(*p.client));
}

TEST_CASE("pair: post-handshake authentication") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  p.set_client_identity(make_identity("ec_p384", "client"));
  p.client_config.post_handshake_auth = true;
  REQUIRE(p.start().ok());
  REQUIRE(p.run().ok());
  auto t = server_request_certificate(std::move(*p.server), p.server_config, p.server_provider);
  REQUIRE(t.ok());
  p.server = std::move(t->state);
  Pair::route(t->events, p.server_events, p.to_client);
  auto st = p.run();
  INFO((st.ok() ? "" : st.error().message()));
  REQUIRE(st.ok());
  CHECK(events_of<PeerCertificates>(p.server_events).size() == 1);
  CHECK_FALSE(server13_connected(*p.server)->pending_auth.has_value());

  SUBCASE("not offered: the server refuses to ask; the client refuses an unsolicited request") {
    Pair q;
    q.add_server_identity(make_identity("ec_p256", "srv"));
    REQUIRE(q.start().ok());
    REQUIRE(q.run().ok());
    CHECK_FALSE(server_request_certificate(std::move(*q.server), q.server_config, q.server_provider).ok());
    Bytes cr = *CertificateRequest13{{1}, [] {
                  Extensions e;
                  e.add(ExtensionType::signature_algorithms, {0x00, 0x02, 0x04, 0x03});
                  return e;
                }()}.encode();
    q.to_client.push_back(cr);
    CHECK_ALERT(q.step_client(), AlertDescription::unexpected_message);
  }
}

TEST_CASE("pair: tampering with the server's flight") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  // to_client: SH, EE, Certificate, CertificateVerify, Finished
  REQUIRE(p.to_client.size() == 5);
  SUBCASE("bad Finished -> decrypt_error") {
    p.to_client[4].back() ^= 0x80;
    for (int i = 0; i < 4; ++i) REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::decrypt_error);
  }
  SUBCASE("bad signature -> decrypt_error") {
    p.to_client[3].back() ^= 0x01;
    for (int i = 0; i < 3; ++i) REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::decrypt_error);
  }
  SUBCASE("wrong order -> unexpected_message") {
    std::swap(p.to_client[1], p.to_client[2]);
    REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::unexpected_message);
  }
  SUBCASE("unknown certificate -> verifier's alert") {
    Certificate13 c;
    c.entries.push_back({Bytes{0x30, 0x01, 0x00}, {}});
    p.to_client[2] = *c.encode();
    for (int i = 0; i < 2; ++i) REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::unknown_ca);
  }
  SUBCASE("empty server Certificate -> decode_error") {
    p.to_client[2] = *Certificate13{}.encode();
    for (int i = 0; i < 2; ++i) REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::decode_error);
  }
  SUBCASE("a Finished in place of EncryptedExtensions -> unexpected_message") {
    p.to_client[1] = p.to_client[4];
    REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), AlertDescription::unexpected_message);
  }
}

// The calls an application makes after the handshake take the state by rvalue reference: a
// refusal must leave it where it was, so the connection goes on.
TEST_CASE("pair: refused post-handshake calls leave the state usable") {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  REQUIRE(p.start().ok());
  // Before the handshake: every call is refused and the states are intact.
  CHECK(client_key_update(std::move(*p.client), false).error().kind == ErrorKind::config);
  CHECK(server_key_update(std::move(*p.server), false).error().kind == ErrorKind::config);
  CHECK(server_send_tickets(std::move(*p.server), 1, p.server_config, p.server_provider).error().kind ==
        ErrorKind::config);
  CHECK(server_request_certificate(std::move(*p.server), p.server_config, p.server_provider).error().kind ==
        ErrorKind::config);
  CHECK(client_in<ClientExpectServerHello>(p.client));
  CHECK(std::holds_alternative<ServerExpectClientHello>(*p.server));
  REQUIRE(p.run().ok());
  REQUIRE(p.connected());

  // Connected, but the client did not offer post_handshake_auth.
  auto refused = server_request_certificate(std::move(*p.server), p.server_config, p.server_provider);
  CHECK(refused.error().kind == ErrorKind::config);
  REQUIRE(server13_connected(*p.server) != nullptr);
  // The same state still rekeys, and the client follows.
  auto u = server_key_update(std::move(*p.server), false);
  REQUIRE(u.ok());
  p.server = std::move(u->state);
  Pair::route(u->events, p.server_events, p.to_client);
  REQUIRE(p.run().ok());
  CHECK(Pair::keys(p.client_events, Direction::read, Epoch::application)->generation == 1);

  SUBCASE("outstanding request, then no verifier: refused, the first request completes") {
    Pair q;
    q.add_server_identity(make_identity("ec_p256", "srv"));
    q.set_client_identity(make_identity("ec_p384", "client"));
    q.client_config.post_handshake_auth = true;
    REQUIRE(q.start().ok());
    REQUIRE(q.run().ok());
    auto t = server_request_certificate(std::move(*q.server), q.server_config, q.server_provider);
    REQUIRE(t.ok());
    q.server = std::move(t->state);
    Pair::route(t->events, q.server_events, q.to_client);
    CHECK(server_request_certificate(std::move(*q.server), q.server_config, q.server_provider).error().kind ==
          ErrorKind::config);
    REQUIRE(server13_connected(*q.server)->pending_auth.has_value());
    REQUIRE(q.run().ok());
    CHECK_FALSE(server13_connected(*q.server)->pending_auth.has_value());
    CHECK(events_of<PeerCertificates>(q.server_events).size() == 1);
    ServerConfig no_verifier = q.server_config;
    no_verifier.client_verifier = nullptr;
    CHECK(server_request_certificate(std::move(*q.server), no_verifier, q.server_provider).error().kind ==
          ErrorKind::config);
    CHECK(server13_connected(*q.server) != nullptr);
  }
}

// RFC 8446 §4.2.3 / §4.4.2.2: the client names the algorithms it accepts in certificates with
// signature_algorithms_cert (or, without it, signature_algorithms); the server prefers a
// chain signed with those, and falls back to another chain when none is.
TEST_CASE("pair: signature_algorithms_cert sent when configured and used to choose the chain") {
  const SignatureAlgorithm by_ecdsa{SignaturePadding::ecdsa, HashAlgorithm::sha256};
  const SignatureAlgorithm by_rsa_pss{SignaturePadding::pss, HashAlgorithm::sha256};
  auto make = [&] {
    auto p = std::make_unique<Pair>();
    Identity rsa_signed = make_identity("ec_p256", "signed-by-rsa");
    rsa_signed.certified.chain_signatures = {by_rsa_pss};
    Identity ecdsa_signed = make_identity("ec_p256", "signed-by-ecdsa");
    ecdsa_signed.certified.chain_signatures = {by_ecdsa, by_ecdsa};
    p->add_server_identity(rsa_signed);
    p->add_server_identity(ecdsa_signed);
    return p;
  };
  auto served = [](const Pair& p) {
    auto certs = events_of<PeerCertificates>(p.client_events);
    REQUIRE(certs.size() == 1);
    return std::string(certs[0]->chain.front().begin() + 4, certs[0]->chain.front().end());
  };
  auto offered_cert_schemes = [](const Pair& p) -> std::optional<Bytes> {
    auto ch = ClientHello::decode(body_of(events_of<SendHandshake>(p.client_events).front()->message,
                                          HandshakeType::client_hello));
    REQUIRE(ch.ok());
    const Extension* x = ch->extensions.find(ExtensionType::signature_algorithms_cert);
    if (x == nullptr) return std::nullopt;
    return x->body;
  };
  SUBCASE("ECDSA-signed chains only: the second chain") {
    auto p = make();
    p->client_config.signature_schemes_cert = {SignatureScheme::ecdsa_secp256r1_sha256};
    REQUIRE(p->start().ok());
    REQUIRE(p->run().ok());
    CHECK(offered_cert_schemes(*p) == Bytes{0x00, 0x02, 0x04, 0x03});
    CHECK(served(*p) == "signed-by-ecdsa");
  }
  SUBCASE("RSA-PSS-signed chains only: the first chain") {
    auto p = make();
    p->client_config.signature_schemes_cert = {SignatureScheme::rsa_pss_rsae_sha256};
    REQUIRE(p->start().ok());
    REQUIRE(p->run().ok());
    CHECK(served(*p) == "signed-by-rsa");
  }
  SUBCASE("no signature_algorithms_cert: signature_algorithms applies to the chain") {
    auto p = make();
    p->client_config.signature_schemes = {SignatureScheme::ecdsa_secp256r1_sha256};
    REQUIRE(p->start().ok());
    REQUIRE(p->run().ok());
    CHECK_FALSE(offered_cert_schemes(*p).has_value());
    CHECK(served(*p) == "signed-by-ecdsa");
  }
  SUBCASE("no chain the client names: the server sends one anyway (a SHOULD, not a MUST)") {
    auto p = make();
    p->client_config.signature_schemes_cert = {SignatureScheme::ed25519};
    REQUIRE(p->start().ok());
    REQUIRE(p->run().ok());
    CHECK(served(*p) == "signed-by-rsa");
  }
}
