// The known-answer checks behind tlsock::self_test() (tlsock/version.hpp, which src/socket
// defines over these): one per primitive family (AEAD, hash, HKDF, PRF, key exchange, signatures).
#pragma once

#include <string>
#include <vector>

namespace tlsock::crypto_internal {

struct SelfTestLine {
  std::string name;
  bool ok = false;
  std::string detail;
};

std::vector<SelfTestLine> run_self_tests();

}  // namespace tlsock::crypto_internal
