// The command line of the peer program for one matrix cell, and what the peer prints when the
// cell went as asked. The peer is restricted to exactly the case's suite / group /
// certificate, so it enforces the negotiation; tlsock checks the rest through its API.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matrix_case.hpp"

namespace tlsock::interop::matrix {

// The 10 MiB sent each way in a bulk cell: the peer reads it from `path` once tlsock writes
// kBulkGo to its stdin, and pipes what it receives into sha256sum.
struct BulkData {
  std::string path;
  std::string bytes;
  std::string sha256_hex;
};

inline constexpr const char* kBulkGo = "go\n";

struct PeerCommand {
  std::vector<std::string> argv;
  // gnutls-serv --echo sends back what it receives (it has no stdin to type into).
  bool echoes = false;
  // Strings the peer's output must contain once the connection (or, in a bulk cell, the
  // transfer) is over.
  std::vector<std::string> evidence;
};

// `port`: where the peer listens (peer_is_server) or connects to.
PeerCommand peer_command(const Column& column, const Case& c, uint16_t port, const BulkData& bulk);

// The test certificates (vectors/engine).
std::string vector_file(const std::string& name);

}  // namespace tlsock::interop::matrix
