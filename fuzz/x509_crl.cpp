// libFuzzer: CRL decoding (RFC 5280 §5) and the lookups the revocation check makes on a decoded
// CRL.
#include <cstddef>
#include <cstdint>

#include "x509/crl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto crl = tlsock::x509::Crl::from_der(tlsock::ByteView{data, size});
  if (!crl) return 0;
  const uint8_t serial[] = {0x02};
  (void)crl->find(tlsock::ByteView{serial, 1});
  for (const auto& entry : crl->revoked())
    if (entry.reason) (void)tlsock::x509::crl_reason_name(*entry.reason);
  (void)crl->issuer().matches(crl->issuer());
  return 0;
}
