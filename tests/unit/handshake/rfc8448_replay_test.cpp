// RFC 8448 replay at the handshake-message level (no records), both roles: a ScriptedRng feeds
// the trace's randoms, ephemeral private keys and (server) HelloRetryRequest cookie, the
// trace's peer messages are fed in, and what our state machine sends and derives is compared
// with the trace. Every replay runs once per feeding (see `feedings`): the peer's messages,
// concatenated, reach the machine through a HandshakeDeframer one message at a time, one byte
// at a time, and cut in two at every split point.
//
// What cannot be byte-equal, and why:
//  - RSA-PSS CertificateVerify signatures (§3/§5/§7 server, §6 client) use a random salt;
//    Botan also draws RSA blinding values from the same Rng, so the trace's salt cannot be
//    scripted. We check instead that our CertificateVerify verifies under the trace's key, and
//    every message and secret before it is byte-equal. A Finished that follows our own
//    CertificateVerify is checked against our transcript; the peer's later messages (which
//    cover the trace's signature) are not fed.
//  - §4's client sends early data and EndOfEarlyData (ours never sends early data): its
//    ClientHello is rebuilt byte for byte (early_data offered through extra_extensions, the
//    binder computed), the server's answer is fed up to its Finished, and the client's
//    Finished (over EndOfEarlyData in the trace) is not compared. Our server declines 0-RTT,
//    so its EncryptedExtensions is the trace's without early_data, and what follows differs.
//  - §6's client certificate and server certificate (ECDSA P-256) come without their private
//    keys, so our §6 signatures are made with the §2 RSA key and checked with it.
//  - The trace's server tickets are sealed by NSS: the §4 server replay opens the §3 ticket
//    with a stand-in TicketSealer that knows what it holds.
#include <algorithm>

#include "crypto/key_exchange.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/client.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/server_13.hpp"
#include "handshake/transcript.hpp"
#include "record/handshake_deframer.hpp"
#include "pair.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

// The SubjectPublicKeyInfo TLV of a DER certificate (tbsCertificate's 7th field, or 6th
// without the explicit version). A test-only walk: the handshake never parses certificates.
Bytes spki_of(const Bytes& cert) {
  size_t pos = 0;
  auto header = [&](size_t& len) {
    REQUIRE(pos + 2 <= cert.size());
    ++pos;  // tag
    size_t l = cert[pos++];
    if (l & 0x80) {
      size_t n = l & 0x7f;
      l = 0;
      for (size_t i = 0; i < n; ++i) l = l << 8 | cert[pos++];
    }
    len = l;
  };
  size_t len;
  header(len);  // Certificate
  header(len);  // tbsCertificate
  if (cert[pos] == 0xa0) {
    header(len);
    pos += len;
  }
  for (int field = 0; field < 5; ++field) {  // serial, signature, issuer, validity, subject
    header(len);
    pos += len;
  }
  size_t start = pos;
  header(len);
  return Bytes(cert.begin() + static_cast<ptrdiff_t>(start), cert.begin() + static_cast<ptrdiff_t>(pos + len));
}

Bytes rfc_leaf(const Bytes& certificate_message) {
  auto c = Certificate13::decode(body_of(certificate_message, HandshakeType::certificate));
  REQUIRE(c.ok());
  REQUIRE(c->entries.size() == 1);
  return c->entries[0].cert_data;
}

PrivateKey rfc_rsa_key() {
  std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/rfc8448/sec2_handshake_rsa_key.txt");
  REQUIRE(in.good());
  std::string line, pem;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') pem += line + "\n";
  }
  auto k = PrivateKey::load(as_bytes(pem));
  REQUIRE(k.ok());
  return *k;
}

