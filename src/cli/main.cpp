// The `tlsock` command. Subcommands: demo, x509 (client and server arrive with the facade).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/x509_command.hpp"
#include "crypto/provider.hpp"
#include "tlsock/tlsock.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: tlsock demo | tlsock x509 ...\n"
               "  demo   print the library and backend versions and run the crypto self-test\n"
               "  x509   decode FILE [--python|--json] | verify --cafile CA [--untrusted FILE]\n"
               "         [--hostname NAME] LEAF | limbo (x509-limbo harness: JSON in, JSON out)\n");
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
  if (command == "x509") return run_x509_command(argc - 1, argv + 1);
  if (command == "--version" || command == "version") {
    std::printf("tlsock %s\n", tlsock::version());
    return 0;
  }
  return usage();
}
