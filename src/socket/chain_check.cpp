// tlsock::check_chain (tlsock/chain_check.hpp): a trust store built from the given anchors and
// CRLs, and the handshake's own verifier (x509/cert_verifier.hpp) run over it.
#include "tlsock/chain_check.hpp"

#include <memory>
#include <stdexcept>

#include "common/bytes.hpp"
#include "socket/public_suffix_file.hpp"
#include "socket/python_dict.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/extensions.hpp"

namespace tlsock {

namespace {

std::shared_ptr<x509::TrustStore> trust_store(const ChainCheck& check) {
  auto store = std::make_shared<x509::TrustStore>();
  for (const std::string& der : check.crls) {
    auto crl = x509::Crl::from_der(as_bytes(der));
    if (!crl) throw std::invalid_argument("CRL: " + crl.error().detail);
    store->add_crl(std::move(*crl));
  }
  for (const std::string& der : check.trusted) {
    if (auto cert = x509::Certificate::from_der(as_bytes(der))) store->add(std::move(*cert));
  }
  return store;
}

uint16_t key_usage_bits(const std::vector<std::string>& names) {
  uint16_t bits = 0;
  for (const std::string& name : names) {
    auto bit = x509::key_usage_bit(name);
    if (!bit) throw std::invalid_argument("unknown key usage " + name);
    bits = static_cast<uint16_t>(bits | *bit);
  }
  return bits;
}

}  // namespace

ChainCheckResult check_chain(const ChainCheck& check) {
  detail::load_public_suffix_file_once();
  x509::VerifyRequest req;
  req.peer_chain.push_back(as_bytes(check.leaf));
  for (const std::string& der : check.intermediates) {
    if (x509::Certificate::from_der(as_bytes(der))) req.peer_chain.push_back(as_bytes(der));
  }
  req.hostname = check.hostname;
  req.email = check.email;
  req.check_common_name = check.check_common_name;
  req.purpose = check.client_auth ? x509::Purpose::client_auth : x509::Purpose::server_auth;
  req.time = check.time;
  req.max_intermediates = check.max_intermediates;
  // Every given anchor is trusted as it is (VERIFY_X509_PARTIAL_CHAIN, which
  // create_default_context() sets).
  req.partial_chain = true;
  if (!check.leaf_key_usage.empty()) req.required_leaf_key_usage = key_usage_bits(check.leaf_key_usage);
  if (!check.crls.empty()) req.crl_check = x509::CrlCheck::leaf;
  if (check.trace) {
    req.trace = [&check](size_t depth, const x509::VerifyFailure& f) {
      check.trace("depth " + std::to_string(depth) + ": " + std::to_string(f.code) + " " + f.message + " (" +
                  f.detail + ")");
    };
  }
  x509::VerifyOutcome outcome = x509::WebPkiVerifier(trust_store(check)).verify(req);
  ChainCheckResult result;
  result.verify_code = outcome.verify_code;
  result.verify_message = outcome.verify_message;
  result.detail = outcome.detail;
  for (const x509::Certificate& cert : outcome.verified_chain) {
    // A certificate whose names Python cannot show still counts: an empty dict stands for it.
    auto dict = detail::to_peer_certificate(cert);
    result.verified_chain.push_back(dict ? std::move(*dict) : PeerCertificate{});
  }
  return result;
}

std::vector<std::string> key_usage_names() {
  std::vector<std::string> names;
  for (uint32_t bit = 1; bit <= x509::ku_decipher_only; bit <<= 1)
    names.push_back(x509::key_usage_names(static_cast<uint16_t>(bit)));
  return names;
}

}  // namespace tlsock