// The ClientHello of the traces: NSS's extension set and order.
ClientConfig rfc_client_config(PinnedKeyVerifier& verifier, int section) {
  ClientConfig c;
  c.cipher_suites = {CipherSuite::TLS_AES_128_GCM_SHA256, CipherSuite::TLS_CHACHA20_POLY1305_SHA256,
                     CipherSuite::TLS_AES_256_GCM_SHA384};
  if (section == 5) {
    c.groups = {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};
  } else {
    c.groups = {NamedGroup::x25519,    NamedGroup::secp256r1, NamedGroup::secp384r1,
                NamedGroup::secp521r1, NamedGroup::ffdhe2048, NamedGroup::ffdhe3072,
                NamedGroup::ffdhe4096, NamedGroup::ffdhe6144, NamedGroup::ffdhe8192};
  }
  c.key_share_groups = {NamedGroup::x25519};
  using S = SignatureScheme;
  c.signature_schemes = {S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384, S::ecdsa_secp521r1_sha512,
                         S::ecdsa_sha1, S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384,
                         S::rsa_pss_rsae_sha512, S::rsa_pkcs1_sha256, S::rsa_pkcs1_sha384,
                         S::rsa_pkcs1_sha512, S::rsa_pkcs1_sha1, static_cast<S>(0x0402),
                         static_cast<S>(0x0502), static_cast<S>(0x0602), static_cast<S>(0x0202)};
  c.server_name = "server";
  c.verifier = &verifier;
  c.middlebox_compat = section == 7;
  c.record_size_limit = 0x4001;
  c.extra_extensions.push_back({ExtensionType::renegotiation_info, {0x00}});
  if (section == 3) c.extra_extensions.push_back({ExtensionType::session_ticket, {}});
  // §4's client offers 0-RTT; ours never sends early data, so the offer is added verbatim.
  if (section == 4) c.extra_extensions.push_back({ExtensionType::early_data, {}});
  c.extension_order = {ExtensionType::server_name,      ExtensionType::renegotiation_info,
                       ExtensionType::supported_groups, ExtensionType::session_ticket,
                       ExtensionType::key_share,        ExtensionType::early_data,
                       ExtensionType::supported_versions,
                       ExtensionType::signature_algorithms, ExtensionType::cookie,
                       ExtensionType::psk_key_exchange_modes, ExtensionType::record_size_limit};
  return c;
}

ByteView random_of(const Bytes& hello) { return ByteView(hello).subspan(6, 32); }

std::vector<const Bytes*> sent(const Events& events) {
  std::vector<const Bytes*> out;
  for (auto* s : events_of<SendHandshake>(events)) out.push_back(&s->message);
  return out;
}

std::string secret_hex(const Events& events, Direction d, Epoch e) {
  auto* k = Pair::keys(events, d, e);
  REQUIRE(k != nullptr);
  return to_hex(k->traffic_secret);
}

std::string vector_name(int section) {
  return "rfc8448/sec" + std::to_string(section) + "_handshake_messages.txt";
}

// --- feeding: how the peer's bytes reach the machine under test ------------------------------

// Lengths of the pieces the peer's byte stream is cut into (they sum to its length).
using Cuts = std::vector<size_t>;

struct Feeding {
  std::string name;
  Cuts cuts;
};

// One message at a time, one byte at a time, and two pieces cut at every split point.
std::vector<Feeding> feedings(const std::vector<Bytes>& peer_messages) {
  Cuts per_message;
  size_t total = 0;
  for (const Bytes& m : peer_messages) {
    per_message.push_back(m.size());
    total += m.size();
  }
  std::vector<Feeding> out;
  out.push_back({"one message at a time", std::move(per_message)});
  out.push_back({"one byte at a time", Cuts(total, 1)});
  for (size_t k = 1; k < total; ++k) out.push_back({"split at " + std::to_string(k), {k, total - k}});
  return out;
}

// Feeds `stream` cut as `cuts` through a HandshakeDeframer (what the engine does with records)
// and hands each whole message to `step`.
template <typename Step>
Status feed_peer_stream(ByteView stream, const Cuts& cuts, Step&& step) {
  HandshakeDeframer deframer;
  size_t at = 0;
  for (size_t n : cuts) {
    TLSOCK_TRY(deframer.add(stream.subspan(at, n)));
    at += n;
    for (;;) {
      TLSOCK_TRY_ASSIGN(std::optional<HandshakeMessage> m, deframer.next());
      if (!m) break;
      TLSOCK_TRY(step(*m));
    }
  }
  if (deframer.has_partial_message()) return decode_error("the peer's stream ends inside a message");
  return {};
}

// Runs `make_replay()` (a fresh replay, started) once per feeding of `peer` (names in the
// trace), then `check` on it. Replay: `v` (the VectorFile) and `Status step(message)`.
template <typename MakeReplay, typename Check>
void replay_every_way(int section, const std::vector<std::string>& peer, MakeReplay make_replay,
                      Check check) {
  VectorFile v(vector_name(section));
  std::vector<Bytes> messages;
  Bytes stream;
  for (const auto& name : peer) {
    messages.push_back(v[name]);
    stream.insert(stream.end(), v[name].begin(), v[name].end());
  }
  for (const Feeding& f : feedings(messages)) {
    CAPTURE(f.name);
    auto r = make_replay();
    Status st = feed_peer_stream(stream, f.cuts, [&](const HandshakeMessage& m) { return r->step(m); });
    INFO((st.ok() ? std::string() : st.error().message()));
    REQUIRE(st.ok());
    check(*r);
  }
}

