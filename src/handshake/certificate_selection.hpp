// Choosing the server's certificate chain (both versions): chains that name the client's SNI
// first, then any chain (a chain without names is a default chain); within each, chains whose
// certificate signatures the client accepts (`accepted(chain)`, RFC 8446 §4.4.2.2: the chain
// "SHOULD" use signature_algorithms_cert) before those it may not; among them the first for
// which `scheme_for(chain)` finds a signature scheme the client accepts (and, in TLS 1.2, whose
// key can authenticate the cipher suite). The scheme comes back with the chain.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "handshake/endpoint_config.hpp"

namespace tlsock {

struct ChosenCertificate {
  const CertifiedKey* chain = nullptr;
  SignatureScheme scheme{};
};

template <typename SchemeFor, typename Accepted>
std::optional<ChosenCertificate> choose_certificate_by_sni(const std::vector<CertifiedKey>& chains,
                                                           std::string_view sni, SchemeFor scheme_for,
                                                           Accepted accepted) {
  // Passes: SNI and accepted signatures, SNI, any chain with accepted signatures, any chain.
  for (int pass = 0; pass < 4; ++pass) {
    bool need_sni = pass < 2;
    bool need_accepted = pass % 2 == 0;
    for (const auto& c : chains) {
      if (need_sni && std::find(c.names.begin(), c.names.end(), sni) == c.names.end()) continue;
      if (need_accepted && !accepted(c)) continue;
      std::optional<SignatureScheme> s = scheme_for(c);
      if (s) return ChosenCertificate{&c, *s};
    }
  }
  return std::nullopt;
}

template <typename SchemeFor>
std::optional<ChosenCertificate> choose_certificate_by_sni(const std::vector<CertifiedKey>& chains,
                                                           std::string_view sni, SchemeFor scheme_for) {
  return choose_certificate_by_sni(chains, sni, scheme_for, [](const CertifiedKey&) { return true; });
}

// Whether every signature of the chain is one the client named (RFC 8446 §4.2.3:
// signature_algorithms_cert, or signature_algorithms when that is absent). ECDSA schemes
// match by hash: the curve is the issuer's, which the chain alone does not say.
inline bool chain_signatures_accepted(const CertifiedKey& chain, const std::vector<SignatureScheme>& schemes) {
  return std::all_of(chain.chain_signatures.begin(), chain.chain_signatures.end(), [&](const SignatureAlgorithm& a) {
    return std::any_of(schemes.begin(), schemes.end(), [&](SignatureScheme s) {
      auto named = signature_algorithm(s);
      return named && named->padding == a.padding &&
             (a.padding == SignaturePadding::ed25519 || named->hash == a.hash);
    });
  });
}

}  // namespace tlsock
