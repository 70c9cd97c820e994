// The ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) for the versions the config offers.
#include "handshake/client_offer.hpp"

#include "common/text.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/key_schedule_13.hpp"
#include "handshake/limits.hpp"
#include "handshake/session_lifetime.hpp"

namespace tlsock {

namespace {

// RFC 7685 §4 / NSS, BoringSSL: ClientHello messages of [256, 512) bytes are padded to 512.
constexpr size_t kPadFrom = 256;
constexpr size_t kPadTo = 512;

template <typename T>
Status add_encoded(Extensions& exts, ExtensionType type, const T& value) {
  TLSOCK_TRY_ASSIGN(Bytes b, value.encode());
  exts.add(type, std::move(b));
  return {};
}

// A list of one version's values, followed (when TLS 1.2 is offered too) by the 1.2 values it
// lacks: one ClientHello offers the suites and signature schemes of both versions.
template <typename T>
std::vector<T> with_tls12(const ClientConfig& config, std::vector<T> list, const std::vector<T>& list12) {
  if (!offers(config, ProtocolVersion::tls1_2)) return list;
  for (const T& x : list12) {
    if constexpr (std::is_same_v<T, CipherSuite>) {
      if (!tls12_suite(x)) continue;
    }
    if (!contains(list, x)) list.push_back(x);
  }
  return list;
}

std::vector<CipherSuite> offered_cipher_suites(const ClientConfig& config) {
  if (!offers(config, ProtocolVersion::tls1_3)) return config.cipher_suites_12;
  return with_tls12(config, config.cipher_suites, config.cipher_suites_12);
}

std::vector<SignatureScheme> offered_signature_schemes(const ClientConfig& config) {
  if (!offers(config, ProtocolVersion::tls1_3)) return config.signature_schemes_12;
  return with_tls12(config, config.signature_schemes, config.signature_schemes_12);
}

// The TLS 1.3 extensions after ALPN.
Status add_tls13_extensions(Extensions& exts, const ClientConfig& config, const Bytes* cookie) {
  if (cookie != nullptr) TLSOCK_TRY(add_encoded(exts, ExtensionType::cookie, Cookie{*cookie}));
  // We only resume with (EC)DHE (psk_dhe_ke); the extension also tells the server that
  // tickets are welcome (RFC 8446 §4.2.9).
  TLSOCK_TRY(add_encoded(exts, ExtensionType::psk_key_exchange_modes,
                         PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}}));
  if (config.record_size_limit != 0) {
    TLSOCK_TRY(add_encoded(exts, ExtensionType::record_size_limit, RecordSizeLimit{config.record_size_limit}));
  }
  if (config.post_handshake_auth) exts.add_empty(ExtensionType::post_handshake_auth);
  return {};
}

// The TLS 1.2 extensions not already there.
Status add_tls12_extensions(Extensions& exts, const ClientConfig& config,
                            const std::optional<ClientSession12>& resume) {
  if (!exts.has(ExtensionType::ec_point_formats)) {
    // RFC 8422 §5.1.2: uncompressed is the only format we use (and MUST support).
    TLSOCK_TRY(add_encoded(exts, ExtensionType::ec_point_formats, EcPointFormats{{kEcPointFormatUncompressed}}));
  }
  // RFC 7627 §5.1: always offered.
  exts.add_empty(ExtensionType::extended_master_secret);
  // RFC 5746 §3.4: an initial ClientHello carries an empty renegotiation_info (or the SCSV;
  // "Including both is NOT RECOMMENDED").
  TLSOCK_TRY(add_encoded(exts, ExtensionType::renegotiation_info, RenegotiationInfo{}));
  if (config.session_tickets) {
    // RFC 5077 §3.2: empty asks for a ticket; a ticket asks to resume with it.
    exts.add(ExtensionType::session_ticket, resume ? resume->ticket : Bytes{});
  }
  if (!config.npn.empty()) exts.add_empty(ExtensionType::next_protocol_negotiation);
  if (config.max_fragment_length != 0) {
    TLSOCK_TRY(add_encoded(exts, ExtensionType::max_fragment_length, MaxFragmentLength{config.max_fragment_length}));
  }
  return {};
}

// Moves the types of config.extension_order to the front, in that order.
void apply_extension_order(Extensions& exts, const ClientConfig& config) {
  for (auto it = config.extension_order.rbegin(); it != config.extension_order.rend(); ++it) {
    const Extension* e = exts.find(*it);
    if (e == nullptr) continue;
    Extension copy = *e;
    exts.remove(*it);
    Extensions reordered;
    reordered.add(copy.type, std::move(copy.body));
    for (const auto& rest : exts) reordered.add(rest.type, rest.body);
    exts = std::move(reordered);
  }
}

