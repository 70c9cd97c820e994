#include "engine/x509_cert_verifier.hpp"

namespace tlsock {

namespace {

// The leaf's key for CertificateVerify. A leaf we cannot parse, or whose key type we do not
// support, is bad_certificate / unsupported_certificate (RFC 8446 §4.4.2.4, §6.2).
Result<PublicKey> leaf_key(ByteView der) {
  auto cert = x509::Certificate::from_der(der);
  if (!cert.ok()) {
    return Error{ErrorKind::certificate, AlertDescription::bad_certificate,
                 "peer certificate: " + cert.error().detail};
  }
  auto key = PublicKey::from_spki(cert->spki().der);
  if (!key.ok()) {
    return Error{ErrorKind::certificate, AlertDescription::unsupported_certificate,
                 "peer certificate key: " + key.error().detail};
  }
  return key;
}

}  // namespace

Result<PublicKey> X509CertVerifier::verify(const CertVerifyRequest& request) {
  outcome_.reset();
  verified_chain_.clear();
  if (request.chain.empty()) {
    return Error{ErrorKind::certificate, AlertDescription::bad_certificate, "empty certificate chain"};
  }
  if (!policy_.verifier) return leaf_key(request.chain.front());

  x509::VerifyRequest v;
  static_cast<x509::VerifyOptions&>(v) = policy_;
  v.peer_chain.reserve(request.chain.size());
  for (const Bytes& der : request.chain) v.peer_chain.emplace_back(der);
  if (request.peer == PeerRole::server) v.hostname = policy_.hostname;
  v.purpose = request.peer == PeerRole::server ? x509::Purpose::server_auth : x509::Purpose::client_auth;
  v.time = request.clock.now_seconds();
  // Every peer certificate tlsock accepts signs something: CertificateVerify (RFC 8446
  // §4.4.2.2: "the digitalSignature bit MUST be set if the Key Usage extension is present"),
  // TLS 1.2's ServerKeyExchange (only ECDHE suites) or client CertificateVerify (RFC 5280
  // §4.2.1.3).
  v.required_leaf_key_usage = x509::ku_digital_signature;
  outcome_ = policy_.verifier->verify(v);
  if (!outcome_->ok()) return outcome_->error();
  if (outcome_->verified_chain.empty()) {
    return internal_error("x509 verifier accepted a chain but returned no verified chain");
  }
  auto key = PublicKey::from_spki(outcome_->verified_chain.front().spki().der);
  if (!key.ok()) {
    return Error{ErrorKind::certificate, AlertDescription::unsupported_certificate,
                 "peer certificate key: " + key.error().detail};
  }
  // An idle connection keeps the chain's DER, not its parsed certificates.
  for (const x509::Certificate& c : outcome_->verified_chain) verified_chain_.push_back(c.der_buffer());
  std::vector<x509::Certificate>().swap(outcome_->verified_chain);
  return key;
}

}  // namespace tlsock
