#include "cli/arguments.hpp"

#include <charconv>

#include "cli/message_trace.hpp"

namespace tlsock::cli {

const char* const kSharedOptionsUsage =
    "  --tls1_2 | --tls1_3        only this version\n"
    "  --ciphers LIST             TLS 1.2 suites (OpenSSL cipher string)\n"
    "  --ciphersuites LIST        TLS 1.3 suites (TLS_AES_128_GCM_SHA256:...)\n"
    "  --groups LIST              key-exchange groups (x25519:secp256r1:secp384r1)\n"
    "  --sigalgs LIST             signature schemes (ecdsa_secp256r1_sha256:...)\n"
    "  --alpn LIST                ALPN protocols, comma-separated\n"
    "  --cafile FILE, --capath DIR  trust anchors\n"
    "  --cert FILE [--key FILE] [--pass PASSWORD]  certificate chain and key\n"
    "  --keylog FILE              append the secrets in NSS key log format\n"
    "  --trace                    print every handshake message and alert on stderr\n";

std::string Arguments::value_of(std::string_view flag) {
  if (done()) throw UsageError(std::string(flag) + " needs a value");
  return std::string(next());
}

long Arguments::number_of(std::string_view flag, long low, long high) {
  std::string text = value_of(flag);
  long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < low || n > high) {
    throw UsageError(std::string(flag) + " takes a number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", not '" + text + "'");
  }
  return n;
}

HostPort parse_host_port(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw UsageError("expected HOST:PORT, got '" + std::string(text) + "'");
  }
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int n = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc() || end != port.data() + port.size() || n < 0 || n > 65535) {
    throw UsageError("bad port in '" + std::string(text) + "'");
  }
  return {std::string(host), n};
}

namespace {

std::vector<std::string> split_commas(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    size_t comma = list.find(',');
    if (comma != 0) items.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return items;
}

}  // namespace

bool take_shared_option(std::string_view flag, Arguments& args, TlsSettings& s) {
  if (flag == "--tls1_2") {
    s.only_version = TLSVersion::TLSv1_2;
  } else if (flag == "--tls1_3") {
    s.only_version = TLSVersion::TLSv1_3;
  } else if (flag == "--ciphers") {
    s.ciphers = args.value_of(flag);
  } else if (flag == "--ciphersuites") {
    s.ciphersuites = args.value_of(flag);
  } else if (flag == "--groups") {
    s.groups = args.value_of(flag);
  } else if (flag == "--sigalgs") {
    s.sigalgs = args.value_of(flag);
  } else if (flag == "--alpn") {
    s.alpn = split_commas(args.value_of(flag));
  } else if (flag == "--cafile") {
    s.cafile = args.value_of(flag);
  } else if (flag == "--capath") {
    s.capath = args.value_of(flag);
  } else if (flag == "--cert") {
    s.certs.push_back(args.value_of(flag));
  } else if (flag == "--key") {
    s.keys.push_back(args.value_of(flag));
  } else if (flag == "--pass") {
    s.pass = args.value_of(flag);
  } else if (flag == "--keylog") {
    s.keylog = args.value_of(flag);
  } else if (flag == "--trace") {
    s.trace = true;
  } else {
    return false;
  }
  return true;
}

void configure_context(SSLContext& context, const TlsSettings& s, bool default_trust) {
  if (s.only_version) {
    context.set_minimum_version(*s.only_version);
    context.set_maximum_version(*s.only_version);
  }
  if (s.ciphers) context.set_ciphers(*s.ciphers);
  if (s.ciphersuites) context.set_ciphersuites(*s.ciphersuites);
  if (s.groups) context.set_groups(*s.groups);
  if (s.sigalgs) context.set_sigalgs(*s.sigalgs);
  if (!s.alpn.empty()) context.set_alpn_protocols(s.alpn);
  if (s.cafile || s.capath) {
    context.load_verify_locations({.cafile = s.cafile, .capath = s.capath});
  } else if (default_trust) {
    context.set_default_verify_paths();
  }
  if (s.keys.size() > s.certs.size()) throw UsageError("--key without its --cert");
  for (size_t i = 0; i < s.certs.size(); ++i) {
    std::optional<std::string> key;
    if (i < s.keys.size()) key = s.keys[i];
    Password password;
    if (s.pass) password = Password(*s.pass);
    context.load_cert_chain(s.certs[i], key, password);
  }
  if (s.keylog) context.set_keylog_filename(*s.keylog);
  if (s.trace) context.set_msg_callback(MessageTrace::callback_to_stderr());
}

}  // namespace tlsock::cli
