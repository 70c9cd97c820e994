#include "handshake/signature_schemes_12.hpp"

#include <algorithm>
#include <string>

namespace tlsock {

const std::vector<SignatureScheme>& default_signature_schemes_12() {
  static const std::vector<SignatureScheme> schemes = {
      SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
      SignatureScheme::ecdsa_secp521r1_sha512, SignatureScheme::ed25519,
      SignatureScheme::rsa_pss_rsae_sha256,    SignatureScheme::rsa_pss_rsae_sha384,
      SignatureScheme::rsa_pss_rsae_sha512,    SignatureScheme::rsa_pss_pss_sha256,
      SignatureScheme::rsa_pss_pss_sha384,     SignatureScheme::rsa_pss_pss_sha512,
      SignatureScheme::rsa_pkcs1_sha256,       SignatureScheme::rsa_pkcs1_sha384,
      SignatureScheme::rsa_pkcs1_sha512,
  };
  return schemes;
}

bool signature_scheme_allowed_12(SignatureScheme s) {
  const auto& d = default_signature_schemes_12();
  return std::find(d.begin(), d.end(), s) != d.end();
}

std::optional<SignatureScheme> choose_signature_scheme_12(const PrivateKey& key,
                                                          const std::vector<SignatureScheme>& ours,
                                                          const std::vector<SignatureScheme>& peers) {
  for (auto s : ours) {
    if (!signature_scheme_allowed_12(s) || !key.supports(s, /*bind_curve=*/false)) continue;
    // The crypto layer signs with P-521/SHA-512 for nobody (private_key.cpp: verify-only);
    // we still accept it from peers.
    if (s == SignatureScheme::ecdsa_secp521r1_sha512) continue;
    if (std::find(peers.begin(), peers.end(), s) != peers.end()) return s;
  }
  return std::nullopt;
}

Status check_signature_12(const PublicKey& key, SignatureScheme scheme, ByteView signature,
                          ByteView content, const std::vector<SignatureScheme>& offered,
                          const char* what) {
  if (std::find(offered.begin(), offered.end(), scheme) == offered.end() ||
      !signature_scheme_allowed_12(scheme)) {
    return protocol_error(AlertDescription::illegal_parameter,
                          std::string(what) + ": signature scheme " + name(scheme) +
                              " was not offered");
  }
  if (!key_supports_scheme(key.type(), scheme, /*bind_curve=*/false)) {
    return protocol_error(AlertDescription::illegal_parameter,
                          std::string(what) + ": signature scheme " + name(scheme) +
                              " does not match the certificate's key");
  }
  auto st = key.verify(scheme, content, signature, /*bind_curve=*/false);
  if (!st.ok()) {
    return crypto_error(AlertDescription::decrypt_error,
                        std::string(what) + ": bad signature: " + st.error().detail);
  }
  return {};
}

}  // namespace tlsock
