// The version-neutral client's choice (handshake/client.hpp): which version's states a
// ServerHello goes to, given what the ClientHello offered. The checks of that version then
// accept or refuse it (rules_test.cpp, handshake12/rules12_test.cpp).
#include <doctest/doctest.h>

#include <algorithm>

#include "handshake/client.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "unit/handshake/test_support.hpp"

using namespace tlsock;

TEST_CASE("client: server_hello_version, by what was offered and what the ServerHello says") {
  const auto v11 = ProtocolVersion::tls1_1, v12 = ProtocolVersion::tls1_2, v13 = ProtocolVersion::tls1_3;
  struct Row {
    const char* name;
    std::vector<ProtocolVersion> offered;
    ProtocolVersion legacy_version;
    std::optional<ProtocolVersion> selected;  // supported_versions; nullopt: absent
    bool hello_retry;
    ProtocolVersion expected;
  };
  const Row rows[] = {
      {"1.3 offered, 1.3 selected", {v13}, v12, v13, false, v13},
      {"1.3 offered, a TLS 1.2 answer (refused by the 1.3 checks)", {v13}, v12, std::nullopt, false, v13},
      {"1.3 offered, HelloRetryRequest", {v13}, v12, v13, true, v13},
      {"1.2 offered, a TLS 1.2 answer", {v12}, v12, std::nullopt, false, v12},
      {"1.2 offered, TLS 1.1 (refused by the 1.2 checks)", {v12}, v11, std::nullopt, false, v12},
      {"1.2 offered, supported_versions (unsolicited for 1.2)", {v12}, v12, v13, false, v12},
      {"both offered, 1.3 selected", {v13, v12}, v12, v13, false, v13},
      {"both offered, supported_versions selects 1.2 (refused by the 1.3 checks)", {v13, v12}, v12, v12, false, v13},
      {"both offered, HelloRetryRequest", {v13, v12}, v12, v13, true, v13},
      {"both offered, a TLS 1.2 answer", {v13, v12}, v12, std::nullopt, false, v12},
      {"both offered, TLS 1.1 (refused by the 1.3 checks)", {v13, v12}, v11, std::nullopt, false, v13},
      {"both offered, legacy_version 0x0304 without supported_versions", {v13, v12}, v13, std::nullopt, false, v13},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    ClientConfig config;
    config.supported_versions = row.offered;
    ServerHello sh;
    sh.legacy_version = row.legacy_version;
    if (row.hello_retry) sh.random = kHelloRetryRequestRandom;
    if (row.selected) {
      sh.extensions.add(ExtensionType::supported_versions, *SupportedVersionsServerHello{*row.selected}.encode());
    }
    CHECK(server_hello_version(sh, config) == row.expected);
  }
}

TEST_CASE("client_start: one ClientHello offers the configured versions") {
  const auto v12 = ProtocolVersion::tls1_2, v13 = ProtocolVersion::tls1_3;
  for (const auto& offered : std::vector<std::vector<ProtocolVersion>>{{v13}, {v13, v12}, {v12}}) {
    const bool tls13 = offered.front() == v13, tls12 = offered.back() == v12;
    CAPTURE(tls13);
    CAPTURE(tls12);
    ScriptedRng rng(7);
    FixedClock clock{1'700'000'000'000};
    Provider provider{rng, clock};
    PinnedKeyVerifier verifier;
    ClientConfig config;
    config.verifier = &verifier;
    config.supported_versions = offered;
    auto t = client_start(config, provider);
    REQUIRE(t.ok());
    auto* send = std::get_if<SendHandshake>(&t->events.back());
    REQUIRE(send != nullptr);
    auto ch = ClientHello::decode(test::body_of(send->message, HandshakeType::client_hello));
    REQUIRE(ch.ok());
    // RFC 8446 §4.2.1: a 1.2-only hello has no supported_versions.
    CHECK(ch->extensions.has(ExtensionType::supported_versions) == tls13);
    CHECK(ch->extensions.has(ExtensionType::key_share) == tls13);
    CHECK(ch->extensions.has(ExtensionType::extended_master_secret) == tls12);
    CHECK(ch->extensions.has(ExtensionType::renegotiation_info) == tls12);
    auto offers_suite = [&](CipherSuite s) {
      return std::find(ch->cipher_suites.begin(), ch->cipher_suites.end(), s) != ch->cipher_suites.end();
    };
    CHECK(offers_suite(CipherSuite::TLS_AES_128_GCM_SHA256) == tls13);
    CHECK(offers_suite(CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) == tls12);
    // RFC 8446 §D.4: compatibility mode's random session ID only in a hello that offers 1.3.
    CHECK(ch->legacy_session_id.size() == (tls13 ? 32u : 0u));
  }
  ClientConfig bad;
  PinnedKeyVerifier verifier;
  bad.verifier = &verifier;
  ScriptedRng rng(7);
  FixedClock clock{1'700'000'000'000};
  Provider provider{rng, clock};
  for (const auto& versions : std::vector<std::vector<ProtocolVersion>>{{}, {v12, v13}, {ProtocolVersion::tls1_1}}) {
    bad.supported_versions = versions;
    CHECK(client_start(bad, provider).error().kind == ErrorKind::config);
  }
}
