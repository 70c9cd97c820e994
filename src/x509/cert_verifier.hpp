// The chain validation behind the handshake's CertVerifier (handshake/cert_verifier.hpp, the
// one interface the handshake sees; the engine's X509CertVerifier calls this).
//
// The handshake hands over the peer's certificate_list (DER, leaf first, as received), the
// expected name and the purpose; the verifier decodes the chain, builds and validates a path
// to the context's trust store at the clock's time (path_builder.hpp), then checks the host
// name or IP address (hostname.hpp), then revocation when asked (revocation.hpp; OpenSSL's
// order: names before CRLs). The outcome carries the verified chain (leaf first,
// anchor last: Python's get_verified_chain()) or OpenSSL's X509_V_ERR code and Python's
// verify_message, plus the core Error (kind certificate, with the alert to send).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/clock.hpp"
#include "x509/certificate.hpp"
#include "x509/path_builder.hpp"
#include "x509/revocation.hpp"
#include "x509/trust_store.hpp"
#include "x509/verify_error.hpp"

namespace tlsock::x509 {

// What a context asks of every chain it validates (Python's verify_flags and
// hostname_checks_common_name). Defined once: the engine's VerifyPolicy and each VerifyRequest
// carry these, with these defaults (OpenSSL's and a bare SSLContext()'s).
struct VerifyOptions {
  bool check_common_name = true;           // Python's hostname_checks_common_name
  std::optional<size_t> max_intermediates;
  bool partial_chain = false;              // VERIFY_X509_PARTIAL_CHAIN (PathOptions::partial_chain)
  CrlCheck crl_check = CrlCheck::none;     // VERIFY_CRL_CHECK_LEAF / _CHAIN (revocation.hpp)
};

struct VerifyRequest : VerifyOptions {
  std::vector<ByteView> peer_chain;        // DER certificates as received, leaf first
  std::optional<std::string> hostname;     // server_hostname: DNS name (A- or U-labels) or IP literal
  std::optional<std::string> email;        // rfc822 identity (client certificates)
  Purpose purpose = Purpose::server_auth;  // server_auth when we are the client
  int64_t time = 0;                        // Unix seconds; see WebPkiVerifier::verify_now
  std::optional<uint16_t> required_leaf_key_usage;
  std::function<void(size_t depth, const VerifyFailure& failure)> trace;  // PathOptions::trace
};

struct VerifyOutcome {
  std::vector<Certificate> verified_chain;  // leaf first, trust anchor last (empty on failure)
  int verify_code = X509_V_OK;
  std::string verify_message = "ok";        // Python's verify_message
  std::string detail;
  Error error_value;

  bool ok() const { return verify_code == X509_V_OK; }
  // The core Error to propagate (only meaningful when !ok()).
  const Error& error() const { return error_value; }
};

// Validates one chain into a VerifyOutcome. Not the handshake's interface (that is
// handshake/cert_verifier.hpp's CertVerifier, which the engine's X509CertVerifier implements
// over a ChainVerifier): this seam lets the facade wrap the standard verifier (its
// ExplainingVerifier words a refusal).
class ChainVerifier {
 public:
  virtual ~ChainVerifier() = default;
  virtual VerifyOutcome verify(const VerifyRequest& request) const = 0;
};

// The standard verifier over a trust store (shared with the SSLContext that owns it).
class WebPkiVerifier final : public ChainVerifier {
 public:
  explicit WebPkiVerifier(std::shared_ptr<const TrustStore> store) : store_(std::move(store)) {}
  VerifyOutcome verify(const VerifyRequest& request) const override;
  // Convenience: the request's time taken from a Clock.
  VerifyOutcome verify_now(VerifyRequest request, Clock& clock) const {
    request.time = clock.now_seconds();
    return verify(request);
  }

 private:
  std::shared_ptr<const TrustStore> store_;
};

VerifyOutcome make_failure(VerifyFailure f);

}  // namespace tlsock::x509
