#include "matrix_case.hpp"

namespace tlsock::interop::matrix {

namespace {

const Suite kSuites13[] = {
    {"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "AES-128-GCM", nullptr, "server-p256"},
    {"TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", "AES-256-GCM", nullptr, "server-p256"},
    {"TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305", nullptr,
     "server-p256"},
};

const Suite kSuites12[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM",
     "ECDHE-ECDSA", "server-p256"},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM",
     "ECDHE-ECDSA", "server-p256"},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
     "CHACHA20-POLY1305", "ECDHE-ECDSA", "server-p256"},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "AES-128-GCM",
     "ECDHE-RSA", "server-rsa2048"},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "AES-256-GCM",
     "ECDHE-RSA", "server-rsa2048"},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
     "CHACHA20-POLY1305", "ECDHE-RSA", "server-rsa2048"},
};

const Group kGroups[] = {
    {"x25519", "X25519", "GROUP-X25519", "X25519"},
    {"P-256", "P-256", "GROUP-SECP256R1", "prime256v1"},
    {"P-384", "P-384", "GROUP-SECP384R1", "secp384r1"},
};

const char* const kIdentities[] = {"server-p256", "server-p384", "server-rsa2048", "server-ed25519"};

struct FeatureRow {
  Feature feature;
  const char* label;
  bool tls12;
  bool tls13;
};
const FeatureRow kFeatures[] = {
    {Feature::hello_retry, "HelloRetryRequest", false, true},
    {Feature::resumption, "resumption", true, true},
    {Feature::client_auth, "client auth", true, true},
    {Feature::post_handshake_auth, "post-handshake auth", false, true},
    {Feature::key_update, "KeyUpdate", false, true},
    {Feature::alpn, "ALPN", true, true},
    {Feature::sni, "SNI", true, true},
    {Feature::npn, "NPN", true, false},
    {Feature::bulk, "10 MiB each way", true, true},
};

void add_version(std::vector<Case>& out, Version v) {
  const std::string prefix = std::string(version_label(v)) + " ";
  const bool tls12 = v == Version::tls12;
  auto suites = tls12 ? std::begin(kSuites12) : std::begin(kSuites13);
  auto suites_end = tls12 ? std::end(kSuites12) : std::end(kSuites13);
  for (auto s = suites; s != suites_end; ++s) {
    out.push_back({prefix + (tls12 ? s->openssl : s->iana), v, Feature::handshake, &*s, nullptr,
                   s->identity});
  }
  // RFC 8422 §5.1: in TLS 1.2 the client's supported_groups also limit the server's ECDSA
  // certificate, so a group row there uses the RSA certificate (x25519 or P-384 alone would
  // rule out the P-256 one: tlsock's server then rightly finds no suite).
  for (const Group& g : kGroups) {
    out.push_back({prefix + "group " + g.label, v, Feature::handshake, nullptr, &g,
                   tls12 ? "server-rsa2048" : "server-p256"});
  }
  for (const char* id : kIdentities) {
    out.push_back({prefix + "cert " + id, v, Feature::handshake, nullptr, nullptr, id});
  }
  for (const FeatureRow& f : kFeatures) {
    if (tls12 ? f.tls12 : f.tls13) out.push_back({prefix + f.label, v, f.feature});
  }
}

}  // namespace

const Group kP384 = kGroups[2];

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out;
    add_version(out, Version::tls13);
    add_version(out, Version::tls12);
    return out;
  }();
  return cases;
}

const char* version_label(Version v) { return v == Version::tls12 ? "1.2" : "1.3"; }
const char* version_name(Version v) { return v == Version::tls12 ? "TLSv1.2" : "TLSv1.3"; }

const std::vector<Column>& all_columns() {
  static const std::vector<Column> columns = {
      {Tool::openssl, true, "openssl s_server"},
      {Tool::openssl, false, "openssl s_client"},
      {Tool::gnutls, true, "gnutls-serv"},
      {Tool::gnutls, false, "gnutls-cli"},
  };
  return columns;
}

namespace {

// What openssl_interop_test.cpp (TLS 1.3) and openssl12_interop_test.cpp (TLS 1.2) drive
// against OpenSSL through the engine, both directions: every case here but the bulk
// transfer, and for TLS 1.2 the P-384 and Ed25519 certificates (its suites use P-256 and RSA).
bool covered_by_openssl_interop_tests(const Case& c) {
  if (c.feature == Feature::bulk) return false;
  if (c.version == Version::tls13) return true;
  const bool new_certificate = c.feature == Feature::handshake && c.suite == nullptr &&
                               c.group == nullptr &&
                               (c.identity == "server-p384" || c.identity == "server-ed25519");
  return !new_certificate;
}

}  // namespace

Applies applies(const Column& column, const Case& c) {
  if (column.tool == Tool::openssl && covered_by_openssl_interop_tests(c)) {
    return Applies::covered_elsewhere;
  }
  switch (c.feature) {
    // gnutls-serv cannot be told to ask for a certificate or to update its keys after the
    // handshake, and tlsock's facade has no call that starts a KeyUpdate: only gnutls-cli
    // (inline commands, --post-handshake-auth) drives these against the tlsock server.
    case Feature::post_handshake_auth:
    case Feature::key_update:
      return column.tool == Tool::gnutls && !column.peer_is_server ? Applies::run
                                                                   : Applies::not_applicable;
    // NPN is OpenSSL's alone (covered above).
    case Feature::npn: return Applies::not_applicable;
    default: return Applies::run;
  }
}

}  // namespace tlsock::interop::matrix
