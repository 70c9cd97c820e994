// TLS 1.2 client transitions. Each handler checks the MUSTs on the message it receives and
// cites where they come from (RFC 5246 unless another RFC is named).
#include "handshake/client_12.hpp"

#include <type_traits>

#include "crypto/key_exchange.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/extension_rules_12.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/next_protocol_negotiation.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/handshake_util_12.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/next_protocol.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "handshake/messages/server_key_exchange.hpp"
#include "handshake/session_lifetime.hpp"

namespace tlsock {

namespace {

// RFC 5246 §7.4.4 ClientCertificateType values for the certificates we can hold.
constexpr uint8_t kClientCertRsaSign = 1;
constexpr uint8_t kClientCertEcdsaSign = 64;  // RFC 8422 §5.5 (also for Ed25519 keys)

template <typename T>
std::vector<T> decoded_or_empty(const Extensions& e, ExtensionType type) {
  std::vector<T> out;
  const Extension* x = e.find(type);
  if (x == nullptr) return out;
  if constexpr (std::is_same_v<T, SignatureScheme>) {
    auto l = SignatureSchemeList::decode(x->body);
    if (l.ok()) out = std::move(l->schemes);
  } else {
    auto l = SupportedGroups::decode(x->body);
    if (l.ok()) out = std::move(l->groups);
  }
  return out;
}

Result<ClientTransition12> done(ClientState12 st, Events events = {}) {
  return ClientTransition12{std::move(st), std::move(events), std::nullopt};
}

// The ServerHello's fixed fields (RFC 5246 §7.4.1.3) and the extension rules, checked
// against our offer; returns the suite.
Result<CipherSuiteInfo> check_server_hello_12(const ServerHello& sh, const ClientOffer12& offer,
                                            const ClientConfig& config) {
  // RFC 5246 §E.1: "If the version chosen by the server is not supported by the client (or not
  // acceptable), the client MUST send a "protocol_version" alert". tlsock refuses SSL 3.0,
  // TLS 1.0 and TLS 1.1 (RFC 8996 §5: "MUST NOT negotiate TLS version 1.0 [or 1.1]").
  if (sh.legacy_version != ProtocolVersion::tls1_2) {
    return protocol_error(AlertDescription::protocol_version,
                          "ServerHello: the server chose " + name(sh.legacy_version) +
                              "; tlsock speaks only TLS 1.2 and 1.3");
  }
  // RFC 8446 §4.1.3: "TLS 1.3 clients receiving a ServerHello indicating TLS 1.2 or below MUST
  // check that the last 8 bytes are not equal to either of these values ... If a match is
  // found, the client MUST abort the handshake with an "illegal_parameter" alert."
  if (offers(config, ProtocolVersion::tls1_3) && sh.has_downgrade_sentinel()) {
    return illegal("ServerHello: TLS 1.3 downgrade sentinel present (RFC 8446 §4.1.3)");
  }
  // §7.4.1.3: the cipher suite is "selected by the server from the list in
  // ClientHello.cipher_suites"; anything else (or a suite we do not implement) is illegal.
  auto suite = tls12_suite(sh.cipher_suite);
  if (!suite || !contains(offer.hello.cipher_suites, sh.cipher_suite)) {
    return illegal("ServerHello: cipher suite " + name(sh.cipher_suite) + " was not offered");
  }
  // We offer only the null compression method (§7.4.1.2); a server picking another one
  // answers something we did not offer.
  if (sh.legacy_compression_method != 0) {
    return illegal("ServerHello: compression method " +
                   std::to_string(sh.legacy_compression_method) +
                   " was not offered (tlsock offers only null)");
  }
  TLSOCK_TRY(check_server_hello_extensions_12(sh.extensions, offer.hello.extensions));
  return *suite;
}

// RFC 5746 §3.4: "If the extension is present, set secure_renegotiation flag to TRUE. The
// client MUST then verify that the length of the "renegotiated_connection" field is zero,
// and if it is not, MUST abort the handshake (by sending a fatal handshake_failure alert)."
Status read_renegotiation_info(ClientHandshake12& hs, const Extensions& e, const ClientConfig& config) {
  if (const Extension* ri = e.find(ExtensionType::renegotiation_info)) {
    TLSOCK_TRY_ASSIGN(RenegotiationInfo info, RenegotiationInfo::decode(ri->body));
    if (!info.renegotiated_connection.empty()) {
      return protocol_error(AlertDescription::handshake_failure,
                            "ServerHello: renegotiation_info is not empty in an initial handshake");
    }
    hs.secure_renegotiation = true;
  } else if (config.require_secure_renegotiation) {
    // RFC 5746 §4.1: the client MAY abort when the server does not support secure renegotiation.
    return protocol_error(
        AlertDescription::handshake_failure,
        "ServerHello: the server does not support secure renegotiation (RFC 5746)");
  }
  return {};
}

// What the ServerHello's extensions negotiate, each checked against what we asked for.
Status read_server_hello_extensions(ClientHandshake12& hs, const Extensions& e, const ClientConfig& config) {
  TLSOCK_TRY(read_renegotiation_info(hs, e, config));
  if (const Extension* x = e.find(ExtensionType::extended_master_secret)) {
    TLSOCK_TRY(expect_empty_extension(x->body, "extended_master_secret"));
    hs.extended_master_secret = true;
  }
  if (const Extension* x = e.find(ExtensionType::session_ticket)) {
    // RFC 5077 §3.2: the server's SessionTicket extension is empty.
    TLSOCK_TRY(expect_empty_extension(x->body, "session_ticket"));
    hs.expect_ticket = true;
  }
  if (const Extension* x = e.find(ExtensionType::server_name)) {
    // RFC 6066 §3: the server's acknowledgement "SHALL be empty".
    TLSOCK_TRY(expect_empty_extension(x->body, "server_name"));
  }
  if (const Extension* x = e.find(ExtensionType::ec_point_formats)) {
    TLSOCK_TRY_ASSIGN(EcPointFormats f, EcPointFormats::decode(x->body));
    // RFC 8422 §5.1.2: uncompressed points MUST be supported; a list without them is illegal.
    if (!f.has_uncompressed()) return illegal("ServerHello: ec_point_formats lacks uncompressed");
  }
  if (const Extension* x = e.find(ExtensionType::max_fragment_length)) {
    TLSOCK_TRY_ASSIGN(MaxFragmentLength mfl, MaxFragmentLength::decode(x->body));
    // RFC 6066 §4: "If a client receives a maximum fragment length negotiation response that
    // differs from the length it requested, it MUST also abort the handshake with an
    // "illegal_parameter" alert."
    if (mfl.code != config.max_fragment_length) {
      return illegal("ServerHello: max_fragment_length differs from the one requested");
    }
    hs.max_fragment_length = mfl.code;
  }
  if (const Extension* x = e.find(ExtensionType::application_layer_protocol_negotiation)) {
    TLSOCK_TRY_ASSIGN(std::string p, ProtocolNameList::decode_selected(x->body));
    // RFC 7301 §3.2: the server selects one of the client's protocols.
    if (!contains(config.alpn, p))
      return illegal("ServerHello: ALPN protocol \"" + p + "\" was not offered");
    hs.alpn = std::move(p);
  }
  if (const Extension* x = e.find(ExtensionType::next_protocol_negotiation)) {
    // ALPN and NPN together leave two answers to one question (BoringSSL and OpenSSL refuse it).
    if (!hs.alpn.empty()) return illegal("ServerHello: both ALPN and NPN negotiated");
    TLSOCK_TRY_ASSIGN(NextProtocolNegotiationServer n,
                      NextProtocolNegotiationServer::decode(x->body));
    hs.server_npn = std::move(n.protocols);
  }
  return {};
}

// Resumption: the server echoes the session ID we offered (§7.4.1.3; RFC 5077 §3.4 for a
// ticket, whose session ID we made up).
Result<bool> server_resumes(const ServerHello& sh, const ClientHandshake12& hs) {
  bool echoed = !hs.offer.hello.legacy_session_id.empty() &&
                sh.legacy_session_id_echo == hs.offer.hello.legacy_session_id;
  // Without a 1.2 session offered, our session ID is the random one of TLS 1.3 compatibility
  // mode (RFC 8446 §D.4): an echo claims to resume a session that does not exist.
  if (echoed && !hs.offer.resumption) {
    return illegal("ServerHello: echoes the session ID of a full handshake (no TLS 1.2 session "
                   "was offered; RFC 5246 §7.4.1.3)");
  }
  return echoed;
}

// The abbreviated handshake (§7.3): the offered session's keys, checked against the ServerHello.
Result<ClientTransition12> resume_session(ClientHandshake12 hs, Events events) {
  const Session12& session = hs.offer.resumption->session;
  // §7.4.1.3: a resumed session MUST keep its cipher suite.
  if (hs.suite.id != session.suite) {
    return illegal("ServerHello: resumed session with another cipher suite");
  }
  // RFC 7627 §5.3: "If the original session used the "extended_master_secret" extension but
  // the new ServerHello does not contain the extension, the client MUST abort the handshake."
  // (and the reverse). We offer only EMS sessions, so this is the first case.
  if (session.extended_master_secret != hs.extended_master_secret) {
    return protocol_error(AlertDescription::handshake_failure,
                          "ServerHello: extended_master_secret differs from the resumed session "
                          "(RFC 7627 §5.3)");
  }
  ClientKeyed12 k;
  k.master_secret = session.master_secret;
  k.keys = key_block_12(hs.suite, k.master_secret, hs.offer.hello.random, hs.server_random);
  k.resumed = true;
  k.hs = std::move(hs);
  if (k.hs.expect_ticket) return done(ClientExpectNewSessionTicket12{std::move(k)}, std::move(events));
  return done(ClientExpectChangeCipherSpec12{std::move(k)}, std::move(events));
}

Result<ClientTransition12> handle_certificate(ClientExpectCertificate12 st,
                                              const HandshakeMessage& m, const ClientConfig& config,
                                              Provider& provider) {
  if (m.type != HandshakeType::certificate) return unexpected(m, "ExpectCertificate");
  TLSOCK_TRY_ASSIGN(Certificate12 cert, Certificate12::decode(m.body));
  // §7.4.2: the server's certificate_list carries at least its own certificate.
  if (cert.chain.empty()) return decode_error("Certificate: the server sent no certificate");
  if (config.verifier == nullptr) return config_error("ClientConfig has no certificate verifier");
  TLSOCK_TRY_ASSIGN(PublicKey key,
                    config.verifier->verify(CertVerifyRequest{cert.chain, PeerRole::server,
                                                              config.server_name, provider.clock}));
  // §7.4.2: "The end entity certificate's public key (and associated restrictions) MUST be
  // compatible with the selected key exchange algorithm" (ECDSA or RSA signing key).
  if (!key_authenticates_suite(key.type(), st.hs.suite.auth)) {
    return protocol_error(AlertDescription::unsupported_certificate,
                          std::string("Certificate: a ") + name(key.type()) +
                              " key cannot sign for " + name(st.hs.suite.id));
  }
  const Extensions& offered = st.hs.offer.hello.extensions;
  auto groups = decoded_or_empty<NamedGroup>(offered, ExtensionType::supported_groups);
  if (offered.has(ExtensionType::supported_groups) && !key_curve_in_groups(key.type(), groups)) {
    return illegal(std::string("Certificate: the server's ") + name(key.type()) +
                   " key is on a curve our supported_groups did not offer (RFC 8422 §5.3)");
  }
  const ByteView whole = m.encoded;
  st.hs.transcript.add(whole);
  Events events;
  events.push_back(PeerCertificates{std::move(cert.chain)});
  return done(ClientExpectServerKeyExchange12{std::move(st.hs), std::move(key)}, std::move(events));
}

Result<ClientTransition12> handle_server_key_exchange(ClientExpectServerKeyExchange12 st,
                                                      const HandshakeMessage& m,
                                                      Provider& provider) {
  if (m.type != HandshakeType::server_key_exchange) return unexpected(m, "ExpectServerKeyExchange");
  TLSOCK_TRY_ASSIGN(ServerKeyExchangeEcdhe ske, ServerKeyExchangeEcdhe::decode(m.body));
  auto& hs = st.hs;
  // RFC 8422 §5.1.1: the server uses a curve from the client's supported_groups.
  auto groups =
      decoded_or_empty<NamedGroup>(hs.offer.hello.extensions, ExtensionType::supported_groups);
  if (!contains(groups, ske.group) || !key_exchange_supported(ske.group)) {
    return illegal("ServerKeyExchange: group " + name(ske.group) + " was not offered");
  }
  // §7.4.3: the signature covers client_random + server_random + params, with a scheme from
  // our signature_algorithms (§7.4.1.4.1).
  auto schemes = decoded_or_empty<SignatureScheme>(hs.offer.hello.extensions,
                                                   ExtensionType::signature_algorithms);
  TLSOCK_TRY_ASSIGN(Bytes content, ske.signed_content(hs.offer.hello.random, hs.server_random));
  TLSOCK_TRY(check_signature_12(st.server_key, ske.algorithm, ske.signature, content, schemes,
                                "ServerKeyExchange"));
  // RFC 8422 §5.10 / key_exchange.hpp: the peer's point is validated (illegal_parameter).
  TLSOCK_TRY_ASSIGN(auto kx, KeyExchange::generate(ske.group, provider.rng));
  TLSOCK_TRY_ASSIGN(Secret pms, kx->derive(ske.public_point));
  ByteView pub = kx->public_value();
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  ClientKeyExchangeState12 state{ske.group, ske.algorithm, std::move(pms),
                                 Bytes(pub.begin(), pub.end())};
  return done(ClientExpectCertificateRequestOrDone12{std::move(hs), std::move(state)});
}

// Our first flight after ChangeCipherSpec starts with NextProtocol when the server offered NPN
// (draft-agl-tls-nextprotoneg §3: "the client SHOULD select the first protocol that it
// supports" from the server's list, and otherwise its own first; it is sent even then).
// Afterwards hs.server_npn holds just the protocol chosen.
Status send_next_protocol(ClientHandshake12& hs, const ClientConfig& config, Events& events) {
  if (!hs.server_npn) return {};
  std::string chosen = config.npn.front();
  for (const auto& p : config.npn) {
    if (contains(*hs.server_npn, p)) {
      chosen = p;
      break;
    }
  }
  TLSOCK_TRY_ASSIGN(Bytes msg, NextProtocol::with_padding(chosen).encode());
  hs.transcript.add(msg);
  events.push_back(SendHandshake{std::move(msg), Epoch::application});
  hs.server_npn = std::vector<std::string>{chosen};
  return {};
}

// The end of our flight (§7.4.9): ChangeCipherSpec, the write keys, [NextProtocol], Finished.
// Returns our Finished's verify_data.
Result<Bytes> send_finished(ClientHandshake12& hs, const KeyBlock12& keys, const Secret& master_secret,
                            const ClientConfig& config, Events& events) {
  events.push_back(SendChangeCipherSpec{});
  events.push_back(install_keys_12(Direction::write, hs.suite, keys, FinishedSender::client));
  TLSOCK_TRY(send_next_protocol(hs, config, events));
  TLSOCK_TRY_ASSIGN(OwnFinished12 fin,
                    make_finished_12(hs.suite, master_secret, FinishedSender::client, hs.transcript));
  hs.transcript.add(fin.message);
  events.push_back(SendHandshake{std::move(fin.message), Epoch::application});
  log_secret(config.key_log, events, "CLIENT_RANDOM", hs.offer.hello.random, master_secret);
  return std::move(fin.verify_data);
}

// Our second flight of a full handshake: [Certificate], ClientKeyExchange,
// [CertificateVerify], ChangeCipherSpec, [NextProtocol], Finished.
Result<ClientTransition12> send_client_flight(ClientHandshake12 hs, ClientKeyExchangeState12 kx,
                                              const CertificateRequest12* request,
                                              const ClientConfig& config, Provider& provider) {
  Events events;
  std::optional<SignatureScheme> scheme;
  if (request != nullptr) {
    // §7.4.6: "This message is only sent if the server requests a certificate. If no suitable
    // certificate is available, the client MUST send a certificate message containing no
    // certificates."
    if (config.certificate) {
      KeyType t = config.certificate->key.type();
      bool rsa = t == KeyType::rsa || t == KeyType::rsa_pss;
      uint8_t needed = rsa ? kClientCertRsaSign : kClientCertEcdsaSign;
      if (contains(request->certificate_types, needed)) {
        scheme = choose_signature_scheme_12(config.certificate->key, config.signature_schemes_12,
                                            request->signature_algorithms.schemes);
      }
    }
    Certificate12 cert;
    if (scheme) cert.chain = config.certificate->chain;
    TLSOCK_TRY_ASSIGN(Bytes msg, cert.encode());
    hs.transcript.add(msg);
    events.push_back(SendHandshake{std::move(msg), Epoch::initial});
  }
  TLSOCK_TRY_ASSIGN(Bytes cke, ClientKeyExchangeEcdhe{kx.our_point}.encode());
  hs.transcript.add(cke);
  events.push_back(SendHandshake{std::move(cke), Epoch::initial});

  ClientKeyed12 k;
  // RFC 7627 §4: session_hash = Hash(handshake messages up to and including the
  // ClientKeyExchange).
  k.master_secret = hs.extended_master_secret
                        ? extended_master_secret_12(hs.suite.hash, kx.pre_master_secret,
                                                    transcript_hash_12(hs.suite, hs.transcript))
                        : master_secret_12(hs.suite.hash, kx.pre_master_secret,
                                           hs.offer.hello.random, hs.server_random);
  k.keys = key_block_12(hs.suite, k.master_secret, hs.offer.hello.random, hs.server_random);
  if (scheme) {
    // §7.4.8: the signature covers handshake_messages, every message up to this one.
    TLSOCK_TRY_ASSIGN(
        Bytes sig, config.certificate->key.sign(*scheme, hs.transcript.buffered(), provider.rng));
    TLSOCK_TRY_ASSIGN(Bytes cv, (CertificateVerify{*scheme, std::move(sig)}.encode()));
    hs.transcript.add(cv);
    events.push_back(SendHandshake{std::move(cv), Epoch::initial});
  }
  TLSOCK_TRY_ASSIGN(k.tls_unique, send_finished(hs, k.keys, k.master_secret, config, events));
  k.group = kx.group;
  k.server_scheme = kx.server_scheme;
  k.client_authenticated = scheme.has_value();
  k.hs = std::move(hs);
  if (k.hs.expect_ticket)
    return done(ClientExpectNewSessionTicket12{std::move(k)}, std::move(events));
  return done(ClientExpectChangeCipherSpec12{std::move(k)}, std::move(events));
}

Result<ClientTransition12> handle_new_session_ticket(ClientExpectNewSessionTicket12 st,
                                                     const HandshakeMessage& m) {
  if (m.type != HandshakeType::new_session_ticket) return unexpected(m, "ExpectNewSessionTicket");
  TLSOCK_TRY_ASSIGN(NewSessionTicket12 nst, NewSessionTicket12::decode(m.body));
  // RFC 5077 §3.3: NewSessionTicket is part of the handshake hashed into Finished.
  const ByteView whole = m.encoded;
  st.k.hs.transcript.add(whole);
  st.k.new_ticket =
      std::move(nst.ticket);  // empty: "the server ... does not want to include a ticket"
  st.k.ticket_lifetime_hint = nst.ticket_lifetime_hint;
  return done(ClientExpectChangeCipherSpec12{std::move(st.k)});
}

ConnectionInfo12 connection_info(const ClientKeyed12& k, const ClientConfig& config) {
  ConnectionInfo12 info;
  info.suite = k.hs.suite;
  info.group = k.group;
  info.client_random = k.hs.offer.hello.random;
  info.server_random = k.hs.server_random;
  info.master_secret = k.master_secret;
  info.extended_master_secret = k.hs.extended_master_secret;
  info.resumed = k.resumed;
  info.tls_unique = k.tls_unique;
  info.alpn = k.hs.alpn;
  if (k.hs.server_npn && !k.hs.server_npn->empty()) info.npn = k.hs.server_npn->front();
  info.server_name = config.server_name;
  info.max_fragment_length = k.hs.max_fragment_length;
  info.secure_renegotiation = k.hs.secure_renegotiation;
  return info;
}

Result<ClientTransition12> handle_server_finished(ClientExpectFinished12 st,
                                                  const HandshakeMessage& m,
                                                  const ClientConfig& config,
                                                  Provider& provider) {
  if (m.type != HandshakeType::finished) return unexpected(m, "ExpectFinished");
  auto& k = st.k;
  auto& hs = k.hs;
  TLSOCK_TRY_ASSIGN(
      Bytes server_vd,
      check_finished_12(hs.suite, k.master_secret, FinishedSender::server, hs.transcript, m.body));
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  Events events;
  if (k.resumed) {
    // Abbreviated handshake (§7.3): the server's Finished comes first, then ours.
    k.tls_unique = server_vd;  // RFC 5929 §3.1: the first Finished of the handshake
    TLSOCK_TRY(send_finished(hs, k.keys, k.master_secret, config, events));
  }
  ClientConnected12 c;
  c.info = connection_info(k, config);
  // A session worth keeping: EMS (RFC 7627 §5.3, we offer no other), and a way to name it.
  if (hs.extended_master_secret) {
    ClientSession12 s;
    if (k.resumed) {
      s = *hs.offer.resumption;
    } else {
      s.session.suite = hs.suite.id;
      s.session.master_secret = k.master_secret;
      s.session.extended_master_secret = true;
      s.session.server_name = config.server_name;
      s.session.alpn = hs.alpn;
      s.session.created_ms = provider.clock.now_ms();
      s.session.lifetime_seconds = kDefaultSessionLifetime12;
      s.session_id = hs.session_id;
    }
    if (!k.new_ticket.empty()) {
      // A resumption continues its session: the new ticket keeps the session's creation time
      // and never reaches past its end (session_lifetime.hpp); a full handshake starts one.
      int64_t now = provider.clock.now_ms();
      SessionLifetime life = k.resumed ? lifetime_of(s.session)
                                       : SessionLifetime::starting(now, kMaxTicketLifetimeSeconds);
      uint32_t hint =
          k.ticket_lifetime_hint == 0 ? kDefaultSessionLifetime12 : k.ticket_lifetime_hint;
      // A renewed ticket's hint is what the server has left, rounded down to whole seconds on
      // its clock, which started the session a moment before ours: a hint that ends within
      // 2 s of the session's end means that end (a shorter one is taken as it is).
      if (k.resumed && now + int64_t{hint} * 1000 + 2000 >= life.expires_ms) {
        hint = kMaxTicketLifetimeSeconds;
      }
      if (uint32_t lifetime = life.lifetime_from_creation(now, hint); lifetime != 0) {
        s.ticket = k.new_ticket;
        s.session.created_ms = life.created_ms;
        s.session.lifetime_seconds = lifetime;
      }
    }
    if (!s.session_id.empty() || !s.ticket.empty()) c.session = std::move(s);
  }
  events.push_back(HandshakeDone{summary_12(c.info, k.server_scheme, !k.resumed)});
  return done(std::move(c), std::move(events));
}

}  // namespace

Result<ClientTransition12> client12_server_hello(ClientOffer offer, PendingTranscript transcript,
                                                 const ServerHelloAnswer& answer,
                                                 const ClientConfig& config) {
  const ServerHello& sh = answer.hello;
  ClientOffer12 offer12{std::move(offer.hello), std::move(offer.resumption12)};
  TLSOCK_TRY_ASSIGN(CipherSuiteInfo suite, check_server_hello_12(sh, offer12, config));
  ClientHandshake12 hs;
  hs.suite = suite;
  hs.offer = std::move(offer12);
  hs.server_random = sh.random;
  hs.session_id = sh.legacy_session_id_echo;
  hs.transcript = std::move(transcript);
  TLSOCK_TRY(read_server_hello_extensions(hs, sh.extensions, config));
  TLSOCK_TRY_ASSIGN(bool resumed, server_resumes(sh, hs));
  hs.transcript.add(answer.whole);
  Events events;
  events.push_back(VersionSelected{ProtocolVersion::tls1_2});
  limit_fragments_12(events, hs.max_fragment_length);
  if (resumed) return resume_session(std::move(hs), std::move(events));
  // RFC 7627 §5.2: a client MAY abort a full handshake without the extension.
  if (config.require_extended_master_secret && !hs.extended_master_secret) {
    return protocol_error(AlertDescription::handshake_failure,
                          "ServerHello: extended master secret required but not negotiated");
  }
  return done(ClientExpectCertificate12{std::move(hs)}, std::move(events));
}

Result<ClientTransition12> client12_handle(ClientState12 state, const HandshakeMessage& m,
                                           const ClientConfig& config,
                                           Provider& provider) {
  if (std::holds_alternative<ClientConnected12>(state)) {
    // RFC 5746 §4.2: a client that will not renegotiate answers HelloRequest with a
    // no_renegotiation warning, and the connection goes on; anything else is unexpected.
    TLSOCK_TRY_ASSIGN(AlertDescription warning,
                      refuse_renegotiation_12(m, HandshakeType::hello_request));
    TLSOCK_TRY(HelloRequest::decode(m.body));
    return ClientTransition12{std::move(state), {}, warning};
  }
  if (m.type == HandshakeType::hello_request) {
    // §7.4.1.1: "This message will be ignored by the client if the client is currently
    // negotiating a session." It is not part of the transcript.
    TLSOCK_TRY(HelloRequest::decode(m.body));
    return done(std::move(state));
  }
  return std::visit(
      [&](auto&& st) -> Result<ClientTransition12> {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, ClientExpectCertificate12>) {
          return handle_certificate(std::move(st), m, config, provider);
        } else if constexpr (std::is_same_v<S, ClientExpectServerKeyExchange12>) {
          return handle_server_key_exchange(std::move(st), m, provider);
        } else if constexpr (std::is_same_v<S, ClientExpectCertificateRequestOrDone12>) {
          if (m.type == HandshakeType::certificate_request) {
            TLSOCK_TRY_ASSIGN(CertificateRequest12 cr, CertificateRequest12::decode(m.body));
            const ByteView whole = m.encoded;
            st.hs.transcript.add(whole);
            return done(
                ClientExpectServerHelloDone12{std::move(st.hs), std::move(st.kx), std::move(cr)});
          }
          if (m.type != HandshakeType::server_hello_done)
            return unexpected(m, "ExpectCertificateRequestOrDone");
          TLSOCK_TRY(ServerHelloDone::decode(m.body));
          const ByteView whole = m.encoded;
          st.hs.transcript.add(whole);
          return send_client_flight(std::move(st.hs), std::move(st.kx), nullptr, config, provider);
        } else if constexpr (std::is_same_v<S, ClientExpectServerHelloDone12>) {
          if (m.type != HandshakeType::server_hello_done)
            return unexpected(m, "ExpectServerHelloDone");
          TLSOCK_TRY(ServerHelloDone::decode(m.body));
          const ByteView whole = m.encoded;
          st.hs.transcript.add(whole);
          return send_client_flight(std::move(st.hs), std::move(st.kx), &st.request, config, provider);
        } else if constexpr (std::is_same_v<S, ClientExpectNewSessionTicket12>) {
          return handle_new_session_ticket(std::move(st), m);
        } else if constexpr (std::is_same_v<S, ClientExpectChangeCipherSpec12>) {
          // §7.1: Finished MUST be preceded by ChangeCipherSpec.
          return unexpected(m, "ExpectChangeCipherSpec");
        } else if constexpr (std::is_same_v<S, ClientExpectFinished12>) {
          return handle_server_finished(std::move(st), m, config, provider);
        } else {
          return unexpected(m, "Connected");  // handled above
        }
      },
      std::move(state));
}

Result<ClientTransition12> client12_change_cipher_spec(ClientState12 state) {
  auto* st = std::get_if<ClientExpectChangeCipherSpec12>(&state);
  if (st == nullptr) {
    // RFC 5246 §7.1 / §7.4: a ChangeCipherSpec out of place -> unexpected_message.
    return protocol_error(
        AlertDescription::unexpected_message,
        std::string(client12_state_name(state)) + ": unexpected ChangeCipherSpec");
  }
  Events events;
  events.push_back(
      install_keys_12(Direction::read, st->k.hs.suite, st->k.keys, FinishedSender::server));
  return done(ClientExpectFinished12{std::move(st->k)}, std::move(events));
}

const char* client12_state_name(const ClientState12& state) {
  return std::visit([](const auto& s) { return std::decay_t<decltype(s)>::kName; }, state);
}

}  // namespace tlsock
