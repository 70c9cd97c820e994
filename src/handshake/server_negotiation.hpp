// The server's choices (both versions), as pure functions of the parsed ClientHello
// (client_hello_offer.hpp) and the ServerConfig: no crypto, no clock, no RNG, so a table of
// offers and configs pins them down (tests/unit/handshake/server_negotiation_test.cpp). What
// needs keys (accepting a PSK or a TLS 1.2 session) is decided by the state machines and comes
// in as `resuming`.
//
// Preferences are the server's throughout: the first of ServerConfig's suites, groups,
// certificates and ALPN protocols that the client offers.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "handshake/certificate_selection.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/client_hello_offer.hpp"
#include "handshake/server_config.hpp"

namespace tlsock {

// ALPN (RFC 7301 §3.2): our first protocol the client offers; none in common: empty (no ALPN,
// no alert, like OpenSSL without a callback).
std::string choose_alpn(const ClientHelloOffer& offer, const ServerConfig& config);

// TLS 1.3: our first suite the client offers; none: handshake_failure.
Result<CipherSuiteInfo> choose_suite_13(const ClientHelloOffer& offer, const ServerConfig& config);

struct ServerChoice13 {
  NamedGroup group{};        // the group of the client's key share we take, or, with
  bool hello_retry = false;  // hello_retry, the group a HelloRetryRequest asks a share for
  ChosenCertificate certificate;  // chain null when resuming (RFC 8446 §2.2: the PSK
                                  // authenticates the server) or with hello_retry
  std::string alpn;
};

// TLS 1.3, after the suite: group (or HelloRetryRequest), certificate and scheme, ALPN.
// `resuming`: a PSK was accepted. `retry_group`: the second ClientHello, after a
// HelloRetryRequest for that group.
Result<ServerChoice13> negotiate_13(const ClientHelloOffer& offer, const ServerConfig& config,
                                    bool resuming, std::optional<NamedGroup> retry_group);

struct ServerChoice12 {
  CipherSuiteInfo suite;
  NamedGroup group{};
  ChosenCertificate certificate;
};

// TLS 1.2, a full handshake: ECDHE group, then suite with a certificate and signature scheme
// that can authenticate it.
Result<ServerChoice12> negotiate_12(const ClientHelloOffer& offer, const ServerConfig& config);

}  // namespace tlsock
