#include "cli/connection_report.hpp"

#include <algorithm>

#include "tlsock/inspect.hpp"

namespace tlsock::cli {

namespace {

std::string or_dash(const std::optional<std::string>& value) {
  return value && !value->empty() ? *value : "-";
}

std::optional<PeerCertificate> peer_leaf(const SSLSocket& connection) {
  std::optional<std::string> der = connection.getpeercert_der();
  if (!der) return std::nullopt;
  return decode_der_certificate(*der);
}

}  // namespace

std::string summary_line(const SSLSocket& connection, bool verified) {
  std::optional<Cipher> cipher = connection.cipher();
  std::optional<bool> resumed = connection.session_reused();
  return "tlsock: version=" + or_dash(connection.version()) +
         " cipher=" + (cipher ? cipher->name : "-") + " group=" + or_dash(connection.group()) +
         " sigalg=" + or_dash(connection.peer_signature_scheme()) +
         " alpn=" + or_dash(connection.selected_alpn_protocol()) +
         " resumed=" + (resumed && *resumed ? "yes" : "no") + " verify=" + (verified ? "ok" : "-");
}

std::string peer_certificate_lines(const SSLSocket& connection) {
  std::optional<PeerCertificate> leaf = peer_leaf(connection);
  if (!leaf) return "no peer certificate\n";
  return "subject=" + distinguished_name(leaf->subject) + "\nissuer=" +
         distinguished_name(leaf->issuer) + "\n";
}

std::string connection_description(const SSLSocket& connection, bool verified) {
  std::optional<Cipher> cipher = connection.cipher();
  std::optional<bool> resumed = connection.session_reused();
  std::string out;
  auto line = [&](std::string_view key, const std::string& value) {
    out += std::string(key) + std::string(22 - std::min<size_t>(key.size(), 21), ' ') + value +
           "\n";
  };
  line("Protocol", or_dash(connection.version()));
  line("Cipher", cipher ? cipher->name + " (" + std::to_string(cipher->bits) + " bits)" : "-");
  line("Key exchange group", or_dash(connection.group()));
  line("Peer signature", or_dash(connection.peer_signature_scheme()));
  line("ALPN", or_dash(connection.selected_alpn_protocol()));
  line("Session resumed", resumed && *resumed ? "yes" : "no");
  line("Client certificate", verified ? "verified" : "not verified");
  std::vector<std::string> chain = connection.get_unverified_chain();
  out += "\nPeer certificate chain (" + std::to_string(chain.size()) + "):\n";
  for (size_t i = 0; i < chain.size(); ++i) {
    PeerCertificate cert = decode_der_certificate(chain[i]);
    out += " " + std::to_string(i) + " s:" + distinguished_name(cert.subject) + "\n   i:" +
           distinguished_name(cert.issuer) + "\n";
  }
  return out;
}

}  // namespace tlsock::cli
