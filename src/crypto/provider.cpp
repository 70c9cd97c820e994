#include "crypto/provider.hpp"

#include <botan/version.h>
#include <sodium.h>

#include "crypto/internal.hpp"

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

}  // namespace tlsock
