// Beyond Python's API: validating a certificate chain offline, with the checks a handshake runs
// on the peer's certificates (path building to the anchors, names, key usage, CRLs), for tools
// such as the tlsock command's `x509 verify` and its x509-limbo harness (`x509 limbo`).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlsock/peer_certificate.hpp"

namespace tlsock {

struct ChainCheck {
  std::string leaf;                        // DER
  std::vector<std::string> intermediates;  // DER, untrusted: path candidates only
  std::vector<std::string> trusted;        // DER trust anchors, each trusted as it is (VERIFY_X509_PARTIAL_CHAIN)
  // DER CRLs (RFC 5280 §5); when any is given the leaf is checked against them (Python's
  // VERIFY_CRL_CHECK_LEAF).
  std::vector<std::string> crls;
  std::optional<std::string> hostname;     // a DNS name (A- or U-labels) or an IP literal
  std::optional<std::string> email;        // an rfc822Name identity
  bool check_common_name = true;           // Python's hostname_checks_common_name
  bool client_auth = false;                // validate for clientAuth instead of serverAuth
  int64_t time = 0;                        // Unix seconds the chain must be valid at
  std::optional<size_t> max_intermediates;
  // keyUsage bits the leaf must assert, by RFC 5280 §4.2.1.3 name (key_usage_names()).
  std::vector<std::string> leaf_key_usage;
  // When set, called with one line per failed step of the path search ("depth 1: 20 unable to
  // get local issuer certificate (...)"), for a person finding out why a chain is refused.
  std::function<void(const std::string& line)> trace;
};

struct ChainCheckResult {
  int verify_code = 0;                 // OpenSSL's X509_V_ERR code, 0 when the chain is valid
  std::string verify_message = "ok";   // Python's SSLCertVerificationError.verify_message
  std::string detail;                  // what exactly failed, for a person
  std::vector<PeerCertificate> verified_chain;  // leaf first, anchor last (empty on failure)
  bool ok() const { return verify_code == 0; }
};

// A trusted certificate or an intermediate that does not decode cannot be on any path and is
// left out; a leaf that does not decode fails the check. std::invalid_argument for a CRL that
// does not decode or a key usage name not in key_usage_names().
ChainCheckResult check_chain(const ChainCheck& check);

// RFC 5280 §4.2.1.3's names of the keyUsage bits, bit 0 first ("digitalSignature", ...).
std::vector<std::string> key_usage_names();

}  // namespace tlsock
