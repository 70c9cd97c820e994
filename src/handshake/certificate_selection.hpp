// Choosing the server's certificate chain (both versions): chains that name the client's SNI
// first, then any chain (a chain without names is a default chain); among them the first
// for which `scheme_for(chain)` finds a signature scheme the client accepts (and, in TLS 1.2,
// whose key can authenticate the cipher suite). The scheme comes back with the chain.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "handshake/config_13.hpp"

namespace tlsock {

struct ChosenCertificate {
  const CertifiedKey* chain = nullptr;
  SignatureScheme scheme{};
};

template <typename SchemeFor>
std::optional<ChosenCertificate> choose_certificate_by_sni(const std::vector<CertifiedKey>& chains,
                                                           std::string_view sni, SchemeFor scheme_for) {
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& c : chains) {
      if (pass == 0 && std::find(c.names.begin(), c.names.end(), sni) == c.names.end()) continue;
      std::optional<SignatureScheme> s = scheme_for(c);
      if (s) return ChosenCertificate{&c, *s};
    }
  }
  return std::nullopt;
}

}  // namespace tlsock
