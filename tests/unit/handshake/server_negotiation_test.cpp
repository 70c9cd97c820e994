// The server's choices as a table (handshake/server_negotiation.hpp, negotiate_server_version in
// handshake/client_hello_offer.hpp): each row changes a parsed ClientHello offer and a
// ServerConfig, then names the choice (version; suite, group or HelloRetryRequest, certificate
// and scheme, ALPN) or the alert.
#include <doctest/doctest.h>

#include <functional>

#include "handshake/extensions/supported_versions.hpp"
#include "handshake/server_negotiation.hpp"
#include "unit/handshake_pair_base.hpp"

namespace tlsock::test {
namespace {

using C = CipherSuite;
using G = NamedGroup;
using S = SignatureScheme;
using A = AlertDescription;
using V = ProtocolVersion;

// Two certificates: an ECDSA P-256 one for "a.test" (first, so preferred) and an Ed25519 one
// for "b.test".
ServerConfig base_config() {
  ServerConfig c;
  c.certificates.push_back(make_identity("ec_p256", "a").certified);
  c.certificates.back().names = {"a.test"};
  c.certificates.push_back(make_identity("ed25519", "b").certified);
  c.certificates.back().names = {"b.test"};
  c.alpn = {"http/1.1", "h2"};
  return c;
}

// A TLS 1.3 offer as a browser makes it: x25519 and P-256 supported, a share for x25519.
ClientHelloOffer base_offer_13() {
  ClientHelloOffer o;
  o.version = V::tls1_3;
  o.client_hello.cipher_suites = {C::TLS_AES_128_GCM_SHA256, C::TLS_AES_256_GCM_SHA384,
                                  C::TLS_CHACHA20_POLY1305_SHA256};
  for (ExtensionType t : {ExtensionType::supported_groups, ExtensionType::key_share,
                          ExtensionType::signature_algorithms}) {
    o.client_hello.extensions.add_empty(t);
  }
  o.groups = {G::x25519, G::secp256r1};
  o.groups_sent = true;
  o.shares.shares = {{G::x25519, Bytes(32, 9)}};
  o.signature_schemes = {S::ecdsa_secp256r1_sha256, S::ed25519, S::rsa_pss_rsae_sha256};
  o.alpn = {"h2", "http/1.1"};
  return o;
}

// Drops one extension from the ClientHello the offer was parsed from.
void drop(ClientHelloOffer& o, ExtensionType type) {
  Extensions kept;
  for (const auto& e : o.client_hello.extensions.items()) {
    if (e.type != type) kept.add(e.type, e.body);
  }
  o.client_hello.extensions = kept;
}

struct Expect13 {
  C suite = C::TLS_AES_128_GCM_SHA256;
  G group = G::x25519;
  bool hello_retry = false;
  int certificate = 0;  // index into base_config().certificates; -1: none
  S scheme = S::ecdsa_secp256r1_sha256;
  std::string alpn = "http/1.1";
};

struct Row13 {
  const char* name;
  std::function<void(ClientHelloOffer&, ServerConfig&)> change;
  std::optional<Expect13> expect;  // nullopt: `alert`
  A alert = A::handshake_failure;
  bool resuming = false;
  std::optional<G> retry_group = std::nullopt;
};

TEST_CASE("server negotiation, TLS 1.3: suite, group or HelloRetryRequest, certificate, ALPN") {
  auto nothing = [](ClientHelloOffer&, ServerConfig&) {};
  const std::vector<Row13> rows = {
      {"the server's first choices", nothing, Expect13{}},
      {"suite by the server's preference",
       [](ClientHelloOffer&, ServerConfig& c) {
         c.cipher_suites = {C::TLS_CHACHA20_POLY1305_SHA256, C::TLS_AES_128_GCM_SHA256};
       },
       Expect13{.suite = C::TLS_CHACHA20_POLY1305_SHA256}},
      {"no suite in common",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.client_hello.cipher_suites = {C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
       },
       std::nullopt, A::handshake_failure},
      {"a share the client sent beats a HelloRetryRequest",
       [](ClientHelloOffer& o, ServerConfig&) { o.shares.shares = {{G::secp256r1, Bytes(65, 4)}}; },
       Expect13{.group = G::secp256r1}},
      {"strict group preference pays a HelloRetryRequest",
       [](ClientHelloOffer& o, ServerConfig& c) {
         o.shares.shares = {{G::secp256r1, Bytes(65, 4)}};
         c.strict_group_preference = true;
       },
       Expect13{.group = G::x25519, .hello_retry = true, .certificate = -1, .alpn = ""}},
      {"no share for a common group: HelloRetryRequest",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.groups = {G::secp384r1};
         o.shares.shares.clear();
       },
       Expect13{.group = G::secp384r1, .hello_retry = true, .certificate = -1, .alpn = ""}},
      {"no group in common",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.groups = {G::ffdhe2048};
         o.shares.shares = {{G::ffdhe2048, Bytes(256, 1)}};
       },
       std::nullopt, A::handshake_failure},
      {"no supported_groups without a PSK (RFC 8446 §9.2)",
       [](ClientHelloOffer& o, ServerConfig&) { drop(o, ExtensionType::supported_groups); },
       std::nullopt, A::missing_extension},
      {"no signature_algorithms without a PSK (RFC 8446 §9.2)",
       [](ClientHelloOffer& o, ServerConfig&) { drop(o, ExtensionType::signature_algorithms); },
       std::nullopt, A::missing_extension},
      {"no key_share (we only do (EC)DHE)",
       [](ClientHelloOffer& o, ServerConfig&) { drop(o, ExtensionType::key_share); },
       std::nullopt, A::missing_extension},
      {"resuming: no signature_algorithms needed, no certificate",
       [](ClientHelloOffer& o, ServerConfig&) { drop(o, ExtensionType::signature_algorithms); },
       Expect13{.certificate = -1}, A::handshake_failure, /*resuming=*/true},
      {"second ClientHello: the share for the retry group",
       [](ClientHelloOffer& o, ServerConfig&) { o.shares.shares = {{G::secp256r1, Bytes(65, 4)}}; },
       Expect13{.group = G::secp256r1}, A::handshake_failure, false, G::secp256r1},
      {"second ClientHello: two shares (RFC 8446 §4.2.8)",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.shares.shares = {{G::x25519, Bytes(32, 9)}, {G::secp256r1, Bytes(65, 4)}};
       },
       std::nullopt, A::illegal_parameter, false, G::secp256r1},
      {"certificate by the client's signature_algorithms",
       [](ClientHelloOffer& o, ServerConfig&) { o.signature_schemes = {S::ed25519}; },
       Expect13{.certificate = 1, .scheme = S::ed25519}},
      {"certificate by SNI",
       [](ClientHelloOffer& o, ServerConfig&) { o.server_name = "b.test"; },
       Expect13{.certificate = 1, .scheme = S::ed25519}},
      {"no certificate the client's signature_algorithms accept",
       [](ClientHelloOffer& o, ServerConfig&) { o.signature_schemes = {S::rsa_pss_rsae_sha256}; },
       std::nullopt, A::handshake_failure},
      {"ALPN without overlap: none, no alert",
       [](ClientHelloOffer& o, ServerConfig&) { o.alpn = {"spdy/3"}; }, Expect13{.alpn = ""}},
  };
  for (const Row13& row : rows) {
    INFO(std::string(row.name));
    ClientHelloOffer offer = base_offer_13();
    ServerConfig config = base_config();
    row.change(offer, config);
    Result<CipherSuiteInfo> suite = choose_suite_13(offer, config);
    Result<ServerChoice13> choice =
        suite.ok() ? negotiate_13(offer, config, row.resuming, row.retry_group)
                   : Result<ServerChoice13>(suite.error());
    if (!row.expect) {
      CHECK_ALERT(choice, row.alert);
      continue;
    }
    if (!choice.ok()) FAIL(choice.error().message());
    const Expect13& e = *row.expect;
    CHECK(suite->id == e.suite);
    CHECK(choice->group == e.group);
    CHECK(choice->hello_retry == e.hello_retry);
    const CertifiedKey* want = e.certificate < 0 ? nullptr : &config.certificates[e.certificate];
    CHECK(choice->certificate.chain == want);
    if (want != nullptr) CHECK(choice->certificate.scheme == e.scheme);
    CHECK(choice->alpn == e.alpn);
  }
}

