// The `tlsock` command. Subcommands: demo (more arrive with the handshake and X.509 issues).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "crypto/provider.hpp"
#include "tlsock/tlsock.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: tlsock demo\n"
               "  demo   print the library and backend versions and run the crypto self-test\n");
  return 2;
}

int run_demo() {
  std::printf("tlsock %s\n", tlsock::version());
  std::printf("Botan %s, libsodium %s\n", tlsock::botan_version().c_str(),
              tlsock::sodium_version().c_str());
  tlsock::SelfTestReport report = tlsock::self_test();
  std::printf("crypto self-test:\n%s", report.text.c_str());
  std::printf("crypto self-test %s\n", report.ok ? "PASSED" : "FAILED");
  return report.ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string_view command = argv[1];
  if (command == "demo") return run_demo();
  if (command == "--version" || command == "version") {
    std::printf("tlsock %s\n", tlsock::version());
    return 0;
  }
  return usage();
}