// --- the client side -------------------------------------------------------------------------

// The §3 NewSessionTicket as our client keeps it, received `age_ms` before `now_ms`.
ClientSession13 rfc_session(int64_t now_ms, uint32_t age_ms) {
  VectorFile v3(vector_name(3));
  auto nst = NewSessionTicket13::decode(body_of(v3["new_session_ticket"], HandshakeType::new_session_ticket));
  REQUIRE(nst.ok());
  ClientSession13 s;
  s.suite = CipherSuite::TLS_AES_128_GCM_SHA256;
  s.psk = Secret(v3["resumption_psk"]);
  s.ticket = nst->ticket;
  s.ticket_age_add = nst->ticket_age_add;
  s.lifetime_seconds = nst->ticket_lifetime;
  s.received_at_ms = now_ms - age_ms;
  s.session_created_ms = s.received_at_ms;
  s.server_name = "server";
  return s;
}

// The ticket age the §4 ClientHello claims (RFC 8446 §4.2.11.1: obfuscated - ticket_age_add):
// the trace does not give the clock, so the replay takes the age from there.
uint32_t rfc4_ticket_age_ms() {
  VectorFile v4(vector_name(4));
  VectorFile v3(vector_name(3));
  auto ch = ClientHello::decode(body_of(v4["client_hello"], HandshakeType::client_hello));
  REQUIRE(ch.ok());
  const Extension* x = ch->extensions.find(ExtensionType::pre_shared_key);
  REQUIRE(x != nullptr);
  auto psks = OfferedPsks::decode(x->body);
  REQUIRE(psks.ok());
  auto nst = NewSessionTicket13::decode(body_of(v3["new_session_ticket"], HandshakeType::new_session_ticket));
  REQUIRE(nst.ok());
  return psks->identities.at(0).obfuscated_ticket_age - nst->ticket_age_add;
}

struct ClientReplay {
  VectorFile v;
  ScriptedRng rng{0};
  FixedClock clock{1'000'000};
  Provider provider{rng, clock};
  PinnedKeyVerifier verifier;
  ClientConfig config;
  std::optional<ClientState> state;
  Events events;

  // Configures the client as the trace's and scripts its randomness; the caller may adjust
  // `config` before start().
  explicit ClientReplay(int section) : v(vector_name(section)) {
    if (v.has("server_certificate")) {
      Bytes leaf = rfc_leaf(v["server_certificate"]);
      REQUIRE(verifier.pin(leaf, spki_of(leaf)).ok());
    }
    config = rfc_client_config(verifier, section);
    rng.push(random_of(v["client_hello"]));
    if (section == 7) rng.push(ByteView(v["client_hello"]).subspan(39, 32));  // legacy_session_id
    rng.push(v["client_x25519_private"]);
    if (section == 5) rng.push(v["client_p256_private"]);  // the share the HRR asks for
  }

  void start(std::optional<ClientSession13> resume = std::nullopt) {
    auto t = client_start(config, provider, std::move(resume));
    REQUIRE(t.ok());
    state = std::move(t->state);
    events = std::move(t->events);
  }

  Status step(const HandshakeMessage& m) {
    TLSOCK_TRY_ASSIGN(ClientTransition t, client_handle(std::move(*state), m, config, provider));
    state = std::move(t.state);
    for (auto& e : t.events) events.push_back(std::move(e));
    return {};
  }
};

std::unique_ptr<ClientReplay> started_client(int section) {
  auto r = std::make_unique<ClientReplay>(section);
  r->start();
  return r;
}

