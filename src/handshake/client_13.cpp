// TLS 1.3 client transitions. Each handler checks the RFC 8446 MUSTs on the message it
// receives, in the order the RFC lists them, and says which section each check comes from.
#include "handshake/client_13.hpp"

#include <type_traits>

#include "common/fuzzer_mode.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/early_data.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/session_lifetime.hpp"

namespace tlsock {

namespace {

// Checks shared by ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4, §4.2.1).
Result<CipherSuiteInfo> check_server_hello_common(const ServerHello& sh, const ClientOffer& offer,
                                                const ClientConfig& config) {
  TLSOCK_TRY(check_hello_legacy_version(
      sh.legacy_version, sh.is_hello_retry_request() ? "HelloRetryRequest" : "ServerHello"));
  const Extension* sv = sh.extensions.find(ExtensionType::supported_versions);
  if (sv == nullptr) {
    // RFC 8446 §4.1.3: "TLS 1.3 clients receiving a ServerHello indicating TLS 1.2 or below
    // MUST check that the last 8 bytes are not equal to either of these values ... If a match
    // is found, the client MUST abort the handshake with an "illegal_parameter" alert."
    if (sh.has_downgrade_sentinel()) return illegal("ServerHello: downgrade sentinel present");
    return protocol_error(AlertDescription::protocol_version,
                          "ServerHello: the server chose " + name(sh.legacy_version) +
                              " where only TLS 1.3 is acceptable");
  }
  TLSOCK_TRY_ASSIGN(SupportedVersionsServerHello v, SupportedVersionsServerHello::decode(sv->body));
  // RFC 8446 §4.2.1: a version not offered, or prior to TLS 1.3 -> illegal_parameter.
  if (v.selected != ProtocolVersion::tls1_3) {
    return illegal("ServerHello: supported_versions selects " + name(v.selected));
  }
  // RFC 8446 §4.1.3: legacy_version MUST be 0x0303.
  if (sh.legacy_version != ProtocolVersion::tls1_2) {
    return illegal("ServerHello: legacy_version is not 0x0303");
  }
  // RFC 8446 §4.1.3: a legacy_session_id_echo that does not match -> illegal_parameter.
  if (sh.legacy_session_id_echo != offer.legacy_session_id) {
    return illegal("ServerHello: legacy_session_id_echo does not match our session id");
  }
  // RFC 8446 §4.1.3: a cipher suite that was not offered -> illegal_parameter.
  auto suite = tls13_suite(sh.cipher_suite);
  if (!suite || !contains(config.cipher_suites, sh.cipher_suite)) {
    return illegal("ServerHello: cipher suite " + name(sh.cipher_suite) + " was not offered");
  }
  // RFC 8446 §4.1.3: legacy_compression_method MUST be 0.
  if (sh.legacy_compression_method != 0) {
    return illegal("ServerHello: legacy_compression_method is not 0");
  }
  TLSOCK_TRY(check_extensions(sh.is_hello_retry_request() ? ExtensionContext::hello_retry_request
                                                           : ExtensionContext::server_hello,
                              sh.extensions, &offer.hello.extensions));
  return *suite;
}

// RFC 8446 §4.1.4 / §4.2.8: the group a HelloRetryRequest selects, checked, with a new share
// for it. nullptr: the HelloRetryRequest names no group.
Result<std::shared_ptr<KeyExchange>> share_for_retry(const ServerHello& hrr, const ClientOffer& offer,
                                                     const ClientConfig& config, Provider& provider) {
  const Extension* ks = hrr.extensions.find(ExtensionType::key_share);
  if (ks == nullptr) return std::shared_ptr<KeyExchange>();
  TLSOCK_TRY_ASSIGN(KeyShareHelloRetryRequest sel, KeyShareHelloRetryRequest::decode(ks->body));
  // RFC 8446 §4.2.8: the selected group MUST be in our supported_groups and MUST NOT be one
  // we already sent a share for, else illegal_parameter.
  if (!contains(config.groups, sel.selected_group) || !key_exchange_supported(sel.selected_group)) {
    return illegal("HelloRetryRequest selects group " + name(sel.selected_group) +
                   " that we did not offer");
  }
  for (const auto& kx : offer.shares) {
    if (kx->group() == sel.selected_group) {
      return illegal("HelloRetryRequest selects group " + name(sel.selected_group) +
                     " for which we already sent a share");
    }
  }
  TLSOCK_TRY_ASSIGN(auto kx, KeyExchange::generate(sel.selected_group, provider.rng));
  return std::shared_ptr<KeyExchange>(std::move(kx));
}

Result<ClientTransition13> handle_hello_retry_request(ClientOffer offer, const PendingTranscript& transcript,
                                                      const ServerHelloAnswer& answer,
                                                      const ClientConfig& config, Provider& provider) {
  const ServerHello& hrr = answer.hello;
  TLSOCK_TRY_ASSIGN(CipherSuiteInfo suite, check_server_hello_common(hrr, offer, config));
  const Extension* cookie = hrr.extensions.find(ExtensionType::cookie);
  // RFC 8446 §4.1.4: "Clients MUST abort the handshake with an "illegal_parameter" alert if
  // the HelloRetryRequest would not result in any change in the ClientHello."
  if (!hrr.extensions.has(ExtensionType::key_share) && cookie == nullptr) {
    return illegal("HelloRetryRequest would not change the ClientHello");
  }
  TLSOCK_TRY_ASSIGN(std::shared_ptr<KeyExchange> kx, share_for_retry(hrr, offer, config, provider));
  if (kx) offer.shares = {std::move(kx)};
  std::optional<Bytes> cookie_value;
  if (cookie != nullptr) {
    TLSOCK_TRY_ASSIGN(Cookie c, Cookie::decode(cookie->body));
    cookie_value = std::move(c.cookie);
  }
  // RFC 8446 §4.4.1: the transcript restarts with message_hash(ClientHello1).
  Transcript t = transcript.select(suite.hash);
  t.restart_for_hrr();
  t.add(answer.whole);
  // A PSK stays offered only if its hash matches the suite the server chose (§4.1.4).
  if (offer.resumption && tls13_suite(offer.resumption->suite)->hash != suite.hash) {
    offer.resumption.reset();
  }
  TLSOCK_TRY_ASSIGN(Bytes ch2, build_client_hello(config, offer, cookie_value ? &*cookie_value : nullptr,
                                                  &t, provider.clock.now_ms()));
  t.add(ch2);
  Events events;
  // RFC 8446 §D.4: in compatibility mode the client sends change_cipher_spec before its
  // second flight, which here is the second ClientHello.
  if (config.middlebox_compat) events.push_back(SendChangeCipherSpec{});
  events.push_back(SendHandshake{std::move(ch2), Epoch::initial});
  ClientExpectServerHelloAfterRetry next{std::move(offer), std::move(t), hrr.cipher_suite,
                                         config.middlebox_compat};
  return ClientTransition13{std::move(next), std::move(events)};
}

// RFC 8446 §4.2.11: the PSK the ServerHello accepted, if any.
Result<std::optional<ClientSession13>> accepted_psk(const ServerHello& sh, ClientOffer& offer,
                                                    const CipherSuiteInfo& suite) {
  const Extension* psk = sh.extensions.find(ExtensionType::pre_shared_key);
  if (psk == nullptr) return std::optional<ClientSession13>();
  TLSOCK_TRY_ASSIGN(PreSharedKeyServerHello sel, PreSharedKeyServerHello::decode(psk->body));
  // RFC 8446 §4.2.11: selected_identity within range and a suite of the PSK's hash, else
  // illegal_parameter.
  if (!offer.resumption || sel.selected_identity != 0) {
    return illegal("ServerHello: selected_identity out of range");
  }
  if (tls13_suite(offer.resumption->suite)->hash != suite.hash) {
    return illegal("ServerHello: cipher suite hash differs from the PSK's");
  }
  return std::move(offer.resumption);
}

// The server's key share against ours: the group and the shared secret.
Result<std::pair<NamedGroup, Secret>> shared_secret(const ServerHello& sh, const ClientOffer& offer) {
  // We offer only (EC)DHE modes, so key_share is mandatory (RFC 8446 §9.2).
  const Extension* ks = sh.extensions.find(ExtensionType::key_share);
  if (ks == nullptr) {
    return protocol_error(AlertDescription::missing_extension, "ServerHello: no key_share");
  }
  TLSOCK_TRY_ASSIGN(KeyShareServerHello share, KeyShareServerHello::decode(ks->body));
  std::shared_ptr<KeyExchange> kx;
  for (const auto& k : offer.shares) {
    if (k->group() == share.share.group) kx = k;
  }
  // RFC 8446 §4.2.8: the server's share MUST be in a group we sent a share for.
  if (!kx) return illegal("ServerHello: key share for group " + name(share.share.group) + " not offered");
  TLSOCK_TRY_ASSIGN(Secret shared, kx->derive(share.share.key_exchange));
  return std::pair<NamedGroup, Secret>{share.share.group, std::move(shared)};
}

// The ServerHello proper, its common checks passed; `t` is the transcript before it.
Result<ClientTransition13> accept_server_hello(ClientOffer offer, Transcript t, const CipherSuiteInfo& suite,
                                               bool sent_ccs, const ServerHelloAnswer& answer,
                                               const ClientConfig& config) {
  TLSOCK_TRY_ASSIGN(std::optional<ClientSession13> resumed, accepted_psk(answer.hello, offer, suite));
  TLSOCK_TRY_ASSIGN(auto group_and_secret, shared_secret(answer.hello, offer));
  auto& [group, shared] = group_and_secret;

  t.add(answer.whole);
  Digest hello_hash = t.hash();
  EarlySecret early = EarlySecret::derive(suite.hash, resumed ? ByteView(resumed->psk) : ByteView());
  TLSOCK_TRY_ASSIGN(HandshakeSecret hs, std::move(early).into_handshake(shared));
  TLSOCK_TRY_ASSIGN(Secret c_hs, hs.client_handshake_traffic_secret(hello_hash));
  TLSOCK_TRY_ASSIGN(Secret s_hs, hs.server_handshake_traffic_secret(hello_hash));

  Events events;
  events.push_back(VersionSelected{ProtocolVersion::tls1_3});
  TLSOCK_TRY_ASSIGN(InstallKeys read, install_keys(Direction::read, Epoch::handshake, suite, 0, s_hs));
  events.push_back(std::move(read));
  if (config.middlebox_compat && !sent_ccs) {
    events.push_back(SendChangeCipherSpec{});
    sent_ccs = true;
  }
  TLSOCK_TRY_ASSIGN(InstallKeys write, install_keys(Direction::write, Epoch::handshake, suite, 0, c_hs));
  events.push_back(std::move(write));
  log_secret(config.key_log, events, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", offer.random, c_hs);
  log_secret(config.key_log, events, "SERVER_HANDSHAKE_TRAFFIC_SECRET", offer.random, s_hs);

  ClientHandshake h{suite,           group,          offer.random,     std::move(offer.hello),
                    std::move(t),    std::move(hs),  std::move(c_hs),  std::move(s_hs),
                    std::move(resumed), {},          0,                sent_ccs};
  return ClientTransition13{ClientExpectEncryptedExtensions{std::move(h)}, std::move(events)};
}

Result<ClientTransition13> handle_server_hello_after_retry(ClientExpectServerHelloAfterRetry st,
                                                           const HandshakeMessage& m,
                                                           const ClientConfig& config) {
  if (m.type != HandshakeType::server_hello) return unexpected(m, "ExpectServerHello");
  TLSOCK_TRY_ASSIGN(ServerHelloAnswer answer, parse_server_hello(m));
  // RFC 8446 §4.1.4: "If a client receives a second HelloRetryRequest in the same connection
  // ..., it MUST abort the handshake with an "unexpected_message" alert."
  if (answer.hello.is_hello_retry_request()) {
    return protocol_error(AlertDescription::unexpected_message, "second HelloRetryRequest");
  }
  TLSOCK_TRY_ASSIGN(CipherSuiteInfo suite, check_server_hello_common(answer.hello, st.offer, config));
  // RFC 8446 §4.1.4: the ServerHello's cipher suite MUST be the HelloRetryRequest's.
  if (st.hrr_suite != answer.hello.cipher_suite) {
    return illegal("ServerHello cipher suite differs from the HelloRetryRequest's");
  }
  return accept_server_hello(std::move(st.offer), std::move(st.transcript), suite, st.sent_ccs, answer,
                             config);
}

Result<ClientTransition13> handle_encrypted_extensions(ClientExpectEncryptedExtensions st,
                                                     const HandshakeMessage& m,
                                                     const ClientConfig& config) {
  if (m.type != HandshakeType::encrypted_extensions) {
    return unexpected(m, "ExpectEncryptedExtensions");
  }
  TLSOCK_TRY_ASSIGN(EncryptedExtensions ee, EncryptedExtensions::decode(m.body));
  TLSOCK_TRY(check_extensions(ExtensionContext::encrypted_extensions, ee.extensions,
                              &st.hs.hello.extensions));
  Events events;
  if (const Extension* alpn = ee.extensions.find(ExtensionType::application_layer_protocol_negotiation)) {
    TLSOCK_TRY_ASSIGN(std::string p, ProtocolNameList::decode_selected(alpn->body));
    // RFC 7301 §3.2: the server selects one of the protocols the client offered.
    if (!contains(config.alpn, p)) return illegal("ALPN: server selected a protocol we did not offer");
    st.hs.alpn = p;
    events.push_back(AlpnSelected{std::move(p)});
  }
  if (const Extension* sni = ee.extensions.find(ExtensionType::server_name)) {
    // RFC 6066 §3: the server's server_name extension is empty.
    TLSOCK_TRY(expect_empty_extension(sni->body, "server_name"));
  }
  if (const Extension* rsl = ee.extensions.find(ExtensionType::record_size_limit)) {
    TLSOCK_TRY_ASSIGN(RecordSizeLimit limit, RecordSizeLimit::decode(rsl->body));
    st.hs.peer_record_size_limit = std::min(limit.limit, kMaxRecordSizeLimit13);
    // RFC 8449 §4: the server's limit binds our protected records from our next flight on;
    // having answered, the server knows ours and keeps its following records within it.
    events.push_back(RecordSizeLimits{st.hs.peer_record_size_limit, config.record_size_limit});
  }
  const ByteView whole = m.encoded;
  st.hs.transcript.add(whole);
  if (st.hs.resumption) {
    return ClientTransition13{ClientExpectFinished{std::move(st.hs), std::nullopt, std::nullopt},
                            std::move(events)};
  }
  return ClientTransition13{ClientExpectCertificateOrRequest{std::move(st.hs)}, std::move(events)};
}

Result<ClientTransition13> handle_certificate_request(ClientHandshake hs, const HandshakeMessage& m) {
  TLSOCK_TRY_ASSIGN(CertificateRequest13 cr, CertificateRequest13::decode(m.body));
  // RFC 8446 §4.3.2: the context "SHALL be zero length unless used for the post-handshake
  // authentication exchanges".
  if (!cr.request_context.empty()) return illegal("CertificateRequest: non-empty context in handshake");
  TLSOCK_TRY(check_extensions(ExtensionContext::certificate_request, cr.extensions, nullptr));
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  return ClientTransition13{ClientExpectCertificate{std::move(hs), std::move(cr)}, {}};
}

Result<ClientTransition13> handle_server_certificate(ClientHandshake hs,
                                                   std::optional<CertificateRequest13> request,
                                                   const HandshakeMessage& m,
                                                   const ClientConfig& config, Provider& provider) {
  TLSOCK_TRY_ASSIGN(Certificate13 cert, Certificate13::decode(m.body));
  // RFC 8446 §4.4.2: for server authentication the context "SHALL be zero length".
  if (!cert.request_context.empty()) return illegal("Certificate: non-empty request context");
  // RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST
  // abort the handshake with a "decode_error" alert."
  if (cert.entries.empty()) return decode_error("Certificate: the server sent no certificate");
  for (const auto& e : cert.entries) {
    TLSOCK_TRY(check_extensions(ExtensionContext::certificate, e.extensions, &hs.hello.extensions));
  }
  if (config.verifier == nullptr) return config_error("ClientConfig has no certificate verifier");
  std::vector<Bytes> chain = cert.chain();
  TLSOCK_TRY_ASSIGN(PublicKey key, config.verifier->verify(CertVerifyRequest{
                                       chain, PeerRole::server, config.server_name, provider.clock}));
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  Events events;
  events.push_back(PeerCertificates{std::move(chain)});
  return ClientTransition13{ClientExpectCertificateVerify{std::move(hs), std::move(request), std::move(key)},
                          std::move(events)};
}

Result<ClientTransition13> handle_server_certificate_verify(ClientExpectCertificateVerify st,
                                                          const HandshakeMessage& m,
                                                          const ClientConfig& config) {
  if (m.type != HandshakeType::certificate_verify) return unexpected(m, "ExpectCertificateVerify");
  TLSOCK_TRY_ASSIGN(CertificateVerify cv, CertificateVerify::decode(m.body));
  TLSOCK_TRY(check_certificate_verify(st.server_key, cv, PeerRole::server, st.hs.transcript.hash(),
                                      config.signature_schemes));
  const ByteView whole = m.encoded;
  st.hs.transcript.add(whole);
  return ClientTransition13{ClientExpectFinished{std::move(st.hs), std::move(st.request), cv.algorithm}, {}};
}

// Our Certificate (+ CertificateVerify) answering a CertificateRequest, added to transcript t.
// Used in the handshake and for post-handshake authentication.
Status answer_certificate_request(const CertificateRequest13& cr, Transcript& t,
                                  const ClientConfig& config, Provider& provider, Epoch epoch,
                                  Events& events) {
  std::vector<SignatureScheme> peer_schemes;
  if (const Extension* sa = cr.extensions.find(ExtensionType::signature_algorithms)) {
    TLSOCK_TRY_ASSIGN(SignatureSchemeList l, SignatureSchemeList::decode(sa->body));
    peer_schemes = std::move(l.schemes);
  }
  std::optional<SignatureScheme> scheme;
  if (config.certificate) {
    scheme = choose_signature_scheme(config.certificate->key, config.signature_schemes, peer_schemes);
  }
  Certificate13 cert;
  cert.request_context = cr.request_context;
  if (scheme) {
    for (const auto& c : config.certificate->chain) cert.entries.push_back({c, {}});
  }
  TLSOCK_TRY_ASSIGN(Bytes cert_msg, cert.encode());
  t.add(cert_msg);
  events.push_back(SendHandshake{std::move(cert_msg), epoch});
  if (scheme) {
    TLSOCK_TRY_ASSIGN(CertificateVerify cv,
                      sign_certificate_verify(config.certificate->key, *scheme, PeerRole::client,
                                              t.hash(), provider.rng));
    TLSOCK_TRY_ASSIGN(Bytes cv_msg, cv.encode());
    t.add(cv_msg);
    events.push_back(SendHandshake{std::move(cv_msg), epoch});
  }
  return {};
}

Result<ClientTransition13> handle_server_finished(ClientExpectFinished st, const HandshakeMessage& m,
                                                const ClientConfig& config, Provider& provider) {
  if (m.type != HandshakeType::finished) return unexpected(m, "ExpectFinished");
  auto& hs = st.hs;
  const HashAlgorithm alg = hs.suite.hash;
  TLSOCK_TRY_ASSIGN(Finished fin, Finished::decode(m.body, hash_length(alg)));
  TLSOCK_TRY_ASSIGN(Bytes expected, finished_verify_data(alg, hs.server_hs_secret, hs.transcript.hash()));
  // RFC 8446 §4.4.4: incorrect verify_data -> decrypt_error (compared in constant time).
  if (!mac_equal_or_fuzzing(fin.verify_data, expected)) {
    return crypto_error(AlertDescription::decrypt_error, "server Finished does not verify");
  }
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  Digest server_finished_hash = hs.transcript.hash();
  TLSOCK_TRY_ASSIGN(MasterSecret ms, std::move(hs.handshake_secret).into_master());
  TLSOCK_TRY_ASSIGN(Secret c_ap, ms.client_application_traffic_secret_0(server_finished_hash));
  TLSOCK_TRY_ASSIGN(Secret s_ap, ms.server_application_traffic_secret_0(server_finished_hash));
  TLSOCK_TRY_ASSIGN(Secret exporter, ms.exporter_master_secret(server_finished_hash));

  Events events;
  TLSOCK_TRY_ASSIGN(InstallKeys read, install_keys(Direction::read, Epoch::application, hs.suite, 0, s_ap));
  events.push_back(std::move(read));
  if (st.request) {
    TLSOCK_TRY(answer_certificate_request(*st.request, hs.transcript, config, provider,
                                          Epoch::handshake, events));
  }
  TLSOCK_TRY_ASSIGN(Bytes client_vd, finished_verify_data(alg, hs.client_hs_secret, hs.transcript.hash()));
  TLSOCK_TRY_ASSIGN(Bytes fin_msg, Finished{std::move(client_vd)}.encode());
  hs.transcript.add(fin_msg);
  events.push_back(SendHandshake{std::move(fin_msg), Epoch::handshake});
  TLSOCK_TRY_ASSIGN(InstallKeys write, install_keys(Direction::write, Epoch::application, hs.suite, 0, c_ap));
  events.push_back(std::move(write));
  TLSOCK_TRY_ASSIGN(Secret rms, ms.resumption_master_secret(hs.transcript.hash()));
  log_secret(config.key_log, events, "CLIENT_TRAFFIC_SECRET_0", hs.client_random, c_ap);
  log_secret(config.key_log, events, "SERVER_TRAFFIC_SECRET_0", hs.client_random, s_ap);
  log_secret(config.key_log, events, "EXPORTER_SECRET", hs.client_random, exporter);

  HandshakeSummary summary;
  summary.suite = hs.suite.id;
  summary.group = hs.group;
  summary.peer_signature_scheme = st.server_scheme;
  summary.alpn = hs.alpn;
  summary.server_name = config.server_name;
  summary.resumed = hs.resumption.has_value();
  summary.peer_authenticated = !hs.resumption.has_value();
  summary.peer_record_size_limit = hs.peer_record_size_limit;
  summary.exporter_master_secret = std::move(exporter);
  events.push_back(HandshakeDone{std::move(summary)});

  ClientConnected connected{TrafficSecrets{hs.suite, std::move(s_ap), std::move(c_ap), 0, 0},
                            std::move(rms),
                            config.post_handshake_auth ? std::optional(std::move(hs.transcript)) : std::nullopt,
                            config.server_name,
                            hs.alpn,
                            config.post_handshake_auth,
                            // A resumption continues its session; a full handshake starts one
                            // (7 days at most: the server's lifetime is not known yet).
                            hs.resumption ? lifetime_of(*hs.resumption)
                                          : SessionLifetime::starting(provider.clock.now_ms(),
                                                                      kMaxTicketLifetimeSeconds)};
  return ClientTransition13{std::move(connected), std::move(events)};
}

Result<ClientTransition13> handle_connected(ClientConnected st, const HandshakeMessage& m,
                                          const ClientConfig& config, Provider& provider) {
  Events events;
  switch (m.type) {
    case HandshakeType::new_session_ticket: {
      TLSOCK_TRY_ASSIGN(NewSessionTicket13 nst, NewSessionTicket13::decode(m.body));
      TLSOCK_TRY(check_extensions(ExtensionContext::new_session_ticket, nst.extensions, nullptr));
      uint32_t max_early = 0;
      if (const Extension* ed = nst.extensions.find(ExtensionType::early_data)) {
        TLSOCK_TRY_ASSIGN(EarlyDataTicket e, EarlyDataTicket::decode(ed->body));
        max_early = e.max_early_data_size;
      }
      // RFC 8446 §4.6.1: a lifetime of zero means "do not use"; never keep one past 7 days,
      // nor past the end of the session's first lifetime (session_lifetime.hpp).
      int64_t now = provider.clock.now_ms();
      uint32_t lifetime = st.session.ticket_lifetime(now, nst.ticket_lifetime);
      if (lifetime == 0) break;
      TLSOCK_TRY_ASSIGN(Secret psk, resumption_psk(st.traffic.suite.hash, st.resumption_master_secret,
                                                   nst.ticket_nonce));
      ClientSession13 s;
      s.suite = st.traffic.suite.id;
      s.psk = std::move(psk);
      s.ticket = std::move(nst.ticket);
      s.ticket_age_add = nst.ticket_age_add;
      s.lifetime_seconds = lifetime;
      s.received_at_ms = now;
      s.session_created_ms = st.session.created_ms;
      s.max_early_data_size = max_early;
      s.server_name = st.server_name;
      s.alpn = st.alpn;
      events.push_back(SessionTicketReceived{std::move(s)});
      break;
    }
    case HandshakeType::key_update:
      TLSOCK_TRY(handle_key_update(st.traffic, m.body, events));
      break;
    case HandshakeType::certificate_request: {
      // RFC 8446 §4.6.2: "A client that receives a CertificateRequest message without having
      // sent the "post_handshake_auth" extension MUST send an "unexpected_message" fatal alert."
      if (!st.post_handshake_auth_offered) return unexpected(m, "Connected");
      TLSOCK_TRY_ASSIGN(CertificateRequest13 cr, CertificateRequest13::decode(m.body));
      TLSOCK_TRY(check_extensions(ExtensionContext::certificate_request, cr.extensions, nullptr));
      // Handshake Context: ClientHello..client Finished + CertificateRequest (RFC 8446 §4.4).
      if (!st.transcript) return internal_error("post-handshake auth: the transcript was not kept");
      Transcript t = *st.transcript;
      const ByteView whole = m.encoded;
      t.add(whole);
      TLSOCK_TRY(answer_certificate_request(cr, t, config, provider, Epoch::application, events));
      // Base key: client_application_traffic_secret_N (RFC 8446 §4.4).
      TLSOCK_TRY_ASSIGN(Bytes vd, finished_verify_data(st.traffic.suite.hash, st.traffic.write_secret,
                                                       t.hash()));
      TLSOCK_TRY_ASSIGN(Bytes fin, Finished{std::move(vd)}.encode());
      events.push_back(SendHandshake{std::move(fin), Epoch::application});
      break;
    }
    default:
      return unexpected(m, "Connected");
  }
  return ClientTransition13{std::move(st), std::move(events)};
}

}  // namespace

Result<ClientTransition13> client13_server_hello(ClientOffer offer, const PendingTranscript& transcript,
                                                 const ServerHelloAnswer& answer,
                                                 const ClientConfig& config, Provider& provider) {
  if (answer.hello.is_hello_retry_request()) {
    return handle_hello_retry_request(std::move(offer), transcript, answer, config, provider);
  }
  TLSOCK_TRY_ASSIGN(CipherSuiteInfo suite, check_server_hello_common(answer.hello, offer, config));
  return accept_server_hello(std::move(offer), transcript.select(suite.hash), suite, false, answer, config);
}

Result<ClientTransition13> client13_handle(ClientState13 state, const HandshakeMessage& m,
                                         const ClientConfig& config, Provider& provider) {
  return std::visit(
      [&](auto&& st) -> Result<ClientTransition13> {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, ClientExpectServerHelloAfterRetry>) {
          return handle_server_hello_after_retry(std::move(st), m, config);
        } else if constexpr (std::is_same_v<S, ClientExpectEncryptedExtensions>) {
          return handle_encrypted_extensions(std::move(st), m, config);
        } else if constexpr (std::is_same_v<S, ClientExpectCertificateOrRequest>) {
          if (m.type == HandshakeType::certificate_request) return handle_certificate_request(std::move(st.hs), m);
          if (m.type == HandshakeType::certificate) {
            return handle_server_certificate(std::move(st.hs), std::nullopt, m, config, provider);
          }
          return unexpected(m, "ExpectCertificateOrRequest");
        } else if constexpr (std::is_same_v<S, ClientExpectCertificate>) {
          if (m.type != HandshakeType::certificate) return unexpected(m, "ExpectCertificate");
          return handle_server_certificate(std::move(st.hs), std::move(st.request), m, config, provider);
        } else if constexpr (std::is_same_v<S, ClientExpectCertificateVerify>) {
          return handle_server_certificate_verify(std::move(st), m, config);
        } else if constexpr (std::is_same_v<S, ClientExpectFinished>) {
          return handle_server_finished(std::move(st), m, config, provider);
        } else {
          return handle_connected(std::move(st), m, config, provider);
        }
      },
      std::move(state));
}

Result<ClientTransition13> client13_key_update(ClientState13&& state, bool request_peer) {
  return key_update_when_connected<ClientConnected, ClientTransition13>(std::move(state), request_peer);
}

bool client13_key_update_owed(const ClientState13& state) {
  return key_update_owed<ClientConnected>(state);
}

const char* client13_state_name(const ClientState13& state) {
  return std::visit([](const auto& s) { return std::decay_t<decltype(s)>::kName; }, state);
}

}  // namespace tlsock
