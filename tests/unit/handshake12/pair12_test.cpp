// In-memory TLS 1.2 client <-> server handshakes: every suite x group x certificate key, every
// ServerKeyExchange signature scheme, and each feature (ALPN, SNI, NPN, max_fragment_length,
// client authentication, resumption by session ID and by ticket, renegotiation refusal,
// downgrade sentinel, version negotiation hand-over from a TLS 1.3 ClientHello).
#include <algorithm>

#include "handshake/client_13.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "pair12.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

const InstallKeys* keys12(const Events& events, Direction d) {
  const InstallKeys* found = nullptr;
  for (auto* k : events_of<InstallKeys>(events)) {
    if (k->direction == d) found = k;
  }
  return found;
}

void check_agreement(const Pair12& p) {
  REQUIRE(p.connected());
  auto* cw = keys12(p.client_events, Direction::write);
  auto* cr = keys12(p.client_events, Direction::read);
  auto* sw = keys12(p.server_events, Direction::write);
  auto* sr = keys12(p.server_events, Direction::read);
  REQUIRE(cw);
  REQUIRE(cr);
  REQUIRE(sw);
  REQUIRE(sr);
  CHECK(cw->keys.key == sr->keys.key);
  CHECK(cw->keys.iv == sr->keys.iv);
  CHECK(sw->keys.key == cr->keys.key);
  CHECK(sw->keys.iv == cr->keys.iv);
  CHECK_FALSE(cw->keys.key == sw->keys.key);
  CHECK(cw->traffic_secret.empty());  // TLS 1.2: keys only
  CHECK(cw->epoch == Epoch::application);
  auto suite = tls12_suite(cw->suite);
  REQUIRE(suite);
  CHECK(cw->keys.iv.size() == (suite->aead == AeadAlgorithm::chacha20_poly1305 ? 12u : 4u));
  const auto& ci = p.client_connected().info;
  const auto& si = p.server_connected().info;
  CHECK(ci.master_secret == si.master_secret);
  CHECK(ci.tls_unique == si.tls_unique);
  CHECK(ci.tls_unique.size() == 12);
  CHECK(ci.client_random == si.client_random);
  CHECK(ci.server_random == si.server_random);
  CHECK(ci.extended_master_secret);
  CHECK(si.extended_master_secret);
  auto ce = export_keying_material(ci, "EXPORTER-test", std::nullopt, 32);
  auto se = export_keying_material(si, "EXPORTER-test", std::nullopt, 32);
  REQUIRE(ce.ok());
  REQUIRE(se.ok());
  CHECK(*ce == *se);
  // Every message a side sent under application keys came after its ChangeCipherSpec.
  for (const Events* evs : {&p.client_events, &p.server_events}) {
    bool ccs = false;
    for (const auto& e : *evs) {
      if (std::holds_alternative<SendChangeCipherSpec>(e)) ccs = true;
      if (auto* s = std::get_if<SendHandshake>(&e)) CHECK((s->epoch == Epoch::application) == ccs);
    }
  }
}

Status run_full(Pair12& p) {
  TLSOCK_TRY(p.start());
  return p.run();
}

}  // namespace

