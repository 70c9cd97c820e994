// Reads the test keys committed under vectors/keys/ (see vectors/keys/README.md).
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include "common/bytes.hpp"

namespace tlsock::test {

inline constexpr const char* kKeyPassword = "tlsock-test-password";

inline Bytes key_file(const std::string& name) {
  std::ifstream in(std::string(TLSOCK_VECTORS_DIR) + "/keys/" + name, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tlsock::test