// Every extension but pre_shared_key and padding, in our order: what both versions share, the
// 1.3 ones in between, the caller's extra ones, then the 1.2 ones.
Result<Extensions> hello_extensions(const ClientConfig& config, const ClientOffer& offer, const Bytes* cookie) {
  const bool tls13 = offers(config, ProtocolVersion::tls1_3);
  Extensions exts;
  if (!config.server_name.empty() && !is_ip_literal(config.server_name)) {
    TLSOCK_TRY(add_encoded(exts, ExtensionType::server_name, ServerNameList{config.server_name}));
  }
  TLSOCK_TRY(add_encoded(exts, ExtensionType::supported_groups, SupportedGroups{config.groups}));
  if (tls13) {
    KeyShareClientHello ks;
    for (const auto& kx : offer.shares) {
      ByteView pub = kx->public_value();
      ks.shares.push_back({kx->group(), Bytes(pub.begin(), pub.end())});
    }
    TLSOCK_TRY(add_encoded(exts, ExtensionType::key_share, ks));
    TLSOCK_TRY(add_encoded(exts, ExtensionType::supported_versions,
                           SupportedVersionsClientHello{config.supported_versions}));
  } else {
    // A TLS 1.2-only hello lists the point formats beside the groups (RFC 8422 §5.1).
    TLSOCK_TRY(add_encoded(exts, ExtensionType::ec_point_formats, EcPointFormats{{kEcPointFormatUncompressed}}));
  }
  TLSOCK_TRY(add_encoded(exts, ExtensionType::signature_algorithms,
                         SignatureSchemeList{offered_signature_schemes(config)}));
  if (tls13 && !config.signature_schemes_cert.empty()) {
    TLSOCK_TRY(add_encoded(exts, ExtensionType::signature_algorithms_cert,
                           SignatureSchemeList{config.signature_schemes_cert}));
  }
  if (!config.alpn.empty()) {
    TLSOCK_TRY(add_encoded(exts, ExtensionType::application_layer_protocol_negotiation, ProtocolNameList{config.alpn}));
  }
  if (tls13) TLSOCK_TRY(add_tls13_extensions(exts, config, cookie));
  for (const auto& e : config.extra_extensions) {
    if (!exts.has(e.type)) exts.add(e.type, e.body);
  }
  if (offers(config, ProtocolVersion::tls1_2)) TLSOCK_TRY(add_tls12_extensions(exts, config, offer.resumption12));
  apply_extension_order(exts, config);
  return exts;
}

// RFC 8446 §4.2.11: pre_shared_key, the last extension, with a zero binder for now. Returns
// the binder's length.
Result<size_t> add_psk_offer(Extensions& exts, const ClientSession13& s, int64_t now_ms) {
  size_t binder_len = hash_length(tls13_suite(s.suite)->hash);
  OfferedPsks psks;
  // RFC 8446 §4.2.11.1: obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32.
  uint32_t age = static_cast<uint32_t>(now_ms - s.received_at_ms) + s.ticket_age_add;
  psks.identities.push_back({s.ticket, age});
  psks.binders.push_back(Bytes(binder_len, 0));
  TLSOCK_TRY(add_encoded(exts, ExtensionType::pre_shared_key, psks));
  return binder_len;
}

// RFC 7685 padding (ClientConfig::pad_client_hello), before pre_shared_key, which stays last.
Status pad_client_hello(ClientHello& ch, Bytes& whole) {
  if (whole.size() < kPadFrom || whole.size() >= kPadTo || ch.extensions.has(ExtensionType::padding)) return {};
  // The padding extension costs 4 bytes of header; a body of at least one byte.
  size_t body = std::max<size_t>(kPadTo - whole.size(), 5) - 4;
  Extensions padded;
  for (const auto& e : ch.extensions) {
    if (e.type == ExtensionType::pre_shared_key) padded.add(ExtensionType::padding, Bytes(body, 0));
    padded.add(e.type, e.body);
  }
  if (!padded.has(ExtensionType::padding)) padded.add(ExtensionType::padding, Bytes(body, 0));
  ch.extensions = std::move(padded);
  TLSOCK_TRY_ASSIGN(whole, ch.encode());
  return {};
}

// RFC 8446 §4.2.11.2: the binder is an HMAC over the transcript up to and including the
// ClientHello truncated before the binders list.
Status fill_psk_binder(ClientHello& ch, Bytes& whole, size_t binder_len, const ClientSession13& s,
                       const Transcript* prior) {
  auto suite = *tls13_suite(s.suite);
  size_t truncated_len = whole.size() - binders_list_length({binder_len});
  Transcript t = prior ? *prior : Transcript(suite.hash);
  Digest h = t.hash_with(ByteView(whole).first(truncated_len));
  EarlySecret early = EarlySecret::derive(suite.hash, s.psk);
  TLSOCK_TRY_ASSIGN(Secret binder_key, early.binder_key(/*resumption=*/true));
  TLSOCK_TRY_ASSIGN(Bytes binder, finished_verify_data(suite.hash, binder_key, h));
  std::copy(binder.begin(), binder.end(), whole.end() - static_cast<ptrdiff_t>(binder_len));
  // Keep the decoded form in step with the bytes.
  TLSOCK_TRY_ASSIGN(OfferedPsks p, OfferedPsks::decode(ch.extensions.items().back().body));
  p.binders[0] = binder;
  TLSOCK_TRY_ASSIGN(Bytes psk_body, p.encode());
  ch.extensions.remove(ExtensionType::pre_shared_key);
  ch.extensions.add(ExtensionType::pre_shared_key, std::move(psk_body));
  return {};
}