TEST_CASE("pair12: every suite x group x ServerKeyExchange signature scheme") {
  struct KeyScheme {
    const char* key;
    SignatureScheme scheme;
  };
  const KeyScheme signers[] = {
      {"ec_p256", SignatureScheme::ecdsa_secp256r1_sha256}, {"ec_p256", SignatureScheme::ecdsa_secp384r1_sha384},
      {"ec_p384", SignatureScheme::ecdsa_secp384r1_sha384}, {"ed25519", SignatureScheme::ed25519},
      {"rsa2048", SignatureScheme::rsa_pkcs1_sha256},       {"rsa2048", SignatureScheme::rsa_pkcs1_sha384},
      {"rsa2048", SignatureScheme::rsa_pkcs1_sha512},       {"rsa2048", SignatureScheme::rsa_pss_rsae_sha256},
      {"rsa2048", SignatureScheme::rsa_pss_rsae_sha384},    {"rsa2048", SignatureScheme::rsa_pss_rsae_sha512},
      {"rsa_pss2048", SignatureScheme::rsa_pss_pss_sha256},
  };
  size_t runs = 0;
  for (CipherSuite suite : default_cipher_suites_12()) {
    for (NamedGroup group : default_groups()) {
      for (const KeyScheme& signer : signers) {
        Identity id = make_identity(signer.key, signer.key);
        if (!key_authenticates_suite(id.certified.key.type(), tls12_suite(suite)->auth)) continue;
        CAPTURE(name(suite));
        CAPTURE(name(group));
        CAPTURE(signer.key);
        CAPTURE(name(signer.scheme));
        Pair12 p;
        p.add_server_identity(id);
        p.client_config.cipher_suites_12 = {suite};
        p.client_config.signature_schemes_12 = {signer.scheme};
        // The server picks `group`; the client also lists the curve of an ECDSA key, which
        // it must support too (RFC 8422 §5.1).
        p.server_config.groups = {group};
        p.client_config.groups = {group, NamedGroup::secp256r1, NamedGroup::secp384r1};
        p.client_config.key_log = true;
        auto st = run_full(p);
        INFO((st.ok() ? "" : st.error().message()));
        REQUIRE(st.ok());
        ++runs;
        check_agreement(p);
        auto* cs = Pair::summary(p.client_events);
        auto* ss = Pair::summary(p.server_events);
        REQUIRE(cs);
        REQUIRE(ss);
        CHECK(cs->version == ProtocolVersion::tls1_2);
        CHECK(cs->suite == suite);
        CHECK(ss->suite == suite);
        CHECK(cs->group == group);
        CHECK(ss->group == group);
        CHECK(cs->peer_signature_scheme == signer.scheme);
        CHECK(cs->peer_authenticated);
        CHECK_FALSE(cs->resumed);
        CHECK(events_of<PeerCertificates>(p.client_events).size() == 1);
        auto logs = events_of<KeyLogSecret>(p.client_events);
        REQUIRE(logs.size() == 1);
        CHECK(logs[0]->label == "CLIENT_RANDOM");
        CHECK(logs[0]->secret == p.client_connected().info.master_secret);
      }
    }
  }
  // 3 ECDSA suites x 3 groups x 4 EC signers + 3 RSA suites x 3 groups x 7 RSA signers.
  CHECK(runs == 3 * 3 * 4 + 3 * 3 * 7);
}

TEST_CASE("pair12: ALPN, SNI, certificate by SNI") {
  Pair12 p;
  auto other = make_identity("ec_p384", "other");
  other.certified.names = {"other.test"};
  auto named = make_identity("ec_p256", "named");
  named.certified.names = {"example.test"};
  p.add_server_identity(other);
  p.add_server_identity(named);
  p.client_config.alpn = {"h2", "http/1.1"};
  p.server_config.alpn = {"http/1.1", "h2"};
  REQUIRE(run_full(p).ok());
  check_agreement(p);
  CHECK(p.client_connected().info.alpn == "http/1.1");
  CHECK(p.server_connected().info.alpn == "http/1.1");
  CHECK(p.server_connected().info.server_name == "example.test");
  CHECK(events_of<PeerCertificates>(p.client_events)[0]->chain == named.certified.chain);
  CHECK(events_of<AlpnSelected>(p.server_events).size() == 1);

  Pair12 none;  // no overlap: no ALPN, no alert (as in 1.3)
  none.add_server_identity(make_identity("ec_p256", "a"));
  none.client_config.alpn = {"h2"};
  none.server_config.alpn = {"spdy/3"};
  REQUIRE(run_full(none).ok());
  CHECK(none.client_connected().info.alpn.empty());
}

