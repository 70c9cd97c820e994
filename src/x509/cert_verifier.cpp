#include "x509/cert_verifier.hpp"

#include "x509/hostname.hpp"

namespace tlsock::x509 {

VerifyOutcome make_failure(VerifyFailure f) {
  VerifyOutcome out;
  out.verify_code = f.code;
  out.verify_message = f.message;
  out.detail = f.detail;
  out.error_value = f.error();
  return out;
}

VerifyOutcome WebPkiVerifier::verify(const VerifyRequest& req) const {
  if (req.peer_chain.empty())
    return make_failure(VerifyFailure::make(X509_V_ERR_UNSPECIFIED, "the peer sent no certificate"));
  if (req.peer_chain.size() > kMaxPeerChainLength)
    return make_failure(VerifyFailure::make(X509_V_ERR_CERT_CHAIN_TOO_LONG, "more than kMaxPeerChainLength certificates"));
  std::vector<Certificate> certs;
  for (ByteView der : req.peer_chain) {
    auto c = Certificate::from_der(der);
    if (!c) {
      VerifyOutcome out = make_failure(VerifyFailure::make(X509_V_ERR_UNSPECIFIED, c.error().detail));
      out.error_value = c.error();  // decode error: bad_certificate
      return out;
    }
    certs.push_back(std::move(*c));
  }
  PathOptions o;
  o.time = req.time;
  o.purpose = req.purpose;
  o.max_intermediates = req.max_intermediates;
  o.partial_chain = req.partial_chain;
  o.required_leaf_key_usage = req.required_leaf_key_usage;
  o.trace = req.trace;
  std::vector<Certificate> intermediates(certs.begin() + 1, certs.end());
  PathResult path = build_path(certs.front(), intermediates, *store_, o);
  if (!path.ok()) return make_failure(*path.failure);
  const Certificate& leaf = certs.front();
  if (req.hostname) {
    bool is_ip = parse_ip_address(*req.hostname).has_value();
    if (!certificate_matches_host(leaf, *req.hostname, req.check_common_name)) {
      VerifyFailure f = VerifyFailure::make(is_ip ? X509_V_ERR_IP_ADDRESS_MISMATCH : X509_V_ERR_HOSTNAME_MISMATCH);
      // Python's _ssl.c builds this text for the two mismatch codes.
      // Python names the host as encoded for OpenSSL: A-labels.
      f.message = std::string(is_ip ? "IP address mismatch" : "Hostname mismatch") +
                  ", certificate is not valid for '" + reference_a_label(*req.hostname) + "'.";
      return make_failure(f);
    }
  }
  if (req.email && !certificate_matches_email(leaf, *req.email))
    return make_failure(VerifyFailure::make(X509_V_ERR_EMAIL_MISMATCH));
  if (auto f = check_revocation(path.chain, *store_, req.crl_check, req.time)) return make_failure(*f);
  VerifyOutcome out;
  out.verified_chain = std::move(path.chain);
  return out;
}

}  // namespace tlsock::x509
