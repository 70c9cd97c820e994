#include "crypto/provider.hpp"

#include <botan/version.h>
#include <sodium.h>

#include "crypto/internal.hpp"
#include "crypto/self_test.hpp"

namespace tlsock {

Provider default_provider() { return Provider{system_rng(), system_clock()}; }

std::string botan_version() {
  return std::to_string(Botan::version_major()) + "." + std::to_string(Botan::version_minor()) +
         "." + std::to_string(Botan::version_patch());
}

std::string sodium_version() {
  crypto_internal::ensure_sodium();
  return sodium_version_string();
}

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
