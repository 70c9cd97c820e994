// The verifier a connection uses: the context's x509 verifier, plus words for a refusal. When a
// chain is refused, the outcome's detail says which certificate (its subject), why, and the
// name, time or issuer involved; SSLCertVerificationError's message ends with it, e.g.
//   certificate verify failed: unable to get local issuer certificate (certificate
//   'O=tlsock tests, CN=server-p256' was issued by 'O=tlsock tests, CN=tlsock engine test CA',
//   which is not among the trusted CA certificates)
// verify_code and verify_message stay exactly OpenSSL's and Python's.
#pragma once

#include <memory>
#include <string>

#include "x509/cert_verifier.hpp"

namespace tlsock::detail {

class ExplainingVerifier final : public x509::ChainVerifier {
 public:
  explicit ExplainingVerifier(std::shared_ptr<const x509::ChainVerifier> inner)
      : inner_(std::move(inner)) {}
  x509::VerifyOutcome verify(const x509::VerifyRequest& request) const override;
  // Another context's verifier (an SNI callback switched contexts); called by the thread
  // driving the handshake, between two of its steps.
  void set_inner(std::shared_ptr<const x509::ChainVerifier> inner) { inner_ = std::move(inner); }

 private:
  std::shared_ptr<const x509::ChainVerifier> inner_;
};

// The explanation of a refused chain (what ExplainingVerifier puts into outcome.detail).
std::string explain_verify_failure(const x509::VerifyOutcome& outcome,
                                   const x509::VerifyRequest& request);

}  // namespace tlsock::detail
