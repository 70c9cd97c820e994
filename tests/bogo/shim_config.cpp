#include "bogo/shim_config.hpp"

#include <cstddef>
#include <string_view>

namespace bogo {
namespace {

enum class Kind { boolean, integer, int_vector, string };

struct FlagInfo {
  Kind kind;
  bool honoured;  // false: tlsock has no such feature (or no public API for it)
};

// Every flag of BoringSSL's test_config.cc at the runner's commit (f3a0b745c),
// with whether the shim honours it. Base64, StringPairVector, OptionalString and Base64Vector
// flags are all features tlsock lacks, so they are read as plain strings and refused.
const std::map<std::string, FlagInfo, std::less<>>& flag_table() {
  constexpr bool yes = true, no = false;
  constexpr Kind B = Kind::boolean, I = Kind::integer, V = Kind::int_vector, S = Kind::string;
  static const std::map<std::string, FlagInfo, std::less<>> table = {
      {"-advertise-alpn", {S, yes}},
      {"-advertise-npn", {S, no}},  // NPN: HAS_NPN is false
      {"-allow-false-start-without-alpn", {B, no}},
      {"-allow-hint-mismatch", {B, no}},
      {"-allow-unknown-alpn-protos", {B, no}},
      {"-application-settings", {S, no}},  // ALPS
      {"-async", {B, yes}},                 // SSLObject over MemoryBIOs
      {"-cbc-record-splitting", {B, no}},
      {"-cert-file", {S, yes}},
      {"-check-close-notify", {B, yes}},
      {"-cipher", {S, yes}},
      {"-curves", {V, yes}},
      {"-decline-alpn", {B, yes}},
      {"-decline-ocsp-callback", {B, no}},
      {"-defer-alps", {B, no}},
      {"-delegated-credential", {S, no}},
      {"-dtls", {B, no}},
      {"-early-write-after-message", {I, no}},
      {"-ech-config-list", {S, no}},
      {"-ech-is-retry-config", {V, no}},
      {"-ech-server-config", {S, no}},
      {"-ech-server-key", {S, no}},
      {"-enable-channel-id", {B, no}},
      {"-enable-early-data", {B, no}},
      {"-enable-ech-grease", {B, no}},
      {"-enable-grease", {B, no}},
      {"-enable-ocsp-stapling", {B, no}},
      {"-enable-signed-cert-timestamps", {B, no}},
      {"-enforce-rsa-key-usage", {B, no}},
      {"-expect-accept-early-data", {B, no}},
      {"-expect-advertised-alpn", {S, yes}},  // from the ClientHello
      {"-expect-alpn", {S, yes}},
      {"-expect-certificate-types", {S, no}},
      {"-expect-channel-id", {S, no}},
      {"-expect-cipher", {I, yes}},
      {"-expect-cipher-aes", {I, no}},
      {"-expect-cipher-no-aes", {I, no}},
      {"-expect-client-ca-list", {S, no}},
      {"-expect-curve-id", {I, yes}},
      {"-expect-delegated-credential-used", {B, no}},
      {"-expect-early-data-reason", {S, no}},
      {"-expect-ech-accept", {B, no}},
      {"-expect-ech-name-override", {S, no}},
      {"-expect-ech-retry-configs", {S, no}},
      {"-expect-extended-master-secret", {B, yes}},  // from the ServerHello
      {"-expect-hrr", {B, yes}},  // HelloRetryRequest seen by the message callback
      {"-expect-late-alpn", {S, no}},
      {"-expect-msg-callback", {S, yes}},
      {"-expect-next-proto", {S, no}},
      {"-expect-no-ech-name-override", {B, no}},
      {"-expect-no-ech-retry-configs", {B, no}},
      {"-expect-no-hrr", {B, yes}},
      {"-expect-no-offer-early-data", {B, yes}},  // tlsock never offers 0-RTT
      {"-expect-no-secure-renegotiation", {B, yes}},
      {"-expect-no-session", {B, yes}},
      {"-expect-no-session-id", {B, yes}},
      {"-expect-ocsp-response", {S, no}},
      {"-expect-peer-application-settings", {S, no}},
      {"-expect-peer-cert-file", {S, yes}},
      {"-expect-peer-signature-algorithm", {I, yes}},
      {"-expect-peer-verify-pref", {V, no}},
      {"-expect-quic-transport-params", {S, no}},
      {"-expect-reject-early-data", {B, no}},
      {"-expect-secure-renegotiation", {B, yes}},  // from the ServerHello
      {"-expect-server-name", {S, yes}},
      {"-expect-session-id", {B, yes}},
      {"-expect-session-miss", {B, yes}},
      {"-expect-sha256-client-cert", {B, no}},
      {"-expect-signed-cert-timestamps", {S, no}},
      {"-expect-ticket-age-skew", {I, no}},
      {"-expect-ticket-renewal", {B, yes}},
      {"-expect-ticket-supports-early-data", {B, no}},
      {"-expect-total-renegotiations", {I, yes}},  // only 0: tlsock never renegotiates
      {"-expect-verify-result", {B, no}},
      {"-expect-version", {I, yes}},
      {"-export-context", {S, yes}},
      {"-export-keying-material", {I, yes}},
      {"-export-label", {S, yes}},
      {"-export-traffic-secrets", {B, no}},
      {"-fail-cert-callback", {B, no}},
      {"-fail-ddos-callback", {B, no}},
      {"-fail-early-callback", {B, no}},
      {"-fail-ocsp-callback", {B, no}},
      {"-fallback-scsv", {B, no}},
      {"-false-start", {B, no}},
      {"-fips-202205", {B, no}},
      // tlsock refuses renegotiation with a warning alert, BoringSSL with this flag fatally.
      {"-forbid-renegotiation-after-handshake", {B, no}},
      {"-handoff", {B, no}},
      {"-handshake-hints", {B, no}},
      {"-handshake-never-done", {B, no}},
      {"-handshake-twice", {B, yes}},
      {"-handshaker-path", {S, no}},
      {"-handshaker-resume", {B, no}},
      {"-host-name", {S, yes}},
      {"-implicit-handshake", {B, yes}},
      {"-initial-timeout-duration-ms", {I, no}},
      {"-install-cert-compression-algs", {B, no}},
      {"-install-ddos-callback", {B, no}},
      {"-install-one-cert-compression-alg", {I, no}},
      {"-is-handshaker-supported", {B, yes}},
      {"-jdk11-workaround", {B, no}},
      {"-key-file", {S, yes}},
      {"-key-update", {B, yes}},
      {"-max-cert-list", {I, no}},
      {"-max-send-fragment", {I, no}},
      {"-max-version", {I, yes}},
      {"-min-version", {I, yes}},
      {"-mtu", {I, no}},
      {"-no-op-extra-handshake", {B, yes}},
      {"-no-ticket", {B, yes}},
      {"-no-tls1", {B, yes}},  // TLS 1.0 and 1.1 are never spoken anyway
      {"-no-tls11", {B, yes}},
      {"-no-tls12", {B, yes}},
      {"-no-tls13", {B, yes}},
      {"-ocsp-response", {S, no}},
      {"-partial-write", {B, yes}},  // the shim's writes loop until all is sent
      {"-peek-then-read", {B, no}},
      {"-permute-extensions", {B, no}},
      {"-port", {I, yes}},
      {"-psk", {S, no}},
      {"-psk-identity", {S, no}},
      {"-quic", {B, no}},
      {"-quic-early-data-context", {S, no}},
      {"-quic-transport-params", {S, no}},
      {"-quic-use-legacy-codepoint", {I, no}},
      {"-read-size", {I, yes}},
      {"-read-with-unfinished-write", {B, no}},
      {"-reject-alpn", {B, no}},
      {"-renegotiate-explicit", {B, no}},
      {"-renegotiate-freely", {B, no}},
      {"-renegotiate-ignore", {B, no}},
      {"-renegotiate-once", {B, no}},
      {"-renew-ticket", {B, no}},
      {"-require-any-client-certificate", {B, no}},  // see shim_context.cpp
      {"-resume-count", {I, yes}},
      {"-resumption-delay", {I, no}},
      {"-retain-only-sha256-client-cert", {B, no}},
      {"-reverify-on-resume", {B, no}},
      {"-select-alpn", {S, yes}},
      {"-select-empty-alpn", {B, no}},
      {"-select-next-proto", {S, no}},
      {"-send-alert", {B, no}},
      {"-send-channel-id", {S, no}},
      {"-server", {B, yes}},
      {"-server-preference", {B, yes}},
      {"-set-ocsp-in-callback", {B, no}},
      {"-shim-shuts-down", {B, yes}},
      {"-shim-writes-first", {B, yes}},
      {"-signed-cert-timestamps", {S, no}},
      {"-signing-prefs", {V, yes}},
      {"-srtp-profiles", {S, no}},
      {"-ticket-key", {S, no}},
      {"-tls-unique", {B, yes}},
      {"-use-client-ca-list", {S, no}},
      {"-use-custom-verify-callback", {B, no}},
      {"-use-early-callback", {B, no}},
      {"-use-export-context", {B, yes}},
      {"-use-exporter-between-reads", {B, yes}},
      {"-use-ocsp-callback", {B, no}},
      // BoringSSL's client then hands its -cert-file over in a callback; tlsock's client always has
      // it from the context, which the server sees the same way.
      {"-use-old-client-cert-callback", {B, yes}},
      {"-use-ticket-callback", {B, no}},
      {"-verify-fail", {B, no}},
      {"-verify-peer", {B, no}},  // see shim_context.cpp
      {"-verify-peer-if-no-obc", {B, no}},
      {"-verify-prefs", {V, yes}},
      {"-wait-for-debugger", {B, no}},
      {"-write-different-record-sizes", {B, no}},
      {"-write-settings", {S, no}},
  };
  return table;
}

int parse_int(const std::string& flag, const std::string& value) {
  size_t used = 0;
  int n = std::stoi(value, &used);
  if (used != value.size()) throw std::invalid_argument(flag + ": not an integer: " + value);
  return n;
}

}  // namespace

int Config::number(const std::string& name, int fallback) const {
  auto it = ints_.find(name);
  return it == ints_.end() ? fallback : it->second;
}

std::optional<std::string> Config::text(const std::string& name) const {
  auto it = strings_.find(name);
  if (it == strings_.end()) return std::nullopt;
  return it->second;
}

const std::vector<int>& Config::numbers(const std::string& name) const {
  static const std::vector<int> none;
  auto it = int_vectors_.find(name);
  return it == int_vectors_.end() ? none : it->second;
}

struct ConfigParser {
  static void set(Config& config, const std::string& name, Kind kind, const std::string& value) {
    switch (kind) {
      case Kind::boolean: config.bools_[name] = true; break;
      case Kind::integer: config.ints_[name] = parse_int(name, value); break;
      case Kind::int_vector: config.int_vectors_[name].push_back(parse_int(name, value)); break;
      case Kind::string: config.strings_[name] = value; break;
    }
  }
};

Configs parse_configs(const std::vector<std::string>& args) {
  static constexpr std::string_view kInitial = "-on-initial-", kResume = "-on-resume-";
  Configs configs;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    bool to_initial = true, to_resume = true;
    if (name.starts_with(kInitial)) {
      name = "-" + name.substr(kInitial.size());
      to_resume = false;
    } else if (name.starts_with(kResume)) {
      name = "-" + name.substr(kResume.size());
      to_initial = false;
    }
    auto it = flag_table().find(name);
    if (it == flag_table().end()) throw Unimplemented("unknown flag " + args[i]);
    const FlagInfo& info = it->second;
    if (!info.honoured) throw Unimplemented("flag " + args[i] + " (no such feature in tlsock)");
    std::string value;
    if (info.kind != Kind::boolean) {
      if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + ": missing value");
      value = args[++i];
    }
    if (to_initial) ConfigParser::set(configs.initial, name, info.kind, value);
    if (to_resume) ConfigParser::set(configs.resume, name, info.kind, value);
  }
  return configs;
}

}  // namespace bogo
