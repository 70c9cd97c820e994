// A server Connection (ECDSA P-256 certificate, tickets, optional client auth, during or after
// the handshake; TLS 1.3, or 1.3 and 1.2) fed arbitrary "client" bytes (see engine_fuzz.hpp).
#include "engine_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tlsock::fuzz::drive(tlsock::Role::server, data, size);
  return 0;
}
