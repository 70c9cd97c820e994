// The code point names, certificate decoding and name text of tlsock/inspect.hpp, over the core's own
// tables (common/wire_enums, socket/python_dict).
#include "tlsock/inspect.hpp"

#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "common/wire_enums.hpp"
#include "x509/certificate.hpp"
#include "socket/python_dict.hpp"

namespace tlsock {

namespace {

std::string_view short_name(std::string_view long_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kShort{{
      {"commonName", "CN"},
      {"organizationName", "O"},
      {"organizationalUnitName", "OU"},
      {"countryName", "C"},
      {"stateOrProvinceName", "ST"},
      {"localityName", "L"},
      {"domainComponent", "DC"},
      {"serialNumber", "serialNumber"},
  }};
  for (const auto& [full, abbreviation] : kShort)
    if (full == long_name) return abbreviation;
  return long_name;
}

}  // namespace

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

std::string distinguished_name(const PeerCertificate::DistinguishedName& name) {
  std::string out;
  for (const auto& rdn : name) {
    for (const auto& attribute : rdn) {
      if (!out.empty()) out += ", ";
      out += std::string(short_name(attribute.name)) + "=" +
             (attribute.is_bytes ? "<bytes>" : attribute.value);
    }
  }
  return out.empty() ? "(empty)" : out;
}

}  // namespace tlsock