TEST_CASE("pair12: NPN, also when resuming") {
  Pair12 p;
  p.add_server_identity(make_identity("rsa2048", "rsa"));
  p.client_config.npn = {"spdy/2", "http/1.1"};
  p.server_config.npn = {"http/1.1", "spdy/2"};
  SessionCache12 cache(8, 3600);
  p.server_config.session_cache = &cache;
  REQUIRE(run_full(p).ok());
  check_agreement(p);
  // The client picks its first protocol that the server lists.
  CHECK(p.client_connected().info.npn == "spdy/2");
  CHECK(p.server_connected().info.npn == "spdy/2");

  Pair12 q;
  q.add_server_identity(make_identity("rsa2048", "rsa"));
  q.client_config.npn = {"h3"};
  q.server_config.npn = {"http/1.1"};
  q.server_config.session_cache = &cache;
  REQUIRE(run_full(q).ok());
  CHECK(q.server_connected().info.npn == "h3");  // no overlap: the client's first
  auto session = q.client_connected().session;
  REQUIRE(session);
  session->ticket.clear();  // by session ID
  Pair12 r;
  r.add_server_identity(make_identity("rsa2048", "rsa"));
  r.client_config.npn = {"http/1.1"};
  r.server_config.npn = {"http/1.1"};
  r.server_config.session_cache = &cache;
  REQUIRE(r.start(session).ok());
  REQUIRE(r.run().ok());
  CHECK(r.client_connected().info.resumed);
  CHECK(r.server_connected().info.npn == "http/1.1");

  Pair12 both;  // ALPN wins; NPN is not answered
  both.add_server_identity(make_identity("rsa2048", "rsa"));
  both.client_config.alpn = {"h2"};
  both.server_config.alpn = {"h2"};
  both.client_config.npn = {"h2"};
  both.server_config.npn = {"h2"};
  REQUIRE(run_full(both).ok());
  CHECK(both.client_connected().info.alpn == "h2");
  CHECK(both.client_connected().info.npn.empty());
}

TEST_CASE("pair12: max_fragment_length") {
  Pair12 p;
  p.add_server_identity(make_identity("ec_p256", "a"));
  p.client_config.max_fragment_length = MaxFragmentLength::code_for_length(1024);
  REQUIRE(run_full(p).ok());
  CHECK(p.client_connected().info.max_fragment_length == 2);
  CHECK(p.server_connected().info.max_fragment_length == 2);
  // RFC 6066 §4: the limit holds from right after the ServerHello, for both sides: the server's
  // event comes between its ServerHello and its Certificate.
  for (const Events* evs : {&p.client_events, &p.server_events}) {
    auto limits = events_of<LimitRecordPlaintext>(*evs);
    REQUIRE(limits.size() == 1);
    CHECK(limits[0]->max_plaintext == 1024);
  }
  const Events& se = p.server_events;
  auto at = std::find_if(se.begin(), se.end(), [](const Event& e) { return std::holds_alternative<LimitRecordPlaintext>(e); });
  REQUIRE(at != se.begin());
  REQUIRE(at + 1 != se.end());
  auto* before = std::get_if<SendHandshake>(&*(at - 1));
  auto* after = std::get_if<SendHandshake>(&*(at + 1));
  REQUIRE(before);
  REQUIRE(after);
  CHECK(before->message[0] == static_cast<uint8_t>(HandshakeType::server_hello));
  CHECK(after->message[0] == static_cast<uint8_t>(HandshakeType::certificate));

  Pair12 off;
  off.add_server_identity(make_identity("ec_p256", "a"));
  off.client_config.max_fragment_length = 4;
  off.server_config.accept_max_fragment_length = false;
  REQUIRE(run_full(off).ok());
  CHECK(off.client_connected().info.max_fragment_length == 0);
  CHECK(events_of<LimitRecordPlaintext>(off.client_events).empty());
  CHECK(events_of<LimitRecordPlaintext>(off.server_events).empty());
}

TEST_CASE("pair12: client authentication") {
  const std::pair<const char*, SignatureScheme> clients[] = {
      {"ec_p256", SignatureScheme::ecdsa_secp256r1_sha256},
      {"rsa2048", SignatureScheme::rsa_pkcs1_sha256},
      {"rsa2048", SignatureScheme::rsa_pss_rsae_sha256},
      {"ed25519", SignatureScheme::ed25519},
  };
  for (const auto& entry : clients) {
    const char* key = entry.first;  // not a structured binding: CAPTURE lambdas cannot capture one (clang)
    SignatureScheme scheme = entry.second;
    CAPTURE(key);
    CAPTURE(name(scheme));
    Pair12 p;
    p.add_server_identity(make_identity("ec_p256", "srv"));
    p.set_client_identity(make_identity(key, "client"));
    p.server_config.client_auth = ClientAuth::required;
    p.server_config.certificate_authorities = {Bytes{0x30, 0x00}};
    p.client_config.signature_schemes_12 = {SignatureScheme::ecdsa_secp256r1_sha256, scheme};
    p.server_config.signature_schemes_12 = {scheme, SignatureScheme::ecdsa_secp256r1_sha256};
    auto st = run_full(p);
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    check_agreement(p);
    auto* ss = Pair::summary(p.server_events);
    CHECK(ss->peer_authenticated);
    CHECK(ss->peer_signature_scheme == scheme);
    CHECK(events_of<PeerCertificates>(p.server_events).size() == 1);
  }

  Pair12 optional;  // no client certificate, optional: an empty Certificate, no CertificateVerify
  optional.add_server_identity(make_identity("ec_p256", "srv"));
  optional.server_config.client_auth = ClientAuth::optional;
  REQUIRE(run_full(optional).ok());
  check_agreement(optional);
  CHECK_FALSE(Pair::summary(optional.server_events)->peer_authenticated);

  Pair12 required;  // RFC 5246 §7.4.6: the server MAY answer no certificate with handshake_failure
  required.add_server_identity(make_identity("ec_p256", "srv"));
  required.server_config.client_auth = ClientAuth::required;
  REQUIRE(required.start().ok());
  CHECK_ALERT(required.run(), AlertDescription::handshake_failure);
}