bool uses_ticket(const ClientSession12& s, const ClientConfig& config) {
  return !s.ticket.empty() && config.session_tickets;
}

Bytes choose_legacy_session_id(const ClientConfig& config, const std::optional<ClientSession12>& resume12,
                               Rng& rng) {
  // RFC 5246 §7.4.1.2: the ID of the session to resume.
  if (resume12 && !uses_ticket(*resume12, config)) return resume12->session_id;
  if (!config.legacy_session_id.empty()) return config.legacy_session_id;
  // RFC 5077 §3.4: resuming with a ticket, the client makes up a session ID, which the server
  // echoes to accept the ticket. RFC 8446 §D.4: 32 random bytes in compatibility mode.
  if (!resume12 && !(offers(config, ProtocolVersion::tls1_3) && config.middlebox_compat)) return {};
  Bytes id(kMaxLegacySessionIdLength);
  rng.fill(id);
  return id;
}

bool session13_usable(const ClientSession13& s, const ClientConfig& config, int64_t now_ms) {
  auto suite = tls13_suite(s.suite);
  if (!suite || s.server_name != config.server_name) return false;
  bool hash_offered = false;
  for (auto c : config.cipher_suites) {
    auto cs = tls13_suite(c);
    if (cs && cs->hash == suite->hash) hash_offered = true;
  }
  // RFC 8446 §4.6.1: not past the ticket's lifetime, nor 7 days after the session's first
  // full handshake (session_lifetime.hpp).
  return hash_offered && now_ms >= s.received_at_ms && lifetime_of(s).live(now_ms);
}

bool session12_usable(const ClientSession12& resume, const ClientConfig& config, int64_t now_ms) {
  const Session12& s = resume.session;
  if (!s.extended_master_secret || s.expired(now_ms) || s.server_name != config.server_name) return false;
  if (!contains(config.cipher_suites_12, s.suite)) return false;
  return !resume.session_id.empty() || uses_ticket(resume, config);
}

}  // namespace

Result<ServerHelloAnswer> parse_server_hello(const HandshakeMessage& m) {
  TLSOCK_TRY_ASSIGN(ServerHello sh, ServerHello::decode(m.body));
  return ServerHelloAnswer{std::move(sh), Bytes(m.encoded.begin(), m.encoded.end())};
}

Result<ClientOffer> make_client_offer(const ClientConfig& config, Provider& provider,
                                      std::optional<ClientSession13> resume13,
                                      std::optional<ClientSession12> resume12) {
  ClientOffer offer;
  provider.rng.fill(offer.random);
  int64_t now = provider.clock.now_ms();
  if (resume12 && offers(config, ProtocolVersion::tls1_2) && session12_usable(*resume12, config, now)) {
    offer.resumption12 = std::move(resume12);
  }
  offer.legacy_session_id = choose_legacy_session_id(config, offer.resumption12, provider.rng);
  if (!offers(config, ProtocolVersion::tls1_3)) return offer;
  for (NamedGroup g : config.key_share_groups) {
    TLSOCK_TRY_ASSIGN(auto kx, KeyExchange::generate(g, provider.rng));
    offer.shares.push_back(std::move(kx));
  }
  if (resume13 && session13_usable(*resume13, config, now)) offer.resumption = std::move(resume13);
  return offer;
}

Result<Bytes> build_client_hello(const ClientConfig& config, ClientOffer& offer, const Bytes* cookie,
                                 const Transcript* prior, int64_t now_ms) {
  ClientHello ch;
  ch.random = offer.random;
  ch.legacy_session_id = offer.legacy_session_id;
  ch.cipher_suites = offered_cipher_suites(config);
  TLSOCK_TRY_ASSIGN(ch.extensions, hello_extensions(config, offer, cookie));
  size_t binder_len = 0;
  if (offer.resumption) {
    TLSOCK_TRY_ASSIGN(binder_len, add_psk_offer(ch.extensions, *offer.resumption, now_ms));
  }
  TLSOCK_TRY_ASSIGN(Bytes whole, ch.encode());
  // A TLS 1.2-only hello (no key shares) is small and goes unpadded.
  if (config.pad_client_hello && offers(config, ProtocolVersion::tls1_3)) TLSOCK_TRY(pad_client_hello(ch, whole));
  if (offer.resumption) TLSOCK_TRY(fill_psk_binder(ch, whole, binder_len, *offer.resumption, prior));
  offer.hello = std::move(ch);
  return whole;
}

}  // namespace tlsock
