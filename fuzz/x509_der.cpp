// libFuzzer: the strict DER reader walks arbitrary input recursively without reading out of
// bounds or recursing past kMaxDerDepth.
#include <cstddef>
#include <cstdint>

#include "x509/der_reader.hpp"

namespace {
void walk(tlsock::x509::DerReader& r) {
  while (!r.empty()) {
    auto e = r.read_any();
    if (!e) return;
    if (e->constructed()) {
      auto sub = r.enter(*e);
      if (sub) walk(*sub);
    } else {
      (void)tlsock::x509::check_integer(e->content);
      if (tlsock::x509::check_oid(e->content)) (void)tlsock::x509::oid_to_string(e->content);
      (void)tlsock::x509::parse_bit_string(e->content);
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tlsock::x509::DerReader r({data, size});
  walk(r);
  return 0;
}