// The handshake and application secrets, the exporter and resumption secrets: all the trace's.
void check_client_secrets(const ClientReplay& r) {
  CHECK(secret_hex(r.events, Direction::read, Epoch::handshake) == to_hex(r.v["s_hs_traffic"]));
  CHECK(secret_hex(r.events, Direction::write, Epoch::handshake) == to_hex(r.v["c_hs_traffic"]));
  auto* hs_keys = Pair::keys(r.events, Direction::read, Epoch::handshake);
  CHECK(to_hex(hs_keys->keys.key) == to_hex(r.v["s_hs_key"]));
  CHECK(to_hex(hs_keys->keys.iv) == to_hex(r.v["s_hs_iv"]));
  REQUIRE(client_in<ClientConnected>(r.state));
  CHECK(secret_hex(r.events, Direction::read, Epoch::application) == to_hex(r.v["s_ap_traffic"]));
  CHECK(secret_hex(r.events, Direction::write, Epoch::application) == to_hex(r.v["c_ap_traffic"]));
  auto* done = Pair::summary(r.events);
  REQUIRE(done != nullptr);
  CHECK(to_hex(done->exporter_master_secret) == to_hex(r.v["exp_master"]));
}

// Our flight is the trace's: ClientHello(s) and Finished, byte for byte.
void check_client_sends(const ClientReplay& r, const std::vector<std::string>& names) {
  auto s = sent(r.events);
  REQUIRE(s.size() == names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    CAPTURE(names[i]);
    CHECK(to_hex(*s[i]) == to_hex(r.v[names[i]]));
  }
  CHECK(events_of<SendHandshake>(r.events).back()->epoch == Epoch::handshake);
}

// --- the server side -------------------------------------------------------------------------

// Stands in for the trace server's ticket key: opens exactly the §3 ticket, to what the trace
// server sealed in it (the §3 resumption PSK, issued `age_ms` before `now_ms`).
class RfcTicketSealer : public TicketSealer {
 public:
  RfcTicketSealer(int64_t now_ms, uint32_t age_ms) {
    ClientSession13 s = rfc_session(now_ms, age_ms);
    ticket_ = s.ticket;
    TicketContents c;
    c.suite = s.suite;
    c.psk = s.psk;
    c.ticket_age_add = s.ticket_age_add;
    c.lifetime_seconds = s.lifetime_seconds;
    c.issued_at_ms = s.received_at_ms;
    c.session_created_ms = s.session_created_ms;
    c.server_name = s.server_name;
    auto plain = c.encode();
    REQUIRE(plain.ok());
    plain_ = *plain;
  }
  std::optional<Secret> open(ByteView ticket, Provider&) override {
    if (!std::ranges::equal(ticket, ticket_)) return std::nullopt;
    return Secret(plain_);
  }

 private:
  Bytes ticket_;
  Bytes plain_;
};

struct ServerReplay {
  VectorFile v;
  ScriptedRng rng{0};
  FixedClock clock{1'000'000};
  Provider provider{rng, clock};
  std::optional<RfcTicketSealer> sealer;
  PinnedKeyVerifier client_verifier;
  ServerConfig config;
  ServerState state = server_start();
  Events events;

  // The trace server's configuration and randomness, in the order our server draws it: the
  // HelloRetryRequest cookie, then the key share, then ServerHello.random.
  explicit ServerReplay(int section) : v(vector_name(section)) {
    using G = NamedGroup;
    config.groups = {G::x25519,    G::secp256r1, G::secp384r1, G::secp521r1, G::ffdhe2048,
                     G::ffdhe3072, G::ffdhe4096, G::ffdhe6144, G::ffdhe8192};
    config.send_supported_groups = true;
    config.record_size_limit = 0x4001;
    if (v.has("server_certificate")) {
      // §6's certificate is ECDSA P-256 without its key: the §2 RSA key stands in (see above).
      config.certificates.push_back(CertifiedKey{{rfc_leaf(v["server_certificate"])}, rfc_rsa_key(), {}});
    }
    if (section == 5) {
      // NSS prefers P-256 to the client's X25519 share and pays a HelloRetryRequest for it.
      config.groups = {G::secp256r1, G::secp384r1, G::x25519};
      config.strict_group_preference = true;
      auto hrr = ServerHello::decode(body_of(v["hello_retry_request"], HandshakeType::server_hello));
      REQUIRE(hrr.ok());
      const Extension* c = hrr->extensions.find(ExtensionType::cookie);
      REQUIRE(c != nullptr);
      ByteView cookie = ByteView(c->body).subspan(2);
      config.send_hello_retry_cookie = true;
      config.hello_retry_cookie_length = static_cast<uint16_t>(cookie.size());
      rng.push(cookie);
      rng.push(v["server_p256_private"]);
    } else {
      rng.push(v["server_x25519_private"]);
    }
    rng.push(random_of(v["server_hello"]));
    if (section == 6) {
      config.client_auth = ClientAuth::optional;
      config.client_verifier = &client_verifier;
      config.signature_schemes = rfc_client_config(client_verifier, 6).signature_schemes;
    }
    if (section == 4) {
      sealer.emplace(clock.now_ms(), rfc4_ticket_age_ms());
      config.tickets = &*sealer;
    }
  }

