// TLS 1.3 server transitions. Checks on the client's messages cite the RFC 8446 section that
// requires them.
#include "handshake/server_13.hpp"

#include <type_traits>

#include "common/fuzzer_mode.hpp"
#include "crypto/key_exchange.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/certificate_authorities.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/certificate_selection.hpp"
#include "handshake/code_point_set.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/server_negotiation.hpp"
#include "handshake/session_lifetime.hpp"

namespace tlsock {

namespace {

// Our choice: how far the client's idea of a ticket's age (RFC 8446 §4.2.11.1) may be from
// ours before we refuse the ticket. 10 s covers a round trip and clock granularity; RFC 8446
// §8.3 discusses windows of this order for replay protection.
constexpr int64_t kTicketAgeToleranceMs = 10'000;

// The PSK a ClientHello offered that we accept: its index and PSK.
struct AcceptedPsk {
  uint16_t index;
  TicketContents contents;
};

// RFC 8446 §4.2.11: look at the offered PSKs in order; the first ticket that opens, suits the
// chosen suite's hash, the SNI, and is fresh is taken, and its binder MUST verify
// (decrypt_error otherwise). Tickets we cannot use are skipped, not errors.
Result<std::optional<AcceptedPsk>> choose_psk(const ClientHelloOffer& offer,
                                              const Transcript& prior, const CipherSuiteInfo& suite,
                                              const ServerConfig& config, Provider& provider) {
  ByteView whole_ch = offer.encoded;
  const Extension* x = offer.client_hello.extensions.find(ExtensionType::pre_shared_key);
  if (x == nullptr || config.tickets == nullptr) return std::optional<AcceptedPsk>();
  if (!offer.psk_modes || !offer.psk_modes->contains(PskKeyExchangeMode::psk_dhe_ke)) {
    return std::optional<AcceptedPsk>();
  }
  TLSOCK_TRY_ASSIGN(OfferedPsks psks, OfferedPsks::decode(x->body));
  int64_t now = provider.clock.now_ms();
  size_t n = std::min(psks.identities.size(), kMaxPskIdentities);
  for (size_t i = 0; i < n; ++i) {
    auto plain = config.tickets->open(psks.identities[i].identity, provider);
    if (!plain) continue;
    auto contents = TicketContents::decode(*plain);
    if (!contents.ok()) continue;
    auto ticket_suite = tls13_suite(contents->suite);
    // A ticket is never used with a suite of another hash, or for another SNI.
    if (!ticket_suite || ticket_suite->hash != suite.hash) continue;
    if (contents->server_name != offer.server_name) continue;
    // Expired, or past the end of the session's first lifetime (session_lifetime.hpp).
    int64_t age = now - contents->issued_at_ms;
    if (age < 0 || !lifetime_of(*contents).live(now)) continue;
    // RFC 8446 §4.2.11.1: the client's view of the age, de-obfuscated.
    uint32_t client_age = psks.identities[i].obfuscated_ticket_age - contents->ticket_age_add;
    if (std::abs(int64_t{client_age} - age) > kTicketAgeToleranceMs) continue;

    size_t truncated_len = whole_ch.size() - psks.binders_length();
    Digest h = prior.hash_with(whole_ch.first(truncated_len));
    EarlySecret early = EarlySecret::derive(suite.hash, contents->psk);
    TLSOCK_TRY_ASSIGN(Secret binder_key, early.binder_key(/*resumption=*/true));
    TLSOCK_TRY_ASSIGN(Bytes expected, finished_verify_data(suite.hash, binder_key, h));
    if (!mac_equal_or_fuzzing(psks.binders[i], expected)) {
      return crypto_error(AlertDescription::decrypt_error, "PSK binder does not verify");
    }
    return std::optional<AcceptedPsk>(AcceptedPsk{static_cast<uint16_t>(i), std::move(*contents)});
  }
  return std::optional<AcceptedPsk>();
}

Result<ServerTransition13> send_hello_retry_request(const ClientHelloOffer& offer,
                                                    const CipherSuiteInfo& suite, NamedGroup group,
                                                    const ServerConfig& config, Provider& provider) {
  const ClientHello& ch = offer.client_hello;
  ServerHello hrr;
  hrr.random = kHelloRetryRequestRandom;
  hrr.legacy_session_id_echo = ch.legacy_session_id;
  hrr.cipher_suite = suite.id;
  Bytes cookie;
  if (config.send_hello_retry_cookie) {
    if (config.hello_retry_cookie_length == 0) return config_error("hello_retry_cookie_length is 0");
    // Random, so it cannot be predicted; we keep it and compare it with the second ClientHello's.
    cookie.resize(config.hello_retry_cookie_length);
    provider.rng.fill(cookie);
  }
  {
    TLSOCK_TRY_ASSIGN(Bytes b, KeyShareHelloRetryRequest{group}.encode());
    hrr.extensions.add(ExtensionType::key_share, std::move(b));
  }
  if (!cookie.empty()) {
    TLSOCK_TRY_ASSIGN(Bytes b, Cookie{cookie}.encode());
    hrr.extensions.add(ExtensionType::cookie, std::move(b));
  }
  {
    TLSOCK_TRY_ASSIGN(Bytes b, SupportedVersionsServerHello{ProtocolVersion::tls1_3}.encode());
    hrr.extensions.add(ExtensionType::supported_versions, std::move(b));
  }
  TLSOCK_TRY_ASSIGN(Bytes msg, hrr.encode());
  // RFC 8446 §4.4.1: the transcript restarts with message_hash(ClientHello1).
  Transcript t(suite.hash);
  t.add(offer.encoded);
  t.restart_for_hrr();
  t.add(msg);
  Events events;
  events.push_back(SendHandshake{std::move(msg), Epoch::initial});
  // RFC 8446 §D.4: a server in compatibility mode (the client sent a session id) sends
  // change_cipher_spec right after its first handshake message.
  bool ccs = !ch.legacy_session_id.empty();
  if (ccs) events.push_back(SendChangeCipherSpec{});
  // RFC 8446 §4.2.10: records of the declined early data may follow, up to the second
  // ClientHello.
  if (ch.extensions.has(ExtensionType::early_data)) {
    events.push_back(SkipEarlyData{kMaxEarlyDataToSkip, /*until_second_client_hello=*/true});
  }
  ServerExpectSecondClientHello st{std::move(t), suite, group, std::move(cookie), ch, ccs};
  return ServerTransition13{std::move(st), std::move(events)};
}

// RFC 8446 §4.1.2: after a HelloRetryRequest "the client MUST send the same ClientHello
// without modification, except as follows": key_share (checked by the caller against the HRR's
// group), early_data removed, cookie added if the HRR had one, pre_shared_key updated (some
// PSKs dropped), padding added, removed or changed. Everything else must be as in the first
// ClientHello, extensions in the same order; a difference is illegal_parameter (as for the
// changes RFC 8446 §4.1.4 and §4.2.8 name). Linear in the size of the two messages.
Status check_second_client_hello(const ClientHello& first, const ClientHello& second,
                                 const Bytes& hrr_cookie) {
  if (second.legacy_version != first.legacy_version || second.random != first.random ||
      second.legacy_session_id != first.legacy_session_id ||
      second.cipher_suites != first.cipher_suites ||
      second.legacy_compression_methods != first.legacy_compression_methods) {
    return illegal("second ClientHello: legacy_version, random, legacy_session_id, cipher_suites "
                   "or compression methods differ from the first");
  }
  // RFC 8446 §4.2.10: "A client MUST NOT include the "early_data" extension in its followup
  // ClientHello."
  if (second.extensions.has(ExtensionType::early_data)) {
    return illegal("second ClientHello offers early_data");
  }
  // RFC 8446 §4.2.2: the cookie of the HelloRetryRequest echoed, and no other.
  const Extension* c = second.extensions.find(ExtensionType::cookie);
  if (hrr_cookie.empty()) {
    if (c != nullptr) return illegal("second ClientHello has a cookie the HelloRetryRequest did not send");
  } else {
    if (c == nullptr) return illegal("second ClientHello has no cookie");
    TLSOCK_TRY_ASSIGN(Cookie cookie, Cookie::decode(c->body));
    if (!constant_time_equal(cookie.cookie, hrr_cookie)) {
      return illegal("second ClientHello: cookie does not match");
    }
  }
  // pre_shared_key: ages and binders updated, PSKs "incompatible with the server's indicated
  // cipher suite" removed; no PSK added, none moved.
  if (const Extension* psk2 = second.extensions.find(ExtensionType::pre_shared_key)) {
    const Extension* psk1 = first.extensions.find(ExtensionType::pre_shared_key);
    if (psk1 == nullptr) return illegal("second ClientHello offers pre_shared_key, the first did not");
    TLSOCK_TRY_ASSIGN(OfferedPsks a, OfferedPsks::decode(psk1->body));
    TLSOCK_TRY_ASSIGN(OfferedPsks b, OfferedPsks::decode(psk2->body));
    size_t i = 0;
    for (const auto& id : b.identities) {
      while (i < a.identities.size() && a.identities[i].identity != id.identity) ++i;
      if (i == a.identities.size()) {
        return illegal("second ClientHello offers a PSK the first did not, or in another order");
      }
      ++i;
    }
  }
  auto may_change = [](ExtensionType t) {
    return t == ExtensionType::key_share || t == ExtensionType::early_data ||
           t == ExtensionType::cookie || t == ExtensionType::pre_shared_key ||
           t == ExtensionType::padding;
  };
  const auto& a = first.extensions.items();
  const auto& b = second.extensions.items();
  size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && may_change(a[i].type)) ++i;
    while (j < b.size() && may_change(b[j].type)) ++j;
    if (i == a.size() || j == b.size()) break;
    if (a[i] != b[j]) {
      return illegal("second ClientHello: extension " + name(b[j].type) +
                     " differs from the first ClientHello's " + name(a[i].type));
    }
    ++i;
    ++j;
  }
  if (i != a.size() || j != b.size()) {
    return illegal("second ClientHello: extensions added or removed");
  }
  return {};
}

