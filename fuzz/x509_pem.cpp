// libFuzzer: PEM and base64 decoding of arbitrary text, and the trust store's cadata paths.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/base64.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tlsock::x509::pem_decode_all(text);
  (void)tlsock::base64_decode(text, tlsock::Base64Mode::strict);
  (void)tlsock::base64_decode(text, tlsock::Base64Mode::lenient);
  tlsock::x509::TrustStore store;
  (void)store.load_pem(text);
  (void)store.load_der({data, size});
  return 0;
}