  Status step(const HandshakeMessage& m) {
    TLSOCK_TRY_ASSIGN(ServerTransition t, server_handle(std::move(state), m, config, provider));
    state = std::move(t.state);
    for (auto& e : t.events) events.push_back(std::move(e));
    return {};
  }
};

std::unique_ptr<ServerReplay> server_for(int section) { return std::make_unique<ServerReplay>(section); }

// Our messages `names` come first in what we sent, byte for byte; then (when the trace server
// signed) our CertificateVerify verifies under the trace's certificate key over the trace's
// transcript, and our Finished is right over our own. `transcript_names`: the trace's messages
// up to our CertificateVerify, in order (after a HelloRetryRequest, ClientHello1 becomes its
// message_hash).
void check_server_flight(const ServerReplay& r, const std::vector<std::string>& names,
                         const std::vector<std::string>& transcript_names) {
  auto s = sent(r.events);
  REQUIRE(s.size() >= names.size() + 1);
  for (size_t i = 0; i < names.size(); ++i) {
    CAPTURE(names[i]);
    CHECK(to_hex(*s[i]) == to_hex(r.v[names[i]]));
  }
  CHECK(secret_hex(r.events, Direction::write, Epoch::handshake) == to_hex(r.v["s_hs_traffic"]));
  CHECK(secret_hex(r.events, Direction::read, Epoch::handshake) == to_hex(r.v["c_hs_traffic"]));
  Transcript tr(HashAlgorithm::sha256);
  for (const auto& n : transcript_names) {
    tr.add(r.v[n]);
    if (n == "client_hello" && r.v.has("hello_retry_request")) tr.restart_for_hrr();
  }
  size_t next = names.size();
  if (r.v.has("server_certificate")) {
    auto cv = CertificateVerify::decode(body_of(*s[next], HandshakeType::certificate_verify));
    REQUIRE(cv.ok());
    CHECK(cv->algorithm == SignatureScheme::rsa_pss_rsae_sha256);
    // The key we signed with: the trace's own, but for §6's (see above).
    CHECK(check_certificate_verify(r.config.certificates.front().key.public_key(), *cv, PeerRole::server,
                                   tr.hash(), {SignatureScheme::rsa_pss_rsae_sha256}).ok());
    tr.add(*s[next]);
    ++next;
  }
  REQUIRE(s.size() == next + 1);
  auto fin = finished_verify_data(HashAlgorithm::sha256, Secret(r.v["s_hs_traffic"]), tr.hash());
  REQUIRE(fin.ok());
  CHECK(to_hex(body_of(*s[next], HandshakeType::finished)) == to_hex(*fin));
}

}  // namespace

// --- client replays ---------------------------------------------------------------------------

TEST_CASE("RFC 8448 §3 client replay: ClientHello, secrets, Finished, ticket") {
  replay_every_way(3,
                   {"server_hello", "encrypted_extensions", "server_certificate",
                    "server_certificate_verify", "server_finished", "new_session_ticket"},
                   [] { return started_client(3); },
                   [](ClientReplay& r) {
                     check_client_sends(r, {"client_hello", "client_finished"});
                     check_client_secrets(r);
                     CHECK(events_of<SendChangeCipherSpec>(r.events).empty());
                     CHECK(Pair::summary(r.events)->peer_signature_scheme == SignatureScheme::rsa_pss_rsae_sha256);
                     CHECK(to_hex(client_state_as<ClientConnected>(*r.state)->resumption_master_secret) ==
                           to_hex(r.v["res_master"]));
                     auto t = events_of<SessionTicketReceived>(r.events);
                     REQUIRE(t.size() == 1);
                     CHECK(to_hex(t[0]->session.psk) == to_hex(r.v["resumption_psk"]));
                     CHECK(t[0]->session.lifetime_seconds == 30);
                     CHECK(t[0]->session.max_early_data_size == 0x400);
                   });
}

