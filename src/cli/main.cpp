// The `tlsock` command. Subcommands: client, server, demo, x509. client, server and demo are
// built on the public API only (include/tlsock); demo's self-test lines also print the crypto
// provider's self-test report.
#include <cstdio>
#include <string_view>

#include "cli/client_command.hpp"
#include "cli/demo_command.hpp"
#include "cli/server_command.hpp"
#include "cli/x509_command.hpp"
#include "tlsock/version.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: tlsock client HOST:PORT [options] | server [options] | demo | x509 ...\n"
               "  client  connect like openssl s_client: stdin to the server, the server to stdout\n"
               "  server  serve like openssl s_server (--echo, --www, --WWW)\n"
               "  demo    versions, crypto self-test, handshakes with tlsock and openssl\n"
               "  x509    decode FILE [--python|--json] | verify --cafile CA [--untrusted FILE]\n"
               "          [--hostname NAME] LEAF | limbo (x509-limbo harness: JSON in, JSON out)\n"
               "`tlsock client --help` and `tlsock server --help` list the options.\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string_view command = argv[1];
  if (command == "client") return run_client_command(argc - 1, argv + 1);
  if (command == "server") return run_server_command(argc - 1, argv + 1);
  if (command == "demo") return run_demo_command();
  if (command == "x509") return run_x509_command(argc - 1, argv + 1);
  if (command == "--version" || command == "version") {
    std::printf("tlsock %s\n", tlsock::version());
    return 0;
  }
  return usage();
}
