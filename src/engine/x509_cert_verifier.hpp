// X509CertVerifier: the handshake's CertVerifier (handshake/cert_verifier.hpp, the one
// certificate-verifier interface) implemented with the X.509 layer's ChainVerifier
// (x509/cert_verifier.hpp, normally WebPkiVerifier over the context's trust store).
//
// One per connection: it keeps the VerifyOutcome of the last chain it saw, which the facade
// needs after the handshake (verified chain for get_verified_chain(); verify_code and
// verify_message for SSLCertVerificationError when the handshake failed on the chain).
//
// Without an x509 verifier (Python's CERT_NONE) the chain is not validated, but the leaf is
// still parsed for its public key: the peer's CertificateVerify is always checked, so the peer
// at least proves possession of the key in the certificate it sent.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "handshake/cert_verifier.hpp"
#include "x509/cert_verifier.hpp"

namespace tlsock {

// The x509 checks (check_common_name, partial_chain, crl_check, ...) with their one set of
// defaults come from x509::VerifyOptions.
struct VerifyPolicy : x509::VerifyOptions {
  // Null: chains are accepted without validation (CERT_NONE).
  std::shared_ptr<const x509::ChainVerifier> verifier;
  // Checked against a server's certificate (Python: server_hostname when check_hostname).
  std::optional<std::string> hostname;
};

class X509CertVerifier final : public CertVerifier {
 public:
  explicit X509CertVerifier(VerifyPolicy policy) : policy_(std::move(policy)) {}

  Result<PublicKey> verify(const CertVerifyRequest& request) override;

  // The outcome of the last validation; nullopt when none ran (no chain yet, or no verifier).
  // Its verified_chain is empty: an accepted chain is kept as DER only (verified_chain()).
  const std::optional<x509::VerifyOutcome>& outcome() const { return outcome_; }
  // The chain the last validation accepted, leaf first, trust anchor last (DER owners shared
  // with the parse and the trust store: the parsed fields are not kept for the connection's
  // lifetime). Empty when none was accepted.
  const std::vector<std::shared_ptr<const Bytes>>& verified_chain() const { return verified_chain_; }
  const VerifyPolicy& policy() const { return policy_; }

 private:
  VerifyPolicy policy_;
  std::optional<x509::VerifyOutcome> outcome_;
  std::vector<std::shared_ptr<const Bytes>> verified_chain_;
};

}  // namespace tlsock