TEST_CASE("RFC 8448 §7 client replay (compatibility mode: session id, change_cipher_spec)") {
  replay_every_way(7,
                   {"server_hello", "encrypted_extensions", "server_certificate",
                    "server_certificate_verify", "server_finished"},
                   [] { return started_client(7); },
                   [](ClientReplay& r) {
                     check_client_sends(r, {"client_hello", "client_finished"});
                     check_client_secrets(r);
                     CHECK(events_of<SendChangeCipherSpec>(r.events).size() == 1);
                     CHECK(to_hex(client_state_as<ClientConnected>(*r.state)->resumption_master_secret) ==
                           to_hex(r.v["res_master"]));
                   });
}

TEST_CASE("RFC 8448 §5 client replay: HelloRetryRequest, second ClientHello with cookie") {
  replay_every_way(5,
                   {"hello_retry_request", "server_hello", "encrypted_extensions", "server_certificate",
                    "server_certificate_verify", "server_finished"},
                   [] { return started_client(5); },
                   [](ClientReplay& r) {
                     check_client_sends(r, {"client_hello", "client_hello_2", "client_finished"});
                     check_client_secrets(r);
                   });
  // A second HelloRetryRequest is unexpected_message (RFC 8446 §4.1.4).
  auto r = started_client(5);
  REQUIRE(r->step(as_message(r->v["hello_retry_request"])).ok());
  CHECK_ALERT(r->step(as_message(r->v["hello_retry_request"])), AlertDescription::unexpected_message);
}

TEST_CASE("RFC 8448 §6 client replay: CertificateRequest, client Certificate") {
  replay_every_way(
      6,
      {"server_hello", "encrypted_extensions", "certificate_request", "server_certificate",
       "server_certificate_verify", "server_finished"},
      [] {
        auto r = std::make_unique<ClientReplay>(6);
        r->config.certificate = CertifiedKey{{rfc_leaf(r->v["client_certificate"])}, rfc_rsa_key(), {}};
        r->start();
        return r;
      },
      [](ClientReplay& r) {
        auto sends = sent(r.events);
        REQUIRE(sends.size() == 4);  // ClientHello, Certificate, CertificateVerify, Finished
        CHECK(to_hex(*sends[0]) == to_hex(r.v["client_hello"]));
        CHECK(to_hex(*sends[1]) == to_hex(r.v["client_certificate"]));
        check_client_secrets(r);
        // The trace's client key is not published, so we sign with the §2 key: the
        // CertificateVerify must verify under that key over the trace's transcript.
        Transcript t(HashAlgorithm::sha256);
        for (const char* m : {"client_hello", "server_hello", "encrypted_extensions", "certificate_request",
                              "server_certificate", "server_certificate_verify", "server_finished",
                              "client_certificate"}) {
          t.add(r.v[m]);
        }
        auto cv = CertificateVerify::decode(body_of(*sends[2], HandshakeType::certificate_verify));
        REQUIRE(cv.ok());
        CHECK(check_certificate_verify(rfc_rsa_key().public_key(), *cv, PeerRole::client, t.hash(),
                                       {SignatureScheme::rsa_pss_rsae_sha256}).ok());
        t.add(*sends[2]);
        auto fin = finished_verify_data(HashAlgorithm::sha256, Secret(r.v["c_hs_traffic"]), t.hash());
        REQUIRE(fin.ok());
        CHECK(to_hex(body_of(*sends[3], HandshakeType::finished)) == to_hex(*fin));
      });
}

TEST_CASE("RFC 8448 §4 client replay: resumption ClientHello with its binder, the server's answer") {
  replay_every_way(4, {"server_hello", "encrypted_extensions", "server_finished"},
                   [] {
                     auto r = std::make_unique<ClientReplay>(4);
                     r->start(rfc_session(r->clock.now_ms(), rfc4_ticket_age_ms()));
                     return r;
                   },
                   [](ClientReplay& r) {
                     auto sends = sent(r.events);
                     REQUIRE(sends.size() == 2);  // ClientHello, Finished
                     CHECK(to_hex(*sends[0]) == to_hex(r.v["client_hello"]));
                     CHECK(secret_hex(r.events, Direction::read, Epoch::handshake) == to_hex(r.v["s_hs_traffic"]));
                     CHECK(secret_hex(r.events, Direction::write, Epoch::handshake) == to_hex(r.v["c_hs_traffic"]));
                     // The server's Finished verified, and the application secrets are the trace's.
                     CHECK(secret_hex(r.events, Direction::read, Epoch::application) == to_hex(r.v["s_ap_traffic"]));
                     CHECK(secret_hex(r.events, Direction::write, Epoch::application) == to_hex(r.v["c_ap_traffic"]));
                     REQUIRE(Pair::summary(r.events) != nullptr);
                     CHECK(Pair::summary(r.events)->resumed);
                   });
}

