// The known-answer checks behind self_test() (provider.hpp). Private to src/crypto.
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
