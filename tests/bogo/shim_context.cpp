#include "bogo/shim_context.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "tlsock/cert_utils.hpp"
#include "tlsock/errors.hpp"

namespace bogo {
namespace {

using tlsock::TLSVersion;

// Python's default cipher string, for a connection whose -cipher flag is gone.
constexpr const char* kDefaultCiphers =
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";
constexpr const char* kDefaultGroups = "x25519:secp256r1:secp384r1";

const std::map<uint16_t, std::string>& group_names() {
  static const std::map<uint16_t, std::string> names = {
      {23, "secp256r1"}, {24, "secp384r1"}, {29, "x25519"}};
  return names;
}

const std::map<uint16_t, std::string>& signature_scheme_names() {
  static const std::map<uint16_t, std::string> names = {
      {0x0201, "rsa_pkcs1_sha1"},         {0x0203, "ecdsa_sha1"},
      {0x0401, "rsa_pkcs1_sha256"},       {0x0501, "rsa_pkcs1_sha384"},
      {0x0601, "rsa_pkcs1_sha512"},       {0x0403, "ecdsa_secp256r1_sha256"},
      {0x0503, "ecdsa_secp384r1_sha384"}, {0x0603, "ecdsa_secp521r1_sha512"},
      {0x0804, "rsa_pss_rsae_sha256"},    {0x0805, "rsa_pss_rsae_sha384"},
      {0x0806, "rsa_pss_rsae_sha512"},    {0x0807, "ed25519"},
      {0x0808, "ed448"},                  {0x0809, "rsa_pss_pss_sha256"},
      {0x080a, "rsa_pss_pss_sha384"},     {0x080b, "rsa_pss_pss_sha512"}};
  return names;
}

std::optional<uint16_t> code_of(const std::map<uint16_t, std::string>& names,
                                const std::string& name) {
  for (const auto& [code, n] : names) {
    if (n == name) return code;
  }
  return std::nullopt;
}

// ':'-joined names of `codes`; Unimplemented for a code tlsock does not name.
std::string name_list(const std::map<uint16_t, std::string>& names, const std::vector<int>& codes,
                      const char* what) {
  std::string list;
  for (int code : codes) {
    auto it = names.find(static_cast<uint16_t>(code));
    if (it == names.end()) throw Unimplemented(std::string(what) + " " + std::to_string(code));
    if (!list.empty()) list += ':';
    list += it->second;
  }
  return list;
}

// BoringSSL's ALPN flag value: length-prefixed names back to back ("\x03foo\x03bar").
std::vector<std::string> alpn_list(const std::string& wire) {
  std::vector<std::string> names;
  for (size_t i = 0; i < wire.size();) {
    size_t len = static_cast<unsigned char>(wire[i]);
    if (len == 0 || i + 1 + len > wire.size()) {
      throw std::invalid_argument("-advertise-alpn: malformed list");
    }
    names.push_back(wire.substr(i + 1, len));
    i += 1 + len;
  }
  return names;
}

void configure_versions(tlsock::SSLContext& context, const Config& config) {
  int max = config.number("-max-version", 0x0304);
  if (max < 0x0303) throw Unimplemented("-max-version " + std::to_string(max) + " (TLS < 1.2)");
  if (max > 0x0304) throw Unimplemented("-max-version " + std::to_string(max));
  // A minimum below TLS 1.2 means TLS 1.2: tlsock speaks nothing older (RFC 8996).
  int min = std::max(config.number("-min-version", 0x0303), 0x0303);
  if (min > 0x0304) throw Unimplemented("-min-version " + std::to_string(min));
  context.set_minimum_version(static_cast<TLSVersion>(min));
  context.set_maximum_version(static_cast<TLSVersion>(max));
}

void configure_options(tlsock::SSLContext& context, const Config& config) {
  // BoringSSL's defaults: the client's cipher order, tickets on (Python's defaults otherwise).
  tlsock::Options options = tlsock::OP_ALL | tlsock::OP_NO_SSLv2 | tlsock::OP_NO_SSLv3 |
                            tlsock::OP_NO_COMPRESSION | tlsock::OP_ENABLE_MIDDLEBOX_COMPAT;
  if (config.flag("-server-preference")) options |= tlsock::OP_CIPHER_SERVER_PREFERENCE;
  if (config.flag("-no-ticket")) options |= tlsock::OP_NO_TICKET;
  if (config.flag("-no-tls12")) options |= tlsock::OP_NO_TLSv1_2;
  if (config.flag("-no-tls13")) options |= tlsock::OP_NO_TLSv1_3;
  context.set_options(options);
  if (config.server()) context.set_num_tickets(config.flag("-no-ticket") ? 0 : 2);
}

void configure_algorithms(tlsock::SSLContext& context, const Config& config) {
  std::string ciphers = config.text("-cipher").value_or(kDefaultCiphers);
  try {
    context.set_ciphers(ciphers);
  } catch (const tlsock::SSLError&) {
    throw Unimplemented("-cipher " + ciphers + " (selects no suite tlsock has)");
  }
  const std::vector<int>& curves = config.numbers("-curves");
  context.set_groups(curves.empty() ? kDefaultGroups
                                    : name_list(group_names(), curves, "-curves"));

  // tlsock has one list for the schemes it signs with and accepts.
  const std::vector<int>& signing = config.numbers("-signing-prefs");
  const std::vector<int>& verify = config.numbers("-verify-prefs");
  if (!signing.empty() && !verify.empty() && signing != verify) {
    throw Unimplemented("-signing-prefs and -verify-prefs differ (tlsock has one list)");
  }
  // A server signs with the list and (without client authentication) checks nothing with it;
  // a client would also advertise it as the schemes it accepts from the server.
  if (!signing.empty() && verify.empty() && !config.server()) {
    throw Unimplemented("-signing-prefs on a client (tlsock's one list is also what it accepts)");
  }
  const std::vector<int>& schemes = signing.empty() ? verify : signing;
  if (!schemes.empty()) {
    try {
      context.set_sigalgs(name_list(signature_scheme_names(), schemes, "signature scheme"));
    } catch (const std::invalid_argument& e) {
      throw Unimplemented(e.what());
    }
  }
}

void configure_alpn(tlsock::SSLContext& context, const Config& config) {
  std::vector<std::string> protocols;
  if (config.server()) {
    if (auto selected = config.text("-select-alpn"); selected && !config.flag("-decline-alpn")) {
      protocols.push_back(*selected);
    }
  } else if (auto advertised = config.text("-advertise-alpn")) {
    protocols = alpn_list(*advertised);
  }
  context.set_alpn_protocols(protocols);
}

void configure_certificates(tlsock::SSLContext& context, const Config& config) {
  auto cert = config.text("-cert-file");
  auto key = config.text("-key-file");
  if (cert || key) {
    if (!cert || !key) throw std::invalid_argument("-cert-file and -key-file go together");
    try {
      context.load_cert_chain(*cert, *key);
    } catch (const tlsock::SSLError& e) {
      throw Unimplemented(*cert + ": " + e.what());
    }
  }
  // The runner's certificates are self-signed and long expired, and BoringSSL's shim accepts
  // them through a verify callback that approves any chain; tlsock has no such mode, so
  // -verify-peer and -require-any-client-certificate are refused by the flag table, and no
  // certificate is checked here.
  if (!config.server()) context.set_check_hostname(false);
  context.set_verify_mode(tlsock::CERT_NONE);
}

}  // namespace

void configure_context(tlsock::SSLContext& context, const Config& config) {
  if (config.number("-expect-total-renegotiations") != 0) {
    throw Unimplemented("-expect-total-renegotiations (tlsock never renegotiates)");
  }
  configure_versions(context, config);
  configure_options(context, config);
  configure_algorithms(context, config);
  configure_alpn(context, config);
  configure_certificates(context, config);
}

std::optional<uint16_t> version_code(const std::string& name) {
  if (name == "TLSv1.3") return 0x0304;
  if (name == "TLSv1.2") return 0x0303;
  return std::nullopt;
}

std::optional<uint16_t> cipher_code(const tlsock::SSLContext& context, const std::string& name) {
  for (const tlsock::CipherDetails& c : context.get_ciphers()) {
    if (c.name == name) return static_cast<uint16_t>(c.id & 0xffff);
  }
  return std::nullopt;
}

std::optional<uint16_t> group_code(const std::string& name) {
  return code_of(group_names(), name);
}

std::optional<uint16_t> signature_scheme_code(const std::string& name) {
  return code_of(signature_scheme_names(), name);
}

std::vector<std::string> read_pem_certificates(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  static constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
  std::vector<std::string> ders;
  std::string all = text.str();
  for (size_t begin = all.find("-----BEGIN CERTIFICATE-----"); begin != std::string::npos;
       begin = all.find("-----BEGIN CERTIFICATE-----", begin + 1)) {
    size_t end = all.find(kEnd, begin);
    if (end == std::string::npos) throw std::runtime_error(path + ": unterminated PEM block");
    ders.push_back(tlsock::PEM_cert_to_DER_cert(all.substr(begin, end + kEnd.size() - begin)));
  }
  return ders;
}

}  // namespace bogo