// --- server replays ---------------------------------------------------------------------------

TEST_CASE("RFC 8448 §3 server replay: ServerHello, EncryptedExtensions, Certificate, secrets") {
  replay_every_way(3, {"client_hello"}, [] { return server_for(3); }, [](ServerReplay& r) {
    check_server_flight(r, {"server_hello", "encrypted_extensions", "server_certificate"},
                        {"client_hello", "server_hello", "encrypted_extensions", "server_certificate"});
    CHECK(std::holds_alternative<ServerExpectClientFinished>(std::get<ServerState13>(r.state)));
  });
}

TEST_CASE("RFC 8448 §7 server replay (compatibility mode: session id echoed, change_cipher_spec)") {
  replay_every_way(7, {"client_hello"}, [] { return server_for(7); }, [](ServerReplay& r) {
    check_server_flight(r, {"server_hello", "encrypted_extensions", "server_certificate"},
                        {"client_hello", "server_hello", "encrypted_extensions", "server_certificate"});
    // Compatibility mode: the change_cipher_spec comes between ServerHello and the keys.
    REQUIRE(r.events.size() >= 2);
    CHECK(std::holds_alternative<SendChangeCipherSpec>(r.events[1]));
  });
}

TEST_CASE("RFC 8448 §5 server replay: HelloRetryRequest with the cookie, second ClientHello") {
  replay_every_way(5, {"client_hello", "client_hello_2"}, [] { return server_for(5); }, [](ServerReplay& r) {
    check_server_flight(r, {"hello_retry_request", "server_hello", "encrypted_extensions", "server_certificate"},
                        {"client_hello", "hello_retry_request", "client_hello_2", "server_hello",
                         "encrypted_extensions", "server_certificate"});
  });
}

TEST_CASE("RFC 8448 §6 server replay: CertificateRequest") {
  replay_every_way(6, {"client_hello"}, [] { return server_for(6); }, [](ServerReplay& r) {
    check_server_flight(r, {"server_hello", "encrypted_extensions", "certificate_request", "server_certificate"},
                        {"client_hello", "server_hello", "encrypted_extensions", "certificate_request",
                         "server_certificate"});
    CHECK(std::holds_alternative<ServerExpectClientCertificate>(std::get<ServerState13>(r.state)));
  });
}

TEST_CASE("RFC 8448 §4 server replay: the PSK binder verifies, ServerHello, 0-RTT declined") {
  replay_every_way(4, {"client_hello"}, [] { return server_for(4); }, [](ServerReplay& r) {
    // Declining 0-RTT, our EncryptedExtensions is the trace's without early_data.
    auto ee = EncryptedExtensions::decode(body_of(r.v["encrypted_extensions"], HandshakeType::encrypted_extensions));
    REQUIRE(ee.ok());
    Extensions kept;
    for (const auto& e : ee->extensions.items()) {
      if (e.type != ExtensionType::early_data) kept.add(e.type, e.body);
    }
    ee->extensions = kept;
    auto declined = ee->encode();
    REQUIRE(declined.ok());
    auto s = sent(r.events);
    REQUIRE(s.size() == 3);  // ServerHello, EncryptedExtensions, Finished: no certificate
    CHECK(to_hex(*s[0]) == to_hex(r.v["server_hello"]));
    CHECK(to_hex(*s[1]) == to_hex(*declined));
    CHECK(secret_hex(r.events, Direction::write, Epoch::handshake) == to_hex(r.v["s_hs_traffic"]));
    CHECK(secret_hex(r.events, Direction::read, Epoch::handshake) == to_hex(r.v["c_hs_traffic"]));
    CHECK(events_of<SkipEarlyData>(r.events).size() == 1);
    Transcript tr(HashAlgorithm::sha256);
    tr.add(r.v["client_hello"]);
    tr.add(r.v["server_hello"]);
    tr.add(*declined);
    auto fin = finished_verify_data(HashAlgorithm::sha256, Secret(r.v["s_hs_traffic"]), tr.hash());
    REQUIRE(fin.ok());
    CHECK(to_hex(body_of(*s[2], HandshakeType::finished)) == to_hex(*fin));
  });
}