TEST_CASE("pair12: resumption by session ID and by ticket") {
  SessionCache12 cache(4, 3600);
  TicketSealer sealer;
  uint64_t seed = 100;
  auto make = [&](bool tickets) {
    Pair12 p;
    p.server_rng = ScriptedRng(seed++);  // each server draws fresh session IDs
    p.add_server_identity(make_identity("ec_p256", "srv"));
    p.server_config.session_cache = &cache;
    if (tickets) p.server_config.tickets = &sealer;
    p.client_config.alpn = {"h2"};
    p.server_config.alpn = {"h2"};
    return p;
  };
  SUBCASE("session ID") {
    Pair12 first = make(false);
    REQUIRE(run_full(first).ok());
    auto session = first.client_connected().session;
    REQUIRE(session);
    CHECK(session->ticket.empty());
    CHECK(session->session_id.size() == 32);
    CHECK(cache.size() >= 1);
    Pair12 second = make(false);
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    check_agreement(second);
    CHECK(second.client_connected().info.resumed);
    CHECK(second.server_connected().info.resumed);
    auto* cs = Pair::summary(second.client_events);
    CHECK(cs->resumed);
    CHECK_FALSE(cs->peer_authenticated);
    CHECK(events_of<PeerCertificates>(second.client_events).empty());
    // RFC 5929 §3.1: in an abbreviated handshake tls-unique is the server's Finished.
    CHECK(second.client_connected().info.tls_unique == second.server_connected().info.tls_unique);
    CHECK(second.client_connected().info.alpn == "h2");
  }
  SUBCASE("ticket") {
    Pair12 first = make(true);
    REQUIRE(run_full(first).ok());
    auto session = first.client_connected().session;
    REQUIRE(session);
    CHECK_FALSE(session->ticket.empty());
    Pair12 second = make(true);
    second.server_config.session_cache = nullptr;  // only the ticket can resume
    REQUIRE(second.start(session).ok());
    REQUIRE(second.run().ok());
    check_agreement(second);
    CHECK(second.server_connected().info.resumed);
    // A new ticket came with the abbreviated handshake.
    auto renewed = second.client_connected().session;
    REQUIRE(renewed);
    CHECK(renewed->ticket != session->ticket);

    // RFC 5077 §3.4: the client MAY send a session ID with its ticket; without one the server
    // still resumes (an abbreviated handshake, the empty session ID echoed).
    Pair12 no_id = make(true);
    no_id.server_config.session_cache = nullptr;
    REQUIRE(no_id.start(session).ok());
    auto ch = ClientHello::decode(body_of(*no_id.to_server.front(), HandshakeType::client_hello));
    REQUIRE(ch.ok());
    REQUIRE_FALSE(ch->legacy_session_id.empty());
    ch->legacy_session_id.clear();
    no_id.to_server.front() = *ch->encode();
    REQUIRE(no_id.step_server().ok());
    CHECK(std::holds_alternative<ServerExpectChangeCipherSpec12>(std::get<ServerState12>(*no_id.server)));
    auto sh = ServerHello::decode(body_of(*no_id.to_client.front(), HandshakeType::server_hello));
    REQUIRE(sh.ok());
    CHECK(sh->legacy_session_id_echo.empty());

    // After two key rotations the ticket no longer opens: a full handshake, no error.
    REQUIRE(sealer.set_rotation_seconds(2).ok());
    Pair12 third = make(true);
    third.clock.set_ms(first.clock.now_ms() + 5000);
    third.server_config.session_cache = nullptr;
    REQUIRE(third.start(session).ok());
    REQUIRE(third.run().ok());
    CHECK_FALSE(third.server_connected().info.resumed);
  }
  SUBCASE("another SNI, an expired session, a suite no longer offered: full handshakes") {
    Pair12 first = make(false);
    REQUIRE(run_full(first).ok());
    auto session = *first.client_connected().session;
    {
      Pair12 p = make(false);
      auto s = session;
      s.session.server_name = "other.test";
      p.client_config.server_name = "other.test";
      REQUIRE(p.start(s).ok());
      auto st = p.run();
      INFO((st.ok() ? "" : st.error().message()));
      REQUIRE(st.ok());
      CHECK_FALSE(p.server_connected().info.resumed);
    }
    {
      Pair12 p = make(false);
      p.clock.advance_ms(int64_t{3601} * 1000);  // past the cache lifetime, inside the client's
      REQUIRE(p.start(session).ok());
      auto st = p.run();
      INFO((st.ok() ? "" : st.error().message()));
      REQUIRE(st.ok());
      CHECK_FALSE(p.server_connected().info.resumed);
    }
  }
}

