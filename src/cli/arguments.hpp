// The command line of a subcommand, read one word at a time, and the TLS options the client and
// the server share (versions, suites, groups, ALPN, certificates, trust, key log, trace).
#pragma once

#include <cstdio>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tlsock/ssl_context.hpp"

namespace tlsock::cli {

// A command line that cannot be used: the message is printed with the subcommand's usage.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  Arguments(int argc, char** argv) : words_(argv, argv + argc) {}
  bool done() const { return next_ == words_.size(); }
  std::string_view next() { return words_.at(next_++); }
  // The word after `flag`, which must be there.
  std::string value_of(std::string_view flag);
  // value_of(flag) as a number in [low, high].
  long number_of(std::string_view flag, long low, long high);

 private:
  std::vector<std::string_view> words_;
  size_t next_ = 0;
};

// HOST:PORT, [V6ADDR]:PORT.
struct HostPort {
  std::string host;
  int port = 0;
};
HostPort parse_host_port(std::string_view text);

// What `tlsock client` and `tlsock server` configure alike.
struct TlsSettings {
  std::optional<TLSVersion> only_version;  // --tls1_2 / --tls1_3
  std::optional<std::string> ciphers;       // TLS 1.2 cipher string
  std::optional<std::string> ciphersuites;  // TLS 1.3 suites
  std::optional<std::string> groups;
  std::optional<std::string> sigalgs;
  std::vector<std::string> alpn;
  std::optional<std::string> cafile;
  std::optional<std::string> capath;
  std::vector<std::string> certs;  // each with the key of the same position, or its own file
  std::vector<std::string> keys;
  std::optional<std::string> pass;
  std::optional<std::string> keylog;
  bool trace = false;
};

// Takes `flag` (and its value) when it is one of the shared options; false otherwise.
bool take_shared_option(std::string_view flag, Arguments& args, TlsSettings& settings);
// Applies the settings to a context (the facade's exceptions propagate). Trust: cafile/capath
// when given, else the system's when `default_trust`.
void configure_context(SSLContext& context, const TlsSettings& settings, bool default_trust);

// The usage lines of the shared options.
extern const char* const kSharedOptionsUsage;

// A subcommand's exit status: `parse(argc, argv)` gives its options, `run(options)` its status.
// A UsageError prints "tlsock <name>: <why>" and the usage (status 2); any other exception is
// one line "tlsock: error: <what>" (status 1).
template <typename Parse, typename Run>
int run_subcommand(const char* name, const char* usage, int argc, char** argv, Parse parse,
                   Run run) {
  decltype(parse(argc, argv)) options;
  for (int i = 0; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::printf("%s%s", usage, kSharedOptionsUsage);
      return 0;
    }
  }
  try {
    options = parse(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "tlsock %s: %s\n%s%s", name, e.what(), usage, kSharedOptionsUsage);
    return 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tlsock: error: %s\n", e.what());
    return 1;
  }
}

}  // namespace tlsock::cli