// The handshake keys after the ServerHello, and what the engine needs with them.
struct HelloKeys {
  Transcript transcript;  // up to the ServerHello
  HandshakeSecret secret;
  Secret client;  // client_handshake_traffic_secret
  Secret server;
};

// ServerHello (and the compatibility ChangeCipherSpec, RFC 8446 §D.4), then the handshake
// keys: ours for writing, the client's for reading, early data skipped, record size limits.
Result<HelloKeys> send_server_hello(const ClientHelloOffer& offer, const CipherSuiteInfo& suite,
                                    NamedGroup group, const std::optional<AcceptedPsk>& psk,
                                    Transcript prior, bool sent_ccs, const ServerConfig& config,
                                    Provider& provider, Events& events) {
  const ClientHello& ch = offer.client_hello;
  const KeyShareEntry* share = offer.shares.find(group);
  TLSOCK_TRY_ASSIGN(auto kx, KeyExchange::generate(share->group, provider.rng));
  TLSOCK_TRY_ASSIGN(Secret shared, kx->derive(share->key_exchange));
  ServerHello sh;
  provider.rng.fill(sh.random);
  sh.legacy_session_id_echo = ch.legacy_session_id;
  sh.cipher_suite = suite.id;
  if (psk) {
    TLSOCK_TRY_ASSIGN(Bytes b, PreSharedKeyServerHello{psk->index}.encode());
    sh.extensions.add(ExtensionType::pre_shared_key, std::move(b));
  }
  {
    ByteView pub = kx->public_value();
    KeyShareServerHello ks{{share->group, Bytes(pub.begin(), pub.end())}};
    TLSOCK_TRY_ASSIGN(Bytes b, ks.encode());
    sh.extensions.add(ExtensionType::key_share, std::move(b));
  }
  {
    TLSOCK_TRY_ASSIGN(Bytes b, SupportedVersionsServerHello{ProtocolVersion::tls1_3}.encode());
    sh.extensions.add(ExtensionType::supported_versions, std::move(b));
  }
  TLSOCK_TRY_ASSIGN(Bytes sh_msg, sh.encode());

  Transcript t = std::move(prior);
  t.add(offer.encoded);
  t.add(sh_msg);
  Digest hello_hash = t.hash();
  EarlySecret early = EarlySecret::derive(suite.hash, psk ? ByteView(psk->contents.psk) : ByteView());
  TLSOCK_TRY_ASSIGN(HandshakeSecret hs, std::move(early).into_handshake(shared));
  TLSOCK_TRY_ASSIGN(Secret c_hs, hs.client_handshake_traffic_secret(hello_hash));
  TLSOCK_TRY_ASSIGN(Secret s_hs, hs.server_handshake_traffic_secret(hello_hash));

  events.push_back(SendHandshake{std::move(sh_msg), Epoch::initial});
  if (!ch.legacy_session_id.empty() && !sent_ccs) events.push_back(SendChangeCipherSpec{});
  TLSOCK_TRY_ASSIGN(InstallKeys w, install_keys(Direction::write, Epoch::handshake, suite, 0, s_hs));
  events.push_back(std::move(w));
  // RFC 8446 §4.2.10: we decline 0-RTT, so the client's early records are skipped.
  if (ch.extensions.has(ExtensionType::early_data)) events.push_back(SkipEarlyData{kMaxEarlyDataToSkip});
  TLSOCK_TRY_ASSIGN(InstallKeys r, install_keys(Direction::read, Epoch::handshake, suite, 0, c_hs));
  events.push_back(std::move(r));
  // RFC 8449 §4: the client's limit binds every protected record we send, EncryptedExtensions
  // on; ours binds the client's protected records once we have answered the extension.
  if (offer.record_size_limit != 0) {
    events.push_back(RecordSizeLimits{offer.record_size_limit, config.record_size_limit});
  }
  log_secret(config.key_log, events, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", ch.random, c_hs);
  log_secret(config.key_log, events, "SERVER_HANDSHAKE_TRAFFIC_SECRET", ch.random, s_hs);
  return HelloKeys{std::move(t), std::move(hs), std::move(c_hs), std::move(s_hs)};
}

void send(Bytes message, Transcript& t, Events& events) {
  t.add(message);
  events.push_back(SendHandshake{std::move(message), Epoch::handshake});
}

Status send_encrypted_extensions(const ClientHelloOffer& offer, const std::string& alpn,
                                 const ServerConfig& config, Transcript& t, Events& events) {
  EncryptedExtensions ee;
  if (config.send_supported_groups) {
    TLSOCK_TRY_ASSIGN(Bytes b, SupportedGroups{config.groups}.encode());
    ee.extensions.add(ExtensionType::supported_groups, std::move(b));
  }
  if (offer.record_size_limit != 0 && config.record_size_limit != 0) {
    TLSOCK_TRY_ASSIGN(Bytes b, RecordSizeLimit{config.record_size_limit}.encode());
    ee.extensions.add(ExtensionType::record_size_limit, std::move(b));
  }
  if (!offer.server_name.empty()) ee.extensions.add_empty(ExtensionType::server_name);
  if (!alpn.empty()) {
    TLSOCK_TRY_ASSIGN(Bytes b, ProtocolNameList{{alpn}}.encode());
    ee.extensions.add(ExtensionType::application_layer_protocol_negotiation, std::move(b));
    events.push_back(AlpnSelected{alpn});
  }
  TLSOCK_TRY_ASSIGN(Bytes ee_msg, ee.encode());
  send(std::move(ee_msg), t, events);
  return {};
}

// CertificateRequest (RFC 8446 §4.3.2: not with PSK authentication). Returns its extensions;
// nullopt when none is sent.
Result<std::optional<Extensions>> send_certificate_request(bool resuming, const ServerConfig& config,
                                                           Transcript& t, Events& events) {
  if (config.client_auth == ClientAuth::none || resuming || config.defer_client_auth) {
    return std::optional<Extensions>();
  }
  if (config.client_verifier == nullptr) return config_error("client_auth needs a client_verifier");
  CertificateRequest13 cr;
  TLSOCK_TRY_ASSIGN(Bytes sa, SignatureSchemeList{config.signature_schemes}.encode());
  cr.extensions.add(ExtensionType::signature_algorithms, std::move(sa));
  if (!config.certificate_authorities.empty()) {
    TLSOCK_TRY_ASSIGN(Bytes ca, CertificateAuthorities{config.certificate_authorities}.encode());
    cr.extensions.add(ExtensionType::certificate_authorities, std::move(ca));
  }
  TLSOCK_TRY_ASSIGN(Bytes cr_msg, cr.encode());
  send(std::move(cr_msg), t, events);
  return std::optional<Extensions>(std::move(cr.extensions));
}

Status send_certificate(const ChosenCertificate& cert, Transcript& t, Events& events,
                        Provider& provider) {
  Certificate13 c;
  for (const auto& der : cert.chain->chain) c.entries.push_back({der, {}});
  TLSOCK_TRY_ASSIGN(Bytes c_msg, c.encode());
  send(std::move(c_msg), t, events);
  TLSOCK_TRY_ASSIGN(CertificateVerify cv, sign_certificate_verify(cert.chain->key, cert.scheme,
                                                                   PeerRole::server, t.hash(),
                                                                   provider.rng));
  TLSOCK_TRY_ASSIGN(Bytes cv_msg, cv.encode());
  send(std::move(cv_msg), t, events);
  return {};
}

// The first flight after the choices: ServerHello, EncryptedExtensions, [CertificateRequest],
// [Certificate, CertificateVerify], Finished, and the application write keys.
Result<ServerTransition13> emit_first_flight(const ClientHelloOffer& offer,
                                             const CipherSuiteInfo& suite,
                                             const ServerChoice13& choice,
                                             std::optional<AcceptedPsk> psk, Transcript prior,
                                             bool sent_ccs, const ServerConfig& config,
                                             Provider& provider) {
  const Random& client_random = offer.client_hello.random;
  Events events;
  TLSOCK_TRY_ASSIGN(HelloKeys keys, send_server_hello(offer, suite, choice.group, psk, std::move(prior),
                                                      sent_ccs, config, provider, events));
  Transcript& t = keys.transcript;
  TLSOCK_TRY(send_encrypted_extensions(offer, choice.alpn, config, t, events));
  TLSOCK_TRY_ASSIGN(std::optional<Extensions> cr_exts,
                    send_certificate_request(psk.has_value(), config, t, events));
  if (choice.certificate.chain != nullptr) {
    TLSOCK_TRY(send_certificate(choice.certificate, t, events, provider));
  }
  TLSOCK_TRY_ASSIGN(Bytes vd, finished_verify_data(suite.hash, keys.server, t.hash()));
  TLSOCK_TRY_ASSIGN(Bytes fin, Finished{std::move(vd)}.encode());
  send(std::move(fin), t, events);

  Digest server_finished_hash = t.hash();
  TLSOCK_TRY_ASSIGN(MasterSecret ms, std::move(keys.secret).into_master());
  TLSOCK_TRY_ASSIGN(Secret c_ap, ms.client_application_traffic_secret_0(server_finished_hash));
  TLSOCK_TRY_ASSIGN(Secret s_ap, ms.server_application_traffic_secret_0(server_finished_hash));
  TLSOCK_TRY_ASSIGN(Secret exporter, ms.exporter_master_secret(server_finished_hash));
  TLSOCK_TRY_ASSIGN(InstallKeys wa, install_keys(Direction::write, Epoch::application, suite, 0, s_ap));
  events.push_back(std::move(wa));
  log_secret(config.key_log, events, "CLIENT_TRAFFIC_SECRET_0", client_random, c_ap);
  log_secret(config.key_log, events, "SERVER_TRAFFIC_SECRET_0", client_random, s_ap);
  log_secret(config.key_log, events, "EXPORTER_SECRET", client_random, exporter);

  bool request_cert = cr_exts.has_value();
  ServerHandshake h{suite,
                    choice.group,
                    client_random,
                    std::move(t),
                    std::move(ms),
                    std::move(keys.client),
                    std::move(c_ap),
                    std::move(s_ap),
                    std::move(exporter),
                    {},
                    cr_exts.value_or(Extensions{}),
                    offer.server_name,
                    choice.alpn,
                    psk.has_value(),
                    offer.psk_modes && offer.psk_modes->contains(PskKeyExchangeMode::psk_dhe_ke),
                    offer.client_hello.extensions.has(ExtensionType::post_handshake_auth),
                    offer.record_size_limit,
                    psk ? std::optional(lifetime_of(psk->contents)) : std::nullopt};
  if (request_cert) return ServerTransition13{ServerExpectClientCertificate{std::move(h)}, std::move(events)};
  return ServerTransition13{ServerExpectClientFinished{std::move(h), std::nullopt, false}, std::move(events)};
}

// Everything from a ClientHello to the end of the server's first flight: the choices
// (server_negotiation.hpp, the PSK here), then a HelloRetryRequest or the flight. `prior` is
// the transcript before this ClientHello (empty, or message_hash(ClientHello1) and the
// HelloRetryRequest); `retry` is set for the second ClientHello.
Result<ServerTransition13> negotiate_and_emit(const ClientHelloOffer& offer,
                                              const CipherSuiteInfo& suite, Transcript prior,
                                              const ServerExpectSecondClientHello* retry,
                                              const ServerConfig& config, Provider& provider) {
  TLSOCK_TRY_ASSIGN(std::optional<AcceptedPsk> psk,
                    choose_psk(offer, prior, suite, config, provider));
  std::optional<NamedGroup> retry_group;
  if (retry) retry_group = retry->group;
  TLSOCK_TRY_ASSIGN(ServerChoice13 choice, negotiate_13(offer, config, psk.has_value(), retry_group));
  if (choice.hello_retry) return send_hello_retry_request(offer, suite, choice.group, config, provider);
  bool sent_ccs = retry && retry->sent_ccs;
  return emit_first_flight(offer, suite, choice, std::move(psk), std::move(prior), sent_ccs, config,
                           provider);
}

Result<ServerTransition13> handle_second_client_hello(const ServerExpectSecondClientHello& retry,
                                                      const HandshakeMessage& m,
                                                      const ServerConfig& config,
                                                      Provider& provider) {
  if (m.type != HandshakeType::client_hello) return unexpected(m, "ExpectSecondClientHello");
  TLSOCK_TRY_ASSIGN(ClientHelloOffer offer,
                    read_client_hello(m, ProtocolVersion::tls1_3, ProtocolVersion::tls1_3, true));
  // RFC 8446 §4.1.4: the second ClientHello must still offer the suite of the HRR.
  if (!contains(offer.client_hello.cipher_suites, retry.suite.id)) {
    return illegal("second ClientHello dropped the HelloRetryRequest's cipher suite");
  }
  TLSOCK_TRY(check_second_client_hello(retry.first_hello, offer.client_hello, retry.cookie));
  return negotiate_and_emit(offer, retry.suite, retry.transcript, &retry, config, provider);
}

Status append_tickets(ServerConnected& st, unsigned count, const ServerConfig& config,
                      Provider& provider, Events& events) {
  if (config.tickets == nullptr || !st.client_offered_psk_dhe) return {};
  // Never past the end of the session's first lifetime; nothing left: no ticket.
  uint32_t lifetime = st.session.ticket_lifetime(provider.clock.now_ms(), config.ticket_lifetime_seconds);
  if (lifetime == 0) return {};
  for (unsigned i = 0; i < count; ++i) {
    NewSessionTicket13 nst;
    nst.ticket_lifetime = lifetime;
    uint8_t age_add[4];
    provider.rng.fill(age_add);
    nst.ticket_age_add = uint32_t{age_add[0]} << 24 | uint32_t{age_add[1]} << 16 |
                         uint32_t{age_add[2]} << 8 | age_add[3];
    // RFC 8446 §4.6.1: the nonce is unique per ticket on this connection.
    uint64_t n = st.tickets_sent++;
    for (int b = 7; b >= 0; --b) nst.ticket_nonce.push_back(static_cast<uint8_t>(n >> (8 * b)));
    TicketContents contents;
    contents.suite = st.traffic.suite.id;
    TLSOCK_TRY_ASSIGN(contents.psk, resumption_psk(st.traffic.suite.hash, st.resumption_master_secret,
                                                   nst.ticket_nonce));
    contents.ticket_age_add = nst.ticket_age_add;
    contents.lifetime_seconds = lifetime;
    contents.issued_at_ms = provider.clock.now_ms();
    contents.session_created_ms = st.session.created_ms;
    contents.server_name = st.server_name;
    contents.alpn = st.alpn;
    TLSOCK_TRY_ASSIGN(Bytes plain, contents.encode());
    auto sealed = config.tickets->seal(plain, provider);
    secure_wipe(plain.data(), plain.size());  // it holds the PSK
    TLSOCK_TRY_ASSIGN(nst.ticket, std::move(sealed));
    TLSOCK_TRY_ASSIGN(Bytes msg, nst.encode());
    events.push_back(SendHandshake{std::move(msg), Epoch::application});
  }
  return {};
}

// The client's Certificate, in the handshake or after it. `required`: certificate_required
// when it is empty.
Result<std::optional<PublicKey>> check_client_certificate(const HandshakeMessage& m,
                                                          ByteView expected_context,
                                                          const Extensions& request_extensions,
                                                          const ServerConfig& config,
                                                          Provider& provider, Events& events) {
  TLSOCK_TRY_ASSIGN(Certificate13 cert, Certificate13::decode(m.body));
  // RFC 8446 §4.4.2: the context is the CertificateRequest's.
  if (!constant_time_equal(cert.request_context, expected_context)) {
    return illegal("Certificate: request context does not match the CertificateRequest");
  }
  for (const auto& e : cert.entries) {
    TLSOCK_TRY(check_extensions(ExtensionContext::certificate, e.extensions, &request_extensions));
  }
  if (cert.entries.empty()) {
    // RFC 8446 §4.4.2.4: with no client certificate the server MAY continue or abort with
    // "certificate_required".
    if (config.client_auth == ClientAuth::required) {
      return protocol_error(AlertDescription::certificate_required, "client sent no certificate");
    }
    return std::optional<PublicKey>();
  }
  if (config.client_verifier == nullptr) return config_error("no client_verifier configured");
  std::vector<Bytes> chain = cert.chain();
  TLSOCK_TRY_ASSIGN(PublicKey key, config.client_verifier->verify(
                                       CertVerifyRequest{chain, PeerRole::client, {}, provider.clock}));
  events.push_back(PeerCertificates{std::move(chain)});
  return std::optional<PublicKey>(std::move(key));
}

Result<ServerTransition13> handle_client_finished(ServerExpectClientFinished st, const HandshakeMessage& m,
                                                const ServerConfig& config, Provider& provider) {
  if (m.type != HandshakeType::finished) return unexpected(m, "ExpectClientFinished");
  auto& hs = st.hs;
  TLSOCK_TRY_ASSIGN(Finished fin, Finished::decode(m.body, hash_length(hs.suite.hash)));
  TLSOCK_TRY_ASSIGN(Bytes expected, finished_verify_data(hs.suite.hash, hs.client_hs_secret, hs.transcript.hash()));
  // RFC 8446 §4.4.4: incorrect verify_data -> decrypt_error.
  if (!mac_equal_or_fuzzing(fin.verify_data, expected)) {
    return crypto_error(AlertDescription::decrypt_error, "client Finished does not verify");
  }
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  TLSOCK_TRY_ASSIGN(Secret rms, hs.master_secret.resumption_master_secret(hs.transcript.hash()));
  Events events;
  TLSOCK_TRY_ASSIGN(InstallKeys r, install_keys(Direction::read, Epoch::application, hs.suite, 0,
                                                hs.client_ap_secret));
  events.push_back(std::move(r));

  HandshakeSummary summary;
  summary.suite = hs.suite.id;
  summary.group = hs.group;
  summary.peer_signature_scheme = st.client_scheme;
  summary.alpn = hs.alpn;
  summary.server_name = hs.server_name;
  summary.resumed = hs.resumed;
  summary.peer_authenticated = st.client_authenticated;
  summary.peer_record_size_limit = hs.peer_record_size_limit;
  summary.exporter_master_secret = hs.exporter_master_secret;

  ServerConnected c{TrafficSecrets{hs.suite, std::move(hs.client_ap_secret), std::move(hs.server_ap_secret), 0, 0},
                    std::move(rms),
                    hs.client_offered_post_handshake_auth && config.client_verifier != nullptr
                        ? std::optional(std::move(hs.transcript))
                        : std::nullopt,
                    hs.server_name,
                    hs.alpn,
                    hs.client_offered_psk_dhe,
                    hs.client_offered_post_handshake_auth,
                    0,
                    0,
                    std::nullopt,
                    hs.resumed_session.value_or(SessionLifetime::starting(
                        provider.clock.now_ms(), config.ticket_lifetime_seconds))};
  TLSOCK_TRY(append_tickets(c, config.ticket_count, config, provider, events));
  events.push_back(HandshakeDone{std::move(summary)});
  return ServerTransition13{std::move(c), std::move(events)};
}

Result<ServerTransition13> handle_connected(ServerConnected st, const HandshakeMessage& m,
                                          const ServerConfig& config, Provider& provider) {
  Events events;
  if (m.type == HandshakeType::key_update) {
    TLSOCK_TRY(handle_key_update(st.traffic, m.body, events));
    return ServerTransition13{std::move(st), std::move(events)};
  }
  if (!st.pending_auth) return unexpected(m, "Connected");
  auto& pa = *st.pending_auth;
  using Stage = ServerPostHandshakeAuth::Stage;
  const ByteView whole = m.encoded;
  switch (pa.stage) {
    case Stage::certificate: {
      if (m.type != HandshakeType::certificate) return unexpected(m, "Connected (awaiting Certificate)");
      TLSOCK_TRY_ASSIGN(pa.client_key, check_client_certificate(m, pa.context, pa.request_extensions,
                                                                config, provider, events));
      pa.transcript.add(whole);
      pa.stage = pa.client_key ? Stage::certificate_verify : Stage::finished;
      break;
    }
    case Stage::certificate_verify: {
      if (m.type != HandshakeType::certificate_verify) return unexpected(m, "Connected (awaiting CertificateVerify)");
      TLSOCK_TRY_ASSIGN(CertificateVerify cv, CertificateVerify::decode(m.body));
      TLSOCK_TRY(check_certificate_verify(*pa.client_key, cv, PeerRole::client, pa.transcript.hash(),
                                          config.signature_schemes));
      pa.transcript.add(whole);
      pa.stage = Stage::finished;
      break;
    }
    case Stage::finished: {
      if (m.type != HandshakeType::finished) return unexpected(m, "Connected (awaiting Finished)");
      TLSOCK_TRY_ASSIGN(Finished fin, Finished::decode(m.body, hash_length(st.traffic.suite.hash)));
      // Base key: client_application_traffic_secret_N (RFC 8446 §4.4).
      TLSOCK_TRY_ASSIGN(Bytes expected, finished_verify_data(st.traffic.suite.hash, st.traffic.read_secret,
                                                             pa.transcript.hash()));
      if (!mac_equal_or_fuzzing(fin.verify_data, expected)) {
        return crypto_error(AlertDescription::decrypt_error, "post-handshake Finished does not verify");
      }
      st.pending_auth.reset();
      break;
    }
  }
  return ServerTransition13{std::move(st), std::move(events)};
}

}  // namespace

