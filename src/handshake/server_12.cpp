// TLS 1.2 server transitions. Checks on the client's messages cite the section that requires
// them (RFC 5246 unless another RFC is named).
#include "handshake/server_12.hpp"

#include <type_traits>

#include "handshake/certificate_selection.hpp"
#include "handshake/server_negotiation.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/next_protocol_negotiation.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_util_12.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/next_protocol.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "handshake/messages/server_key_exchange.hpp"

namespace tlsock {

namespace {

// RFC 5246 §7.4.4 ClientCertificateType: rsa_sign(1); RFC 8422 §5.5 ecdsa_sign(64).
const Bytes kRequestedCertificateTypes = {1, 64};

Result<ServerTransition12> done(ServerState12 st, Events events = {}) {
  return ServerTransition12{std::move(st), std::move(events), std::nullopt};
}


// A session the ClientHello may resume: by ticket first (RFC 5077 §3.4), then by session ID.
// Unusable sessions (unknown, expired, another SNI, a suite no longer shared) lead to a full
// handshake, not an error; RFC 7627 §5.3 is the exception.
Result<std::optional<Session12>> find_session(const ClientHelloOffer& offer,
                                              const ServerConfig& config, Provider& provider) {
  const ClientHello& ch = offer.client_hello;
  int64_t now_ms = provider.clock.now_ms();
  std::optional<Session12> s;
  // RFC 5077 §3.4: the client "MAY generate and include a Session ID"; we echo it to say yes
  // to the ticket. Without one the client learns it from the messages after the ServerHello.
  if (offer.ticket && !offer.ticket->empty() && config.tickets != nullptr) {
    if (auto plain = config.tickets->open(*offer.ticket, provider)) {
      auto decoded = Session12::decode(*plain);
      if (decoded.ok()) s = std::move(*decoded);
    }
  }
  if (!s && !ch.legacy_session_id.empty() && config.session_cache != nullptr) {
    s = config.session_cache->find(ch.legacy_session_id, now_ms);
  }
  if (!s || s->expired(now_ms) || s->server_name != offer.server_name ||
      !contains(ch.cipher_suites, s->suite) || !contains(config.cipher_suites_12, s->suite) ||
      !tls12_suite(s->suite) || !s->extended_master_secret) {
    return std::optional<Session12>();
  }
  // RFC 7627 §5.3: "If the original session used the "extended_master_secret" extension but
  // the new ClientHello does not contain it, the server MUST abort the abbreviated handshake."
  if (!offer.extended_master_secret) {
    return protocol_error(AlertDescription::handshake_failure,
                          "ClientHello: resumes an extended-master-secret session without the "
                          "extension (RFC 7627 §5.3)");
  }
  return s;
}

// The session this handshake establishes, as a ticket or the session cache keeps it.
Session12 session_of(const ServerHandshake12& hs, int64_t now_ms, uint32_t lifetime_seconds) {
  return Session12{.suite = hs.suite.id,
                   .master_secret = hs.master_secret,
                   .extended_master_secret = hs.extended_master_secret,
                   .server_name = hs.server_name,
                   .alpn = hs.alpn,
                   .created_ms = now_ms,
                   .lifetime_seconds = lifetime_seconds};
}

// A NewSessionTicket carrying the session sealed under the current ticket key. On a resumed
// connection the session keeps its creation time and gets no more than what is left of its
// lifetime (session_lifetime.hpp); with nothing left the ticket is empty (RFC 5077 §3.3: the
// server "sends a zero-length ticket" when it does not want to include one).
Result<Bytes> make_ticket(const ServerHandshake12& hs, const ServerConfig& config,
                          Provider& provider) {
  int64_t now = provider.clock.now_ms();
  SessionLifetime life =
      hs.resumed_session.value_or(SessionLifetime::starting(now, config.ticket_lifetime_seconds));
  NewSessionTicket12 nst;
  nst.ticket_lifetime_hint = life.ticket_lifetime(now, config.ticket_lifetime_seconds);
  if (nst.ticket_lifetime_hint != 0) {
    Session12 s = session_of(hs, life.created_ms,
                             life.lifetime_from_creation(now, config.ticket_lifetime_seconds));
    TLSOCK_TRY_ASSIGN(Bytes plain, s.encode());
    auto sealed = config.tickets->seal(plain, provider);
    secure_wipe(plain.data(), plain.size());  // it holds the master secret
    TLSOCK_TRY_ASSIGN(nst.ticket, std::move(sealed));
  }
  return nst.encode();
}

// The server's closing flight (§7.3, RFC 5077 §3.3): [NewSessionTicket], ChangeCipherSpec,
// Finished. Returns the Finished's verify_data.
Result<Bytes> send_closing_flight(ServerHandshake12& hs, const ServerConfig& config,
                                  Provider& provider, Events& events) {
  if (hs.issue_ticket) {
    TLSOCK_TRY_ASSIGN(Bytes nst, make_ticket(hs, config, provider));
    hs.transcript.add(nst);
    events.push_back(SendHandshake{std::move(nst), Epoch::initial});
  }
  events.push_back(SendChangeCipherSpec{});
  events.push_back(install_keys_12(Direction::write, hs.suite, hs.keys, FinishedSender::server));
  TLSOCK_TRY_ASSIGN(OwnFinished12 fin, make_finished_12(hs.suite, hs.master_secret,
                                                        FinishedSender::server, hs.transcript));
  hs.transcript.add(fin.message);
  events.push_back(SendHandshake{std::move(fin.message), Epoch::application});
  return std::move(fin.verify_data);
}

Result<Extensions> server_hello_extensions(const ClientHelloOffer& offer,
                                           const ServerHandshake12& hs, const ServerConfig& config) {
  Extensions e;
  // RFC 5746 §3.6: answer a client that signalled with an empty renegotiation_info.
  if (hs.secure_renegotiation) {
    TLSOCK_TRY_ASSIGN(Bytes b, RenegotiationInfo{}.encode());
    e.add(ExtensionType::renegotiation_info, std::move(b));
  }
  if (hs.extended_master_secret) e.add_empty(ExtensionType::extended_master_secret);
  // RFC 8422 §5.2: the server answers ec_point_formats when it negotiates an ECC suite.
  if (offer.ec_point_formats) {
    TLSOCK_TRY_ASSIGN(Bytes b, EcPointFormats{{kEcPointFormatUncompressed}}.encode());
    e.add(ExtensionType::ec_point_formats, std::move(b));
  }
  // RFC 6066 §3: acknowledged with an empty extension; "When resuming a session, the server
  // MUST NOT include a server_name extension in the server hello."
  if (!offer.server_name.empty() && !hs.resumed) e.add_empty(ExtensionType::server_name);
  if (hs.issue_ticket) e.add_empty(ExtensionType::session_ticket);  // RFC 5077 §3.2
  if (!hs.alpn.empty()) {
    TLSOCK_TRY_ASSIGN(Bytes b, ProtocolNameList{{hs.alpn}}.encode());
    e.add(ExtensionType::application_layer_protocol_negotiation, std::move(b));
  }
  if (hs.npn_negotiated) {
    TLSOCK_TRY_ASSIGN(Bytes b, NextProtocolNegotiationServer{config.npn}.encode());
    e.add(ExtensionType::next_protocol_negotiation, std::move(b));
  }
  if (hs.max_fragment_length != 0) {
    TLSOCK_TRY_ASSIGN(Bytes b, MaxFragmentLength{hs.max_fragment_length}.encode());
    e.add(ExtensionType::max_fragment_length, std::move(b));
  }
  return e;
}

// The ServerHello (§7.4.1.3) for a full or an abbreviated handshake; the transcript starts
// with the ClientHello. RFC 6066 §4: a negotiated max_fragment_length holds from the next
// message on.
Status send_server_hello(ServerHandshake12& hs, const ClientHelloOffer& offer,
                         const ServerConfig& config, Events& events) {
  ServerHello sh;
  sh.random = hs.server_random;
  sh.legacy_session_id_echo = hs.session_id;
  sh.cipher_suite = hs.suite.id;
  TLSOCK_TRY_ASSIGN(sh.extensions, server_hello_extensions(offer, hs, config));
  TLSOCK_TRY_ASSIGN(Bytes sh_msg, sh.encode());
  hs.transcript.add(offer.encoded);
  hs.transcript.add(sh_msg);
  events.push_back(SendHandshake{std::move(sh_msg), Epoch::initial});
  limit_fragments_12(events, hs.max_fragment_length);
  return {};
}

// What the ServerHello says whatever the handshake resumes: randoms, SNI, the extensions
// answered, ALPN (NPN only when ALPN did not already answer: a client seeing both refuses the
// handshake).
ServerHandshake12 start_handshake(const ClientHelloOffer& offer, const ServerConfig& config,
                                  Provider& provider) {
  ServerHandshake12 hs;
  hs.client_random = offer.client_hello.random;
  provider.rng.fill(hs.server_random);
  if (config.tls13_capable()) {
    // RFC 8446 §4.1.3: "TLS 1.3 servers which negotiate TLS 1.2 or below in response to a
    // ClientHello MUST set the last 8 bytes of their Random value specially": 44 4F 57 4E 47
    // 52 44 01 for TLS 1.2.
    std::copy(kDowngradeSentinelTls12.begin(), kDowngradeSentinelTls12.end(),
              hs.server_random.end() - static_cast<ptrdiff_t>(kDowngradeSentinelTls12.size()));
  }
  hs.server_name = offer.server_name;
  hs.secure_renegotiation = offer.secure_renegotiation;
  hs.extended_master_secret = offer.extended_master_secret;
  if (config.accept_max_fragment_length) hs.max_fragment_length = offer.max_fragment_length;
  hs.alpn = choose_alpn(offer, config);
  hs.npn_negotiated = offer.npn && !config.npn.empty() && hs.alpn.empty();
  return hs;
}

// Abbreviated handshake (§7.3): ServerHello, [NewSessionTicket], ChangeCipherSpec, Finished.
Result<ServerTransition12> resume(ServerHandshake12 hs, const Session12& session,
                                  const ClientHelloOffer& offer, const ServerConfig& config,
                                  Provider& provider, Events events) {
  hs.suite = *tls12_suite(session.suite);
  hs.resumed = true;
  hs.resumed_session = lifetime_of(session);
  hs.session_id = offer.client_hello.legacy_session_id;
  hs.master_secret = session.master_secret;
  hs.issue_ticket = offer.ticket.has_value() && config.tickets != nullptr;
  hs.keys = key_block_12(hs.suite, hs.master_secret, hs.client_random, hs.server_random);
  TLSOCK_TRY(send_server_hello(hs, offer, config, events));
  // RFC 5929 §3.1: tls-unique is the first Finished.
  TLSOCK_TRY_ASSIGN(hs.tls_unique, send_closing_flight(hs, config, provider, events));
  log_secret(config.key_log, events, "CLIENT_RANDOM", hs.client_random, hs.master_secret);
  return done(ServerExpectChangeCipherSpec12{std::move(hs)}, std::move(events));
}

// Certificate and ServerKeyExchange (RFC 8422 §5.4: our ECDHE share, signed).
Status send_certificate_and_key(ServerHandshake12& hs, const ChosenCertificate& cert,
                                Provider& provider, Events& events) {
  TLSOCK_TRY_ASSIGN(Bytes cert_msg, Certificate12{cert.chain->chain}.encode());
  hs.transcript.add(cert_msg);
  events.push_back(SendHandshake{std::move(cert_msg), Epoch::initial});

  TLSOCK_TRY_ASSIGN(auto kx, KeyExchange::generate(hs.group, provider.rng));
  hs.kx = std::move(kx);
  ServerKeyExchangeEcdhe ske;
  ske.group = hs.group;
  ByteView pub = hs.kx->public_value();
  ske.public_point.assign(pub.begin(), pub.end());
  ske.algorithm = cert.scheme;
  TLSOCK_TRY_ASSIGN(Bytes content, ske.signed_content(hs.client_random, hs.server_random));
  TLSOCK_TRY_ASSIGN(ske.signature, cert.chain->key.sign(cert.scheme, content, provider.rng));
  TLSOCK_TRY_ASSIGN(Bytes ske_msg, ske.encode());
  hs.transcript.add(ske_msg);
  events.push_back(SendHandshake{std::move(ske_msg), Epoch::initial});
  return {};
}

// Full handshake (§7.3): ServerHello, Certificate, ServerKeyExchange, [CertificateRequest],
// ServerHelloDone.
Result<ServerTransition12> full_handshake(ServerHandshake12 hs, const ServerChoice12& choice,
                                          const ClientHelloOffer& offer,
                                          const ServerConfig& config, Provider& provider,
                                          Events events) {
  hs.suite = choice.suite;
  hs.group = choice.group;
  hs.issue_ticket =
      offer.ticket.has_value() && config.tickets != nullptr && hs.extended_master_secret;
  // A session ID names the session in our cache; only EMS sessions are kept (RFC 7627 §5.3).
  if (config.session_cache != nullptr && hs.extended_master_secret) {
    hs.session_id.resize(kMaxLegacySessionIdLength);
    provider.rng.fill(hs.session_id);
  }
  TLSOCK_TRY(send_server_hello(hs, offer, config, events));
  TLSOCK_TRY(send_certificate_and_key(hs, choice.certificate, provider, events));

  bool request_cert = config.client_auth != ClientAuth::none;
  if (request_cert) {
    if (config.client_verifier == nullptr)
      return config_error("client_auth needs a client_verifier");
    CertificateRequest12 cr;
    cr.certificate_types = kRequestedCertificateTypes;
    cr.signature_algorithms.schemes = config.signature_schemes_12;
    cr.authorities.names = config.certificate_authorities;
    TLSOCK_TRY_ASSIGN(Bytes cr_msg, cr.encode());
    hs.transcript.add(cr_msg);
    events.push_back(SendHandshake{std::move(cr_msg), Epoch::initial});
  }
  TLSOCK_TRY_ASSIGN(Bytes shd, ServerHelloDone{}.encode());
  hs.transcript.add(shd);
  events.push_back(SendHandshake{std::move(shd), Epoch::initial});
  if (request_cert) return done(ServerExpectClientCertificate12{std::move(hs)}, std::move(events));
  return done(ServerExpectClientKeyExchange12{std::move(hs), std::nullopt}, std::move(events));
}

Result<ServerTransition12> handle_client_certificate(ServerExpectClientCertificate12 st,
                                                     const HandshakeMessage& m,
                                                     const ServerConfig& config,
                                                     Provider& provider) {
  // §7.4.6: "This is the first message the client can send after receiving a ServerHelloDone
  // message. This message is only sent if the server requests a certificate."
  if (m.type != HandshakeType::certificate) return unexpected(m, "ExpectClientCertificate");
  TLSOCK_TRY_ASSIGN(Certificate12 cert, Certificate12::decode(m.body));
  const ByteView whole = m.encoded;
  st.hs.transcript.add(whole);
  Events events;
  if (cert.chain.empty()) {
    // §7.4.6: "If the client does not send any certificates, the server MAY at its discretion
    // either continue the handshake without client authentication, or respond with a fatal
    // handshake_failure alert."
    if (config.client_auth == ClientAuth::required) {
      return protocol_error(AlertDescription::handshake_failure, "client sent no certificate");
    }
    return done(ServerExpectClientKeyExchange12{std::move(st.hs), std::nullopt});
  }
  if (config.client_verifier == nullptr) return config_error("no client_verifier configured");
  TLSOCK_TRY_ASSIGN(PublicKey key, config.client_verifier->verify(CertVerifyRequest{
                                       cert.chain, PeerRole::client, {}, provider.clock}));
  events.push_back(PeerCertificates{std::move(cert.chain)});
  return done(ServerExpectClientKeyExchange12{std::move(st.hs), std::move(key)}, std::move(events));
}

Result<ServerTransition12> handle_client_key_exchange(ServerExpectClientKeyExchange12 st,
                                                      const HandshakeMessage& m,
                                                      const ServerConfig& config) {
  if (m.type != HandshakeType::client_key_exchange) return unexpected(m, "ExpectClientKeyExchange");
  TLSOCK_TRY_ASSIGN(ClientKeyExchangeEcdhe cke, ClientKeyExchangeEcdhe::decode(m.body));
  auto& hs = st.hs;
  // The point is validated by derive(): length, uncompressed form, on the curve, not an
  // all-zero X25519 result (RFC 8422 §5.11; RFC 7748 §6.1) -> illegal_parameter.
  TLSOCK_TRY_ASSIGN(Secret pms, hs.kx->derive(cke.public_point));
  hs.kx.reset();
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  // RFC 7627 §4: session_hash covers the messages up to and including the ClientKeyExchange.
  hs.master_secret =
      hs.extended_master_secret
          ? extended_master_secret_12(hs.suite.hash, pms,
                                      transcript_hash_12(hs.suite, hs.transcript))
          : master_secret_12(hs.suite.hash, pms, hs.client_random, hs.server_random);
  hs.keys = key_block_12(hs.suite, hs.master_secret, hs.client_random, hs.server_random);
  Events events;
  log_secret(config.key_log, events, "CLIENT_RANDOM", hs.client_random, hs.master_secret);
  if (st.client_key) {
    return done(ServerExpectCertificateVerify12{std::move(hs), std::move(*st.client_key)},
                std::move(events));
  }
  return done(ServerExpectChangeCipherSpec12{std::move(hs)}, std::move(events));
}

Result<ServerTransition12> handle_certificate_verify(ServerExpectCertificateVerify12 st,
                                                     const HandshakeMessage& m,
                                                     const ServerConfig& config) {
  // §7.4.8: sent right after the ClientKeyExchange by a client whose certificate can sign.
  if (m.type != HandshakeType::certificate_verify) return unexpected(m, "ExpectCertificateVerify");
  TLSOCK_TRY_ASSIGN(CertificateVerify cv, CertificateVerify::decode(m.body));
  // §7.4.8: the scheme "MUST be one of those present in the supported_signature_algorithms
  // field of the CertificateRequest message"; the signature covers handshake_messages.
  TLSOCK_TRY(check_signature_12(st.client_key, cv.algorithm, cv.signature,
                                st.hs.transcript.buffered(), config.signature_schemes_12,
                                "CertificateVerify"));
  const ByteView whole = m.encoded;
  st.hs.transcript.add(whole);
  st.hs.client_authenticated = true;
  st.hs.client_scheme = cv.algorithm;
  return done(ServerExpectChangeCipherSpec12{std::move(st.hs)});
}

ConnectionInfo12 connection_info(const ServerHandshake12& hs) {
  ConnectionInfo12 info;
  info.suite = hs.suite;
  info.group = hs.group;
  info.client_random = hs.client_random;
  info.server_random = hs.server_random;
  info.master_secret = hs.master_secret;
  info.extended_master_secret = hs.extended_master_secret;
  info.resumed = hs.resumed;
  info.tls_unique = hs.tls_unique;
  info.alpn = hs.alpn;
  info.npn = hs.npn;
  info.server_name = hs.server_name;
  info.max_fragment_length = hs.max_fragment_length;
  info.secure_renegotiation = hs.secure_renegotiation;
  return info;
}

Result<ServerTransition12> handle_client_finished(ServerExpectFinished12 st,
                                                  const HandshakeMessage& m,
                                                  const ServerConfig& config,
                                                  Provider& provider) {
  if (m.type != HandshakeType::finished) return unexpected(m, "ExpectFinished");
  auto& hs = st.hs;
  TLSOCK_TRY_ASSIGN(
      Bytes client_vd,
      check_finished_12(hs.suite, hs.master_secret, FinishedSender::client, hs.transcript, m.body));
  const ByteView whole = m.encoded;
  hs.transcript.add(whole);
  Events events;
  if (!hs.resumed) {
    hs.tls_unique = std::move(client_vd);  // RFC 5929 §3.1: the first Finished
    TLSOCK_TRY(send_closing_flight(hs, config, provider, events));
    if (config.session_cache != nullptr && !hs.session_id.empty()) {
      config.session_cache->insert(
          hs.session_id, session_of(hs, provider.clock.now_ms(),
                                    config.session_cache->lifetime_seconds()));
    }
  }
  ServerConnected12 c{connection_info(hs)};
  events.push_back(HandshakeDone{summary_12(c.info, hs.client_scheme, hs.client_authenticated)});
  return done(std::move(c), std::move(events));
}

}  // namespace

Result<ServerTransition12> server12_accept(const ClientHelloOffer& offer, const ServerConfig& config,
                                           Provider& provider) {
  ServerHandshake12 hs = start_handshake(offer, config, provider);
  TLSOCK_TRY_ASSIGN(std::optional<Session12> session, find_session(offer, config, provider));
  Events events;
  if (!hs.alpn.empty()) events.push_back(AlpnSelected{hs.alpn});
  if (session) return resume(std::move(hs), *session, offer, config, provider, std::move(events));
  TLSOCK_TRY_ASSIGN(ServerChoice12 choice, negotiate_12(offer, config));
  return full_handshake(std::move(hs), choice, offer, config, provider, std::move(events));
}

Result<ServerTransition12> server12_handle(ServerState12 state, const HandshakeMessage& m,
                                           const ServerConfig& config, Provider& provider) {
  return std::visit(
      [&](auto&& st) -> Result<ServerTransition12> {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, ServerExpectClientCertificate12>) {
          return handle_client_certificate(std::move(st), m, config, provider);
        } else if constexpr (std::is_same_v<S, ServerExpectClientKeyExchange12>) {
          return handle_client_key_exchange(std::move(st), m, config);
        } else if constexpr (std::is_same_v<S, ServerExpectCertificateVerify12>) {
          return handle_certificate_verify(std::move(st), m, config);
        } else if constexpr (std::is_same_v<S, ServerExpectChangeCipherSpec12>) {
          // §7.1: the client's Finished MUST be preceded by its ChangeCipherSpec.
          return unexpected(m, "ExpectChangeCipherSpec");
        } else if constexpr (std::is_same_v<S, ServerExpectNextProtocol12>) {
          // draft-agl-tls-nextprotoneg §3: NextProtocol comes right after ChangeCipherSpec.
          if (m.type != HandshakeType::next_protocol) return unexpected(m, "ExpectNextProtocol");
          TLSOCK_TRY_ASSIGN(NextProtocol np, NextProtocol::decode(m.body));
          const ByteView whole = m.encoded;
          st.hs.transcript.add(whole);
          st.hs.npn = std::move(np.selected_protocol);
          return done(ServerExpectFinished12{std::move(st.hs)});
        } else if constexpr (std::is_same_v<S, ServerExpectFinished12>) {
          return handle_client_finished(std::move(st), m, config, provider);
        } else {
          // RFC 5746 §4.4: a server that will not renegotiate answers a ClientHello with a
          // no_renegotiation warning; the connection goes on.
          TLSOCK_TRY_ASSIGN(AlertDescription warning,
                            refuse_renegotiation_12(m, HandshakeType::client_hello));
          return ServerTransition12{std::move(st), {}, warning};
        }
      },
      std::move(state));
}

Result<ServerTransition12> server12_change_cipher_spec(ServerState12 state) {
  auto* st = std::get_if<ServerExpectChangeCipherSpec12>(&state);
  if (st == nullptr) {
    return protocol_error(
        AlertDescription::unexpected_message,
        std::string(server12_state_name(state)) + ": unexpected ChangeCipherSpec");
  }
  Events events;
  events.push_back(
      install_keys_12(Direction::read, st->hs.suite, st->hs.keys, FinishedSender::client));
  if (st->hs.npn_negotiated)
    return done(ServerExpectNextProtocol12{std::move(st->hs)}, std::move(events));
  return done(ServerExpectFinished12{std::move(st->hs)}, std::move(events));
}

const char* server12_state_name(const ServerState12& state) {
  return std::visit([](const auto& s) { return std::decay_t<decltype(s)>::kName; }, state);
}

}  // namespace tlsock
