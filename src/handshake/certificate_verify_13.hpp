// Signing and checking a TLS 1.3 CertificateVerify (RFC 8446 §4.4.3).
//
// The signed content is 64 spaces, the context string ("TLS 1.3, server CertificateVerify" or
// "TLS 1.3, client CertificateVerify"), a zero byte, and Transcript-Hash(Handshake Context,
// Certificate). ECDSA schemes bind the curve in TLS 1.3.
#pragma once

#include <optional>
#include <vector>

#include "crypto/rng.hpp"
#include "crypto/signature.hpp"
#include "handshake/cert_verifier.hpp"
#include "handshake/messages/certificate_verify.hpp"

namespace tlsock {

Bytes certificate_verify_content(PeerRole signer, ByteView transcript_hash);

Result<CertificateVerify> sign_certificate_verify(const PrivateKey& key, SignatureScheme scheme,
                                                  PeerRole signer, ByteView transcript_hash,
                                                  Rng& rng);

// RFC 8446 §4.4.3: the scheme MUST be one we offered (illegal_parameter) and usable with the
// peer's key (illegal_parameter); a bad signature is decrypt_error.
Status check_certificate_verify(const PublicKey& key, const CertificateVerify& cv,
                                PeerRole signer, ByteView transcript_hash,
                                const std::vector<SignatureScheme>& offered);

// Our first scheme (in our preference order) that the peer accepts and the key can make.
std::optional<SignatureScheme> choose_signature_scheme(const PrivateKey& key,
                                                       const std::vector<SignatureScheme>& ours,
                                                       const std::vector<SignatureScheme>& peers);

// Schemes usable in TLS 1.3 CertificateVerify (RFC 8446 §4.2.3: not RSASSA-PKCS1-v1_5, not
// SHA-1) that we implement, in our default preference order.
const std::vector<SignatureScheme>& default_signature_schemes_13();

}  // namespace tlsock