Result<ServerTransition13> server13_accept(const ClientHelloOffer& offer, const ServerConfig& config,
                                           Provider& provider) {
  TLSOCK_TRY_ASSIGN(CipherSuiteInfo suite, choose_suite_13(offer, config));
  return negotiate_and_emit(offer, suite, Transcript(suite.hash), nullptr, config, provider);
}

namespace {

// The client's Certificate: with a certificate in it, its CertificateVerify comes next.
Result<ServerTransition13> handle_client_certificate(ServerExpectClientCertificate st,
                                                     const HandshakeMessage& m,
                                                     const ServerConfig& config, Provider& provider) {
  Events events;
  Result<std::optional<PublicKey>> key =
      check_client_certificate(m, st.hs.certificate_request_context,
                               st.hs.certificate_request_extensions, config, provider, events);
  if (!key.ok()) return std::move(key).error();
  st.hs.transcript.add(m.encoded);
  if (!key.value().has_value()) {
    return ServerTransition13{ServerExpectClientFinished{std::move(st.hs), std::nullopt, false},
                              std::move(events)};
  }
  return ServerTransition13{
      ServerExpectClientCertificateVerify{std::move(st.hs), std::move(*std::move(key).value())},
      std::move(events)};
}

}  // namespace

Result<ServerTransition13> server13_handle(ServerState13 state, const HandshakeMessage& m,
                                         const ServerConfig& config, Provider& provider) {
  return std::visit(
      [&](auto&& st) -> Result<ServerTransition13> {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, ServerExpectSecondClientHello>) {
          return handle_second_client_hello(st, m, config, provider);
        } else if constexpr (std::is_same_v<S, ServerExpectClientCertificate>) {
          if (m.type != HandshakeType::certificate) return unexpected(m, "ExpectClientCertificate");
          return handle_client_certificate(std::move(st), m, config, provider);
        } else if constexpr (std::is_same_v<S, ServerExpectClientCertificateVerify>) {
          if (m.type != HandshakeType::certificate_verify) return unexpected(m, "ExpectClientCertificateVerify");
          TLSOCK_TRY_ASSIGN(CertificateVerify cv, CertificateVerify::decode(m.body));
          TLSOCK_TRY(check_certificate_verify(st.client_key, cv, PeerRole::client, st.hs.transcript.hash(),
                                              config.signature_schemes));
          const ByteView whole = m.encoded;
          st.hs.transcript.add(whole);
          return ServerTransition13{ServerExpectClientFinished{std::move(st.hs), cv.algorithm, true}, {}};
        } else if constexpr (std::is_same_v<S, ServerExpectClientFinished>) {
          return handle_client_finished(std::move(st), m, config, provider);
        } else {
          return handle_connected(std::move(st), m, config, provider);
        }
      },
      std::move(state));
}