// A TLS 1.2 offer: the ECDHE suites, x25519 and P-256, extended master secret.
ClientHelloOffer base_offer_12() {
  ClientHelloOffer o;
  o.version = V::tls1_2;
  o.client_hello.cipher_suites = {C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                  C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                  C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
  o.groups = {G::x25519, G::secp256r1};
  o.groups_sent = true;
  o.signature_schemes = {S::ecdsa_secp256r1_sha256, S::ed25519, S::rsa_pss_rsae_sha256};
  o.extended_master_secret = true;
  o.alpn = {"h2"};
  return o;
}

struct Row12 {
  const char* name;
  std::function<void(ClientHelloOffer&, ServerConfig&)> change;
  std::optional<C> suite;  // nullopt: `alert`
  G group = G::x25519;
  int certificate = 0;
  A alert = A::handshake_failure;
};

TEST_CASE("server negotiation, TLS 1.2: group, suite with a certificate that authenticates it") {
  const std::vector<Row12> rows = {
      {"the server's first choices", [](ClientHelloOffer&, ServerConfig&) {},
       C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
      {"suite by the server's preference",
       [](ClientHelloOffer&, ServerConfig& c) {
         c.cipher_suites_12 = {C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                               C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
       },
       C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
      {"only RSA suites, no RSA key",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.client_hello.cipher_suites = {C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
       },
       std::nullopt},
      {"only TLS 1.3 suites", [](ClientHelloOffer& o, ServerConfig&) {
         o.client_hello.cipher_suites = {C::TLS_AES_128_GCM_SHA256};
       },
       std::nullopt},
      {"no supported_groups: any curve, i.e. P-256 (RFC 8422 §4)",
       [](ClientHelloOffer& o, ServerConfig&) {
         o.groups.clear();
         o.groups_sent = false;
       },
       C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, G::secp256r1},
      {"no group in common", [](ClientHelloOffer& o, ServerConfig&) { o.groups = {G::ffdhe2048}; },
       std::nullopt},
      {"the P-256 key's curve not offered: the Ed25519 certificate (RFC 8422 §5.1)",
       [](ClientHelloOffer& o, ServerConfig&) { o.groups = {G::x25519}; },
       C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, G::x25519, 1},
      {"extended master secret required, not offered (RFC 7627 §5.2)",
       [](ClientHelloOffer& o, ServerConfig& c) {
         o.extended_master_secret = false;
         c.require_extended_master_secret = true;
       },
       std::nullopt},
  };
  for (const Row12& row : rows) {
    INFO(std::string(row.name));
    ClientHelloOffer offer = base_offer_12();
    ServerConfig config = base_config();
    row.change(offer, config);
    Result<ServerChoice12> choice = negotiate_12(offer, config);
    if (!row.suite) {
      CHECK_ALERT(choice, row.alert);
      continue;
    }
    if (!choice.ok()) FAIL(choice.error().message());
    CHECK(choice->suite.id == *row.suite);
    CHECK(choice->suite.version == V::tls1_2);
    CHECK(choice->group == row.group);
    CHECK(choice->certificate.chain == &config.certificates[row.certificate]);
  }
  // ALPN is the same choice in both versions.
  ClientHelloOffer offer = base_offer_12();
  CHECK(choose_alpn(offer, base_config()) == "h2");
}

TEST_CASE("server negotiation: the version (RFC 8446 §4.2.1, RFC 5246 §E.1, RFC 8996)") {
  struct Row {
    const char* name;
    std::vector<V> supported_versions;  // empty: no extension
    V legacy_version;
    V min, max;
    std::optional<V> expect;  // nullopt: protocol_version
  };
  const std::vector<Row> rows = {
      {"1.3 offered, 1.3 allowed", {V::tls1_3, V::tls1_2}, V::tls1_2, V::tls1_2, V::tls1_3, V::tls1_3},
      {"1.3 offered, server at most 1.2", {V::tls1_3, V::tls1_2}, V::tls1_2, V::tls1_2, V::tls1_2, V::tls1_2},
      {"1.3 only, server at most 1.2", {V::tls1_3}, V::tls1_2, V::tls1_2, V::tls1_2, std::nullopt},
      {"no extension: legacy_version 1.2", {}, V::tls1_2, V::tls1_2, V::tls1_3, V::tls1_2},
      {"no extension, server 1.3 only", {}, V::tls1_2, V::tls1_3, V::tls1_3, std::nullopt},
      {"TLS 1.1 only", {}, V::tls1_1, V::tls1_2, V::tls1_3, std::nullopt},
      {"SSL 3.0 legacy_version", {V::tls1_3}, V::ssl3_0, V::tls1_2, V::tls1_3, std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.name));
    ClientHello ch;
    ch.legacy_version = row.legacy_version;
    if (!row.supported_versions.empty()) {
      ch.extensions.add(ExtensionType::supported_versions,
                        *SupportedVersionsClientHello{row.supported_versions}.encode());
    }
    Result<V> v = negotiate_server_version(ch, row.min, row.max);
    if (!row.expect) {
      CHECK_ALERT(v, A::protocol_version);
    } else {
      REQUIRE(v.ok());
      CHECK(*v == *row.expect);
    }
  }
}

}  // namespace
}  // namespace tlsock::test
