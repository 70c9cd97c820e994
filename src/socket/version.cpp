#include "tlsock/version.hpp"

#include "crypto/provider.hpp"
#include "crypto/self_test.hpp"

namespace tlsock {

const char* version() { return TLSOCK_VERSION_STRING; }

SelfTestReport self_test() {
  SelfTestReport report;
  for (const crypto_internal::SelfTestLine& line : crypto_internal::run_self_tests()) {
    report.text += line.name;
    if (line.ok) {
      report.text += ": ok\n";
    } else {
      report.ok = false;
      report.text += ": FAILED " + line.detail + "\n";
    }
  }
  return report;
}

}  // namespace tlsock