TEST_CASE("session cache: LRU bound and lifetime") {
  SessionCache12 cache(2, 100);
  auto session = [](int64_t created) {
    Session12 s;
    s.suite = CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    s.master_secret = Secret(Bytes(48, 1));
    s.extended_master_secret = true;
    s.created_ms = created;
    s.lifetime_seconds = 1000;  // clamped to the cache's 100 s
    return s;
  };
  Bytes a(32, 'a'), b(32, 'b'), c(32, 'c');
  cache.insert(a, session(0));
  cache.insert(b, session(0));
  CHECK(cache.find(a, 1000).has_value());  // a becomes the most recently used
  cache.insert(c, session(0));             // evicts b
  CHECK(cache.size() == 2);
  CHECK_FALSE(cache.find(b, 1000).has_value());
  CHECK(cache.find(c, 1000).has_value());
  CHECK(cache.evictions() == 1);
  CHECK(cache.timeouts() == 0);
  CHECK_FALSE(cache.find(a, 100'000).has_value());  // expired at 100 s, and dropped
  CHECK(cache.size() == 1);
  CHECK(cache.timeouts() == 1);
  CHECK_FALSE(cache.find(a, 100'000).has_value());  // gone: a miss, not another timeout
  CHECK(cache.timeouts() == 1);
  cache.remove(c);
  CHECK(cache.size() == 0);
  SessionCache12 off(0, 100);
  off.insert(a, session(0));
  CHECK(off.size() == 0);
}

TEST_CASE("pair12: renegotiation is refused with a no_renegotiation warning") {
  Pair12 p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  REQUIRE(p.start().ok());
  // HelloRequest during the handshake is ignored (RFC 5246 §7.4.1.1).
  REQUIRE(p.step_server().ok());
  auto ignored = client_handle(std::move(*p.client), as_message(*HelloRequest{}.encode()),
                              p.client_config, p.client_provider);
  REQUIRE(ignored.ok());
  CHECK(ignored->events.empty());
  CHECK_FALSE(ignored->warning_alert);
  p.client = std::move(ignored->state);
  REQUIRE(p.run().ok());
  REQUIRE(p.connected());

  auto hr = client_handle(*p.client, as_message(*HelloRequest{}.encode()), p.client_config,
                          p.client_provider);
  REQUIRE(hr.ok());
  CHECK(hr->warning_alert == AlertDescription::no_renegotiation);
  CHECK(client_connected12(hr->state) != nullptr);

  // A new ClientHello after the handshake: the server refuses it the same way.
  auto again = client_start(p.client_config, p.client_provider);
  REQUIRE(again.ok());
  auto ch = std::get<SendHandshake>(again->events[0]).message;
  auto ren = server_handle(*p.server, as_message(ch), p.server_config, p.server_provider);
  REQUIRE(ren.ok());
  CHECK(ren->warning_alert == AlertDescription::no_renegotiation);
  CHECK(server12_connected(ren->state) != nullptr);

  // Anything else after the handshake is unexpected_message.
  CHECK_ALERT(server_handle(*p.server, as_message(*ServerHelloDone{}.encode()), p.server_config,
                            p.server_provider),
              AlertDescription::unexpected_message);
  CHECK_ALERT(client_handle(*p.client, as_message(ch), p.client_config, p.client_provider),
              AlertDescription::unexpected_message);
  CHECK_ALERT(client_change_cipher_spec(*p.client), AlertDescription::unexpected_message);
}

TEST_CASE("pair12: downgrade sentinel written by a 1.3-capable server, checked by a 1.3-offering client") {
  Pair12 p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  p.server_config.tls13_enabled = true;
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  auto sh = ServerHello::decode(body_of(*p.to_client.front(), HandshakeType::server_hello));
  REQUIRE(sh.ok());
  CHECK(sh->has_downgrade_sentinel());
  // A 1.2-only client does not look at it (RFC 8446 §4.1.3 binds 1.3 clients)...
  REQUIRE(p.run().ok());
  CHECK(p.connected());
  // ...a client that offered 1.3 refuses it.
  Pair12 q;
  q.add_server_identity(make_identity("ec_p256", "srv"));
  q.server_config.tls13_enabled = true;
  q.client_config.supported_versions = {ProtocolVersion::tls1_3, ProtocolVersion::tls1_2};
  REQUIRE(q.start().ok());
  REQUIRE(q.step_server().ok());
  CHECK_ALERT(q.step_client(), AlertDescription::illegal_parameter);
}

TEST_CASE("version negotiation: server picks, and a 1.3 ClientHello continues as 1.2") {
  ClientHello ch;
  auto versions = [&](std::vector<ProtocolVersion> v) {
    ch.extensions = {};
    ch.extensions.add(ExtensionType::supported_versions, *SupportedVersionsClientHello{v}.encode());
  };
  const auto v12 = ProtocolVersion::tls1_2, v13 = ProtocolVersion::tls1_3;
  versions({v13, v12});
  CHECK(*negotiate_server_version(ch, v12, v13) == v13);
  CHECK(*negotiate_server_version(ch, v12, v12) == v12);
  versions({v13});
  CHECK_ALERT(negotiate_server_version(ch, v12, v12), AlertDescription::protocol_version);
  ch.extensions = {};
  ch.legacy_version = v12;
  CHECK(*negotiate_server_version(ch, v12, v13) == v12);
  CHECK_ALERT(negotiate_server_version(ch, v13, v13), AlertDescription::protocol_version);
  ch.legacy_version = ProtocolVersion::tls1_1;
  CHECK_ALERT(negotiate_server_version(ch, v12, v13), AlertDescription::protocol_version);
  // RFC 8446 §D.5: legacy_version 0x0300 or less, whatever supported_versions offers.
  for (int legacy : {0x0300, 0x0200, 0x0000}) {
    CAPTURE(legacy);
    ch.legacy_version = static_cast<ProtocolVersion>(legacy);
    versions({v13, v12});
    CHECK_ALERT(negotiate_server_version(ch, v12, v13), AlertDescription::protocol_version);
    CHECK_ALERT(negotiate_server_version(ch, v12, v12), AlertDescription::protocol_version);
  }
  ch.legacy_version = v12;

  // A client offering both versions gets a 1.2 answer from a 1.2 server: its
  // ExpectServerHello hands the ServerHello over to the 1.2 states.
  for (bool server13 : {false, true}) {
    CAPTURE(server13);
    Pair12 p;
    p.add_server_identity(make_identity("ec_p256", "srv"));
    p.server_config.tls13_enabled = server13;
    p.client_config.supported_versions = {v13, v12};
    REQUIRE(p.start().ok());
    auto hello = ClientHello::decode(body_of(*p.to_server.front(), HandshakeType::client_hello));
    REQUIRE(hello.ok());
    CHECK(hello->extensions.has(ExtensionType::key_share));
    CHECK(hello->extensions.has(ExtensionType::extended_master_secret));
    REQUIRE(p.step_server().ok());
    auto sh = ServerHello::decode(body_of(*p.to_client.front(), HandshakeType::server_hello));
    REQUIRE(sh.ok());
    CHECK(server_hello_version(*sh, p.client_config) == v12);
    if (server13) {
      // A forced downgrade (this server could do 1.3) is detected.
      CHECK_ALERT(p.run(), AlertDescription::illegal_parameter);
    } else {
      auto st = p.run();
      INFO((st.ok() ? "" : st.error().message()));
      REQUIRE(st.ok());
      check_agreement(p);
    }
  }
}
