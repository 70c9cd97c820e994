#include "socket/explaining_verifier.hpp"

#include <ctime>
#include <optional>
#include <string_view>
#include <vector>

#include "socket/python_dict.hpp"

namespace tlsock::detail {
namespace {

// OpenSSL's short names for the usual attributes; others keep Python's long name.
std::string_view short_name(const std::string& long_name) {
  static constexpr std::pair<std::string_view, std::string_view> kShort[] = {
      {"commonName", "CN"},          {"organizationName", "O"},
      {"organizationalUnitName", "OU"}, {"countryName", "C"},
      {"localityName", "L"},         {"stateOrProvinceName", "ST"},
      {"domainComponent", "DC"},
  };
  for (const auto& [l, s] : kShort) {
    if (l == long_name) return s;
  }
  return long_name;
}

// "O=tlsock tests, CN=server-p256": the RDNs in certificate order.
std::string dn_text(const PeerCertificate::DistinguishedName& dn) {
  std::string out;
  for (const PeerCertificate::RDN& rdn : dn) {
    for (const PeerCertificate::Attribute& a : rdn) {
      if (!out.empty()) out += ", ";
      out += std::string(short_name(a.name)) + "=" + (a.is_bytes ? "<bytes>" : a.value);
    }
  }
  return out.empty() ? "<empty name>" : out;
}

// "DNS:localhost, IP:127.0.0.1"; what a hostname was compared with.
std::string names_text(const PeerCertificate& cert, bool check_common_name) {
  std::string out;
  for (const PeerCertificate::AltName& n : cert.subjectAltName) {
    if (!out.empty()) out += ", ";
    out += (n.type == "IP Address" ? std::string("IP") : n.type) + ":" +
           (n.type == "DirName" ? dn_text(n.dirname) : n.value);
  }
  if (!out.empty()) return "is valid for " + out;
  if (!check_common_name) return "has no subjectAltName (and hostname_checks_common_name is off)";
  for (const PeerCertificate::RDN& rdn : cert.subject) {
    for (const PeerCertificate::Attribute& a : rdn) {
      if (a.name == "commonName") return "has no subjectAltName; its commonName is " + a.value;
    }
  }
  return "has no subjectAltName and no commonName";
}

// Python's time format, for the verification time.
std::string time_text(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%b %e %H:%M:%S %Y GMT", &tm);
  return std::string(buf, n);
}

struct DecodedCert {
  x509::Certificate cert;
  PeerCertificate dict;
};

}  // namespace

std::string explain_verify_failure(const x509::VerifyOutcome& outcome,
                                   const x509::VerifyRequest& request) {
  std::vector<DecodedCert> chain;
  for (ByteView der : request.peer_chain) {
    Result<x509::Certificate> cert = x509::Certificate::from_der(der);
    if (!cert) return outcome.detail;
    Result<PeerCertificate> dict = detail::to_peer_certificate(*cert);
    if (!dict) return outcome.detail;
    chain.push_back(DecodedCert{std::move(*cert), std::move(*dict)});
  }
  if (chain.empty()) return outcome.detail;
  auto who = [](const DecodedCert& c) { return "certificate '" + dn_text(c.dict.subject) + "'"; };
  const DecodedCert& leaf = chain.front();
  std::string why;
  switch (outcome.verify_code) {
    case x509::X509_V_ERR_HOSTNAME_MISMATCH:
    case x509::X509_V_ERR_IP_ADDRESS_MISMATCH:
      why = who(leaf) + " " + names_text(leaf.dict, request.check_common_name);
      break;
    case x509::X509_V_ERR_CERT_HAS_EXPIRED:
    case x509::X509_V_ERR_CERT_NOT_YET_VALID: {
      bool expired = outcome.verify_code == x509::X509_V_ERR_CERT_HAS_EXPIRED;
      for (const DecodedCert& c : chain) {
        if (expired && c.cert.not_after().unix_seconds < request.time) {
          why = who(c) + " expired on " + c.dict.notAfter;
          break;
        }
        if (!expired && c.cert.not_before().unix_seconds > request.time) {
          why = who(c) + " is not valid before " + c.dict.notBefore;
          break;
        }
      }
      if (why.empty()) why = "a trusted CA certificate of the path is out of its validity period";
      why += "; the time of verification was " + time_text(request.time);
      break;
    }
    case x509::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case x509::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: {
      // The first certificate whose issuer the peer did not send next.
      size_t i = 0;
      while (i + 1 < chain.size() && chain[i + 1].cert.subject().matches(chain[i].cert.issuer())) {
        ++i;
      }
      why = who(chain[i]) + " was issued by '" + dn_text(chain[i].dict.issuer) +
            "', which is not among the trusted CA certificates";
      break;
    }
    case x509::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      why = who(leaf) + " is self-signed and is not among the trusted CA certificates";
      break;
    case x509::X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      why = who(chain.back()) + ", the self-signed end of the chain sent, is not among the "
            "trusted CA certificates";
      break;
    default:
      why = "peer " + who(leaf) + ", issued by '" + dn_text(leaf.dict.issuer) + "'";
      break;
  }
  if (!outcome.detail.empty()) why += "; " + outcome.detail;
  return why;
}

x509::VerifyOutcome ExplainingVerifier::verify(const x509::VerifyRequest& request) const {
  x509::VerifyOutcome outcome = inner_->verify(request);
  if (!outcome.ok()) outcome.detail = explain_verify_failure(outcome, request);
  return outcome;
}

}  // namespace tlsock::detail
