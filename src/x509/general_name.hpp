// GeneralName (RFC 5280 §4.2.1.6), the CHOICE used by subjectAltName, nameConstraints,
// authorityInfoAccess, crlDistributionPoints and authorityKeyIdentifier.
#pragma once

#include <optional>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "x509/der_reader.hpp"

namespace tlsock::x509 {

enum class GeneralNameType : uint8_t {
  other_name = 0,
  rfc822_name = 1,
  dns_name = 2,
  x400_address = 3,
  directory_name = 4,
  edi_party_name = 5,
  uri = 6,
  ip_address = 7,
  registered_id = 8,
};

struct GeneralName {
  GeneralNameType type;
  // rfc822/dns/uri: the IA5String octets; ip: the address octets (4/16, or 8/32 with a mask
  // in name constraints); registered_id: OID content; directory_name: the Name's TLV;
  // other_name: the content (type-id OID followed by [0] EXPLICIT value); x400/edi: content.
  ByteView value;
};

// One GeneralName element (tag and content checked).
Result<GeneralName> parse_general_name(const DerElement& element, const DerReader& parent);
// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, given the reader over its body.
Result<std::vector<GeneralName>> parse_general_names(DerReader& body);
// The names of one subjectAltName extension, given its extnValue (RFC 5280 §4.2.1.6).
Result<std::vector<GeneralName>> parse_subject_alt_name(ByteView extn_value);

// An otherName's parts (RFC 5280 §4.2.1.6: type-id OID, then [0] EXPLICIT value), from the
// content a GeneralName of type other_name holds; nullopt when it does not parse.
struct OtherName {
  ByteView type_id;  // OID content
  uint8_t value_tag = 0;
  ByteView value;    // the value's content
};
std::optional<OtherName> parse_other_name(ByteView content);

}  // namespace tlsock::x509
