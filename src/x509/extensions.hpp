// Certificate extensions (RFC 5280 §4.2) decoded into views.
//
// Extensions::parse() reads the Extensions SEQUENCE. A structurally broken list (bad DER, an
// explicit critical=FALSE) is a decode error of the certificate. A well-formed list whose
// contents break RFC 5280 (a duplicate OID, an unknown critical extension, a malformed or
// empty known extension, a wrong criticality) is recorded as a defect instead: the
// certificate still decodes (Python's getpeercert() shows it), and path validation rejects it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "x509/der_reader.hpp"
#include "x509/general_name.hpp"

namespace tlsock::x509 {

// Most extensions in one certificate. Real certificates carry about 10; RFC 5280 sets no
// bound. Our limit, to keep the duplicate check quadratic-safe.
inline constexpr size_t kMaxExtensions = 64;

struct Extension {
  ByteView oid;
  bool critical = false;
  ByteView value;  // content of the extnValue OCTET STRING
};

struct BasicConstraints {
  bool ca = false;
  std::optional<int64_t> path_len;
};

// KeyUsage bits (RFC 5280 §4.2.1.3), bit 0 first.
enum KeyUsageBit : uint16_t {
  ku_digital_signature = 1 << 0,
  ku_non_repudiation = 1 << 1,
  ku_key_encipherment = 1 << 2,
  ku_data_encipherment = 1 << 3,
  ku_key_agreement = 1 << 4,
  ku_key_cert_sign = 1 << 5,
  ku_crl_sign = 1 << 6,
  ku_encipher_only = 1 << 7,
  ku_decipher_only = 1 << 8,
};
// RFC 5280's name of a KeyUsage bit ("digitalSignature"), and back.
std::optional<uint16_t> key_usage_bit(std::string_view name);
// The names of the bits set in `bits`, ", "-separated ("digitalSignature, keyCertSign").
std::string key_usage_names(uint16_t bits);

struct GeneralSubtree {
  GeneralName base;
};

struct NameConstraints {
  std::vector<GeneralSubtree> permitted;
  std::vector<GeneralSubtree> excluded;
  bool has_permitted = false;
};

struct AuthorityKeyIdentifier {
  std::optional<ByteView> key_id;
  bool has_issuer = false;
  bool has_serial = false;
};

struct AccessDescription {
  ByteView method;  // OID content
  GeneralName location;
};

struct DistributionPoint {
  bool has_name = false;
  std::vector<GeneralName> full_name;  // empty for nameRelativeToCRLIssuer
  std::vector<GeneralName> crl_issuer;  // cRLIssuer, empty when absent
};

struct Extensions {
  std::vector<Extension> all;

  std::optional<BasicConstraints> basic_constraints;
  std::optional<uint16_t> key_usage;
  std::optional<std::vector<ByteView>> ext_key_usage;  // OID contents
  std::optional<std::vector<GeneralName>> subject_alt_name;
  std::optional<NameConstraints> name_constraints;
  std::optional<ByteView> subject_key_id;
  std::optional<AuthorityKeyIdentifier> authority_key_id;
  std::optional<std::vector<ByteView>> certificate_policies;  // policy OIDs
  std::optional<std::vector<AccessDescription>> authority_info_access;
  std::optional<std::vector<DistributionPoint>> crl_distribution_points;

  // First RFC 5280 violation found in the extension contents, if any.
  std::optional<std::string> defect;
  // True when the subjectAltName extension is present but does not decode (Python raises).
  bool san_malformed = false;

  const Extension* find(ByteView oid) const;

  // Parse the body of the [3] EXPLICIT Extensions (the SEQUENCE element inside it).
  static Result<Extensions> parse(const DerElement& sequence, const DerReader& parent,
                                  bool subject_empty);
};

// The Extension list inside an Extensions SEQUENCE element (certificates and CRLs alike): DER
// rules enforced (decode error), a duplicate OID recorded in `defect`.
Result<std::vector<Extension>> read_extension_list(const DerElement& sequence, const DerReader& parent,
                                                   std::optional<std::string>& defect);
// AuthorityKeyIdentifier from an extension value (RFC 5280 §4.2.1.1, §5.2.1).
Result<AuthorityKeyIdentifier> parse_authority_key_identifier(ByteView value);
// The optional [0] DistributionPointName at the reader's position (RFC 5280 §4.2.1.13, §5.2.5),
// into point.has_name / point.full_name.
Status read_distribution_point_name(DerReader& reader, DistributionPoint& point);

}  // namespace tlsock::x509