Result<ServerTransition13> server13_key_update(ServerState13&& state, bool request_peer) {
  return key_update_when_connected<ServerConnected, ServerTransition13>(std::move(state), request_peer);
}

bool server13_key_update_owed(const ServerState13& state) {
  return key_update_owed<ServerConnected>(state);
}

Result<ServerTransition13> server13_send_tickets(ServerState13&& state, unsigned count,
                                               const ServerConfig& config, Provider& provider) {
  auto* st = std::get_if<ServerConnected>(&state);
  if (st == nullptr) return config_error("tickets before the handshake completed");
  Events events;
  TLSOCK_TRY(append_tickets(*st, count, config, provider, events));
  return ServerTransition13{std::move(state), std::move(events)};
}

Result<ServerTransition13> server13_request_certificate(ServerState13&& state, const ServerConfig& config,
                                                      Provider& provider) {
  auto* st = std::get_if<ServerConnected>(&state);
  if (st == nullptr) return config_error("post-handshake auth before the handshake completed");
  // RFC 8446 §4.6.2: "Servers MUST NOT send a post-handshake CertificateRequest to clients
  // which do not offer [post_handshake_auth]."
  if (!st->client_offered_post_handshake_auth) {
    return config_error("the client did not offer post_handshake_auth");
  }
  if (st->pending_auth) return config_error("a post-handshake CertificateRequest is outstanding");
  if (config.client_verifier == nullptr) return config_error("no client_verifier configured");
  if (!st->transcript) return internal_error("post-handshake auth: the transcript was not kept");
  CertificateRequest13 cr;
  // RFC 8446 §4.3.2: the context is unique within the connection (8 random bytes + counter).
  cr.request_context.resize(8);
  provider.rng.fill(cr.request_context);
  cr.request_context.push_back(static_cast<uint8_t>(st->post_handshake_requests++));
  TLSOCK_TRY_ASSIGN(Bytes sa, SignatureSchemeList{config.signature_schemes}.encode());
  cr.extensions.add(ExtensionType::signature_algorithms, std::move(sa));
  TLSOCK_TRY_ASSIGN(Bytes msg, cr.encode());
  Transcript t = *st->transcript;
  t.add(msg);
  st->pending_auth = ServerPostHandshakeAuth{ServerPostHandshakeAuth::Stage::certificate,
                                             cr.request_context, cr.extensions, std::move(t),
                                             std::nullopt};
  Events events;
  events.push_back(SendHandshake{std::move(msg), Epoch::application});
  return ServerTransition13{std::move(state), std::move(events)};
}

const char* server13_state_name(const ServerState13& state) {
  return std::visit([](const auto& s) { return std::decay_t<decltype(s)>::kName; }, state);
}

}  // namespace tlsock
