// libFuzzer: certificate decoding and everything computed from a decoded certificate
// (Python dict and repr, hostname matching, name comparison).
#include <cstddef>
#include <cstdint>

#include "socket/python_dict.hpp"
#include "x509/certificate.hpp"
#include "x509/hostname.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto cert = tlsock::x509::Certificate::from_der(tlsock::ByteView{data, size});
  if (!cert) return 0;
  auto dict = tlsock::detail::to_peer_certificate(*cert);
  if (dict) {
    (void)dict->to_python_repr();
    (void)dict->to_json();
  }
  (void)tlsock::x509::certificate_matches_host(*cert, "www.example.com", true);
  (void)tlsock::x509::certificate_matches_host(*cert, "2001:db8::1", true);
  (void)tlsock::x509::certificate_matches_host(*cert, "b\xc3\xbc" "cher.example", true);  // a U-label name
  (void)cert->self_issued();
  return 0;
}
