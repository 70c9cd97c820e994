#include "handshake/server_negotiation.hpp"

#include "crypto/key_exchange.hpp"
#include "handshake/handshake_util_12.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/signature_schemes_12.hpp"

namespace tlsock {

namespace {

// TLS 1.3 group: ours by preference with a share from the client (unless
// strict_group_preference), else a HelloRetryRequest for our best group the client supports.
Result<ServerChoice13> choose_group_13(const ClientHelloOffer& offer, const ServerConfig& config) {
  ServerChoice13 c;
  if (!config.strict_group_preference) {
    for (NamedGroup g : config.groups) {
      if (key_exchange_supported(g) && offer.shares.find(g) != nullptr) {
        c.group = g;
        return c;
      }
    }
  }
  for (NamedGroup g : config.groups) {
    if (!key_exchange_supported(g) || !contains(offer.groups, g)) continue;
    c.group = g;
    c.hello_retry = offer.shares.find(g) == nullptr;
    return c;
  }
  return protocol_error(AlertDescription::handshake_failure, "no key exchange group in common");
}

Result<ChosenCertificate> choose_certificate_13(const ClientHelloOffer& offer,
                                                const ServerConfig& config) {
  // RFC 8446 §4.2.3: signature_algorithms applies to the certificates too when the client
  // sent no signature_algorithms_cert.
  const auto& cert_schemes =
      offer.client_hello.extensions.has(ExtensionType::signature_algorithms_cert)
          ? offer.signature_schemes_cert
          : offer.signature_schemes;
  auto chosen = choose_certificate_by_sni(
      config.certificates, offer.server_name,
      [&](const CertifiedKey& c) {
        return choose_signature_scheme(c.key, config.signature_schemes, offer.signature_schemes);
      },
      [&](const CertifiedKey& c) { return chain_signatures_accepted(c, cert_schemes); });
  if (!chosen) {
    return protocol_error(AlertDescription::handshake_failure,
                          "no certificate for the client's signature algorithms");
  }
  return *chosen;
}

// RFC 8422 §5.1: "A server participating in an ECDHE_ECDSA key exchange may use different
// curves for the ECDSA or EdDSA key in its certificate and for the ephemeral ECDH key in the
// ServerKeyExchange message. The server MUST consider the extensions in both cases." An ECDSA
// key's curve must be one the client listed (EdDSA is negotiated by signature_algorithms).
bool client_accepts_key_curve(KeyType key, const ClientHelloOffer& offer) {
  return !offer.groups_sent || key_curve_in_groups(key, offer.groups);
}

}  // namespace

std::string choose_alpn(const ClientHelloOffer& offer, const ServerConfig& config) {
  for (const auto& p : config.alpn) {
    if (contains(offer.alpn, p)) return p;
  }
  return {};
}

Result<CipherSuiteInfo> choose_suite_13(const ClientHelloOffer& offer, const ServerConfig& config) {
  for (CipherSuite s : config.cipher_suites) {
    if (contains(offer.client_hello.cipher_suites, s) && tls13_suite(s)) return *tls13_suite(s);
  }
  return protocol_error(AlertDescription::handshake_failure, "no cipher suite in common");
}

Result<ServerChoice13> negotiate_13(const ClientHelloOffer& offer, const ServerConfig& config,
                                    bool resuming, std::optional<NamedGroup> retry_group) {
  const Extensions& e = offer.client_hello.extensions;
  // RFC 8446 §9.2: without a PSK the ClientHello MUST carry signature_algorithms and
  // supported_groups -> missing_extension.
  if (!resuming && (!e.has(ExtensionType::signature_algorithms) ||
                    !e.has(ExtensionType::supported_groups))) {
    return protocol_error(AlertDescription::missing_extension,
                          "ClientHello: signature_algorithms and supported_groups are required");
  }
  if (!e.has(ExtensionType::key_share)) {
    // We only do (EC)DHE, also when resuming (psk_dhe_ke).
    return protocol_error(AlertDescription::missing_extension, "ClientHello: no key_share");
  }
  ServerChoice13 c;
  if (retry_group) {
    // RFC 8446 §4.2.8: after HRR the share MUST be for the selected group -> illegal_parameter.
    if (offer.shares.find(*retry_group) == nullptr || offer.shares.shares.size() != 1) {
      return illegal("second ClientHello lacks exactly one key share for " + name(*retry_group));
    }
    c.group = *retry_group;
  } else {
    TLSOCK_TRY_ASSIGN(c, choose_group_13(offer, config));
    if (c.hello_retry) return c;
  }
  if (!resuming) {
    TLSOCK_TRY_ASSIGN(c.certificate, choose_certificate_13(offer, config));
  }
  c.alpn = choose_alpn(offer, config);
  return c;
}

Result<ServerChoice12> negotiate_12(const ClientHelloOffer& offer, const ServerConfig& config) {
  // RFC 7627 §5.2: a server MAY abort a full handshake without the extension.
  if (config.require_extended_master_secret && !offer.extended_master_secret) {
    return protocol_error(AlertDescription::handshake_failure,
                          "ClientHello: extended master secret required but not offered");
  }
  // Group by our preference among the client's. RFC 8422 §4: without the extension the client
  // supports "any curve"; secp256r1 is the one every ECC implementation has (RFC 8422 §5.1.1
  // lists it first among the MUST-support).
  const std::vector<NamedGroup> any_curve = {NamedGroup::secp256r1};
  const std::vector<NamedGroup>& groups = offer.groups_sent ? offer.groups : any_curve;
  ServerChoice12 c;
  bool group = false;
  for (NamedGroup g : config.groups) {
    if (key_exchange_supported(g) && contains(groups, g)) {
      c.group = g;
      group = true;
      break;
    }
  }
  // Suite by our preference: one the client offered, with a certificate that can authenticate
  // it under a scheme the client accepts. RFC 8422 §5.1: without a common curve no ECDHE
  // suite can be negotiated.
  for (CipherSuite id : config.cipher_suites_12) {
    auto s = tls12_suite(id);
    if (!group || !s || !contains(offer.client_hello.cipher_suites, id)) continue;
    auto cert = choose_certificate_by_sni(
        config.certificates, offer.server_name,
        [&](const CertifiedKey& k) -> std::optional<SignatureScheme> {
          if (!key_authenticates_suite(k.key.type(), s->auth) ||
              !client_accepts_key_curve(k.key.type(), offer)) {
            return std::nullopt;
          }
          return choose_signature_scheme_12(k.key, config.signature_schemes_12,
                                            offer.signature_schemes);
        });
    if (cert) {
      c.suite = *s;
      c.certificate = *cert;
      return c;
    }
  }
  // §7.4.1.3 / §7.2.2: no acceptable set of parameters -> handshake_failure. This is where
  // CBC, RC4, NULL, export, RSA key exchange, static (EC)DH and FFDHE offers end.
  return protocol_error(AlertDescription::handshake_failure,
                        group ? "ClientHello: no shared cipher suite (tlsock's TLS 1.2 offers only "
                                "ECDHE with AES-GCM or ChaCha20-Poly1305, and needs a certificate "
                                "and signature scheme the client accepts)"
                              : "ClientHello: no ECDHE group in common");
}

}  // namespace tlsock
