// Signature schemes in TLS 1.2 (RFC 5246 §7.4.1.4.1 SignatureAndHashAlgorithm, whose code
// points are RFC 8446's SignatureScheme values): what we offer and accept in
// signature_algorithms, ServerKeyExchange and CertificateVerify.
//
// In TLS 1.2 an ECDSA scheme names only the hash: ecdsa_secp256r1_sha256 is "ECDSA with
// SHA-256" on any curve (bind_curve = false). We never use SHA-1 or MD5 (RFC 9155 §3: "Clients
// MUST NOT include MD5 and SHA-1 in the signature_algorithms extension").
#pragma once

#include <optional>
#include <vector>

#include "crypto/rng.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

// rsa_pkcs1_*, rsa_pss_rsae_*, rsa_pss_pss_*, ecdsa_* (SHA-2), ed25519: our default order.
const std::vector<SignatureScheme>& default_signature_schemes_12();
bool signature_scheme_allowed_12(SignatureScheme s);

// Our first scheme (our preference) that the peer offered and the key can make.
std::optional<SignatureScheme> choose_signature_scheme_12(const PrivateKey& key,
                                                          const std::vector<SignatureScheme>& ours,
                                                          const std::vector<SignatureScheme>& peers);

// Checks a digitally-signed value (RFC 5246 §4.7) of the peer over `content`:
//  - RFC 5246 §7.4.1.4.1 / §7.4.8: the scheme MUST be one we offered -> illegal_parameter;
//  - the scheme must suit the certificate's key -> illegal_parameter;
//  - a signature that does not verify -> decrypt_error (RFC 5246 §7.2.2: "A handshake
//    cryptographic operation failed, including being unable to correctly verify a signature").
// `what` names the message for the error ("ServerKeyExchange").
Status check_signature_12(const PublicKey& key, SignatureScheme scheme, ByteView signature,
                          ByteView content, const std::vector<SignatureScheme>& offered,
                          const char* what);

}  // namespace tlsock
