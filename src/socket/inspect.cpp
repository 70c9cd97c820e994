// The code point names and certificate decoding of tlsock/inspect.hpp, over the core's own
// tables (common/wire_enums, socket/python_dict).
#include "tlsock/inspect.hpp"

#include <stdexcept>

#include "common/wire_enums.hpp"
#include "x509/certificate.hpp"
#include "socket/python_dict.hpp"

namespace tlsock {

std::string content_type_name(uint8_t value) { return name(static_cast<ContentType>(value)); }
std::string handshake_type_name(uint8_t value) { return name(static_cast<HandshakeType>(value)); }
std::string extension_name(uint16_t value) { return name(static_cast<ExtensionType>(value)); }
std::string named_group_name(uint16_t value) { return name(static_cast<NamedGroup>(value)); }
std::string signature_scheme_name(uint16_t value) {
  return name(static_cast<SignatureScheme>(value));
}
std::string cipher_suite_name(uint16_t value) { return name(static_cast<CipherSuite>(value)); }
std::string protocol_version_name(uint16_t value) {
  return name(static_cast<ProtocolVersion>(value));
}
std::string alert_level_name(uint8_t value) { return name(static_cast<AlertLevel>(value)); }
std::string alert_description_name(uint8_t value) {
  return name(static_cast<AlertDescription>(value));
}

PeerCertificate decode_der_certificate(ConstBuffer der) {
  auto bytes = der.bytes();
  auto cert = x509::Certificate::from_der(
      ByteView(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  if (!cert) throw std::invalid_argument(cert.error().detail);
  auto dict = detail::to_peer_certificate(*cert);
  if (!dict) throw std::invalid_argument(dict.error().detail);
  return std::move(*dict);
}

}  // namespace tlsock
