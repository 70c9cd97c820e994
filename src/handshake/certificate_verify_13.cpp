#include "handshake/certificate_verify_13.hpp"

#include <algorithm>
#include <string_view>

#include "common/codec.hpp"

namespace tlsock {

namespace {
constexpr std::string_view kServerContext = "TLS 1.3, server CertificateVerify";
constexpr std::string_view kClientContext = "TLS 1.3, client CertificateVerify";

// RFC 8446 §4.2.3: "RSASSA-PKCS1-v1_5 algorithms ... MUST NOT be used in CertificateVerify
// messages in TLS 1.3", nor SHA-1 based ones.
bool allowed_in_13(SignatureScheme s) {
  const auto& d = default_signature_schemes_13();
  return std::find(d.begin(), d.end(), s) != d.end();
}
}  // namespace

const std::vector<SignatureScheme>& default_signature_schemes_13() {
  static const std::vector<SignatureScheme> schemes = {
      SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
      SignatureScheme::ed25519,                SignatureScheme::rsa_pss_rsae_sha256,
      SignatureScheme::rsa_pss_rsae_sha384,    SignatureScheme::rsa_pss_rsae_sha512,
      SignatureScheme::rsa_pss_pss_sha256,     SignatureScheme::rsa_pss_pss_sha384,
      SignatureScheme::rsa_pss_pss_sha512,
  };
  return schemes;
}

Bytes certificate_verify_content(PeerRole signer, ByteView transcript_hash) {
  std::string_view context = signer == PeerRole::server ? kServerContext : kClientContext;
  // Built with a Writer: GCC 12 warns (-Warray-bounds, a false positive) on vector::insert here.
  Bytes out;
  out.reserve(64 + context.size() + 1 + transcript_hash.size());
  Writer w(out);
  for (int i = 0; i < 64; ++i) w.u8(0x20);
  w.bytes(as_bytes(context));
  w.u8(0);
  w.bytes(transcript_hash);
  return out;
}

Result<CertificateVerify> sign_certificate_verify(const PrivateKey& key, SignatureScheme scheme,
                                                  PeerRole signer, ByteView transcript_hash,
                                                  Rng& rng) {
  TLSOCK_TRY_ASSIGN(Bytes sig,
                    key.sign(scheme, certificate_verify_content(signer, transcript_hash), rng));
  return CertificateVerify{scheme, std::move(sig)};
}

Status check_certificate_verify(const PublicKey& key, const CertificateVerify& cv,
                                PeerRole signer, ByteView transcript_hash,
                                const std::vector<SignatureScheme>& offered) {
  // RFC 8446 §4.4.3: "the signature algorithm MUST be one offered in the [peer's]
  // "signature_algorithms" extension".
  if (std::find(offered.begin(), offered.end(), cv.algorithm) == offered.end() ||
      !allowed_in_13(cv.algorithm)) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "CertificateVerify: scheme " + name(cv.algorithm) + " was not offered");
  }
  if (!key_supports_scheme(key.type(), cv.algorithm, /*bind_curve=*/true)) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "CertificateVerify: scheme " + name(cv.algorithm) +
                              " does not match the certificate's key");
  }
  // RFC 8446 §4.4.3: "If the verification fails, the receiver MUST terminate the handshake
  // with a "decrypt_error" alert."
  auto st = key.verify(cv.algorithm, certificate_verify_content(signer, transcript_hash),
                       cv.signature, /*bind_curve=*/true);
  if (!st.ok()) {
    return crypto_error(AlertDescription::decrypt_error,
                        "CertificateVerify: bad signature: " + st.error().detail);
  }
  return {};
}

std::optional<SignatureScheme> choose_signature_scheme(const PrivateKey& key,
                                                       const std::vector<SignatureScheme>& ours,
                                                       const std::vector<SignatureScheme>& peers) {
  for (auto s : ours) {
    if (!allowed_in_13(s) || !key.supports(s, /*bind_curve=*/true)) continue;
    if (std::find(peers.begin(), peers.end(), s) != peers.end()) return s;
  }
  return std::nullopt;
}

}  // namespace tlsock
