// A client Connection (TLS 1.3, or 1.3 and 1.2; optionally resuming) fed arbitrary "server"
// bytes (see engine_fuzz.hpp).
#include "engine_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tlsock::fuzz::drive(tlsock::Role::client, data, size);
  return 0;
}
