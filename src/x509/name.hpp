// Distinguished names (RFC 5280 §4.1.2.4): Name ::= SEQUENCE OF RelativeDistinguishedName,
// RDN ::= SET SIZE (1..MAX) OF AttributeTypeAndValue. Attributes are views into the
// certificate's DER; unknown attribute types are kept (Python prints their dotted OID).
#pragma once

#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "x509/der_reader.hpp"

namespace tlsock::x509 {

struct NameAttribute {
  ByteView type;       // OID content octets
  uint8_t value_tag;   // universal tag of the value (UTF8String, PrintableString, ...)
  ByteView value;      // content octets of the value
};

class DistinguishedName {
 public:
  DistinguishedName() = default;
  // From the Name's TLV (a SEQUENCE); the attributes stay views into that buffer.
  static Result<DistinguishedName> parse(ByteView name_tlv, int depth = 0);

  ByteView der() const { return der_; }
  bool empty() const { return rdns_.empty(); }
  const std::vector<std::vector<NameAttribute>>& rdns() const { return rdns_; }

  // Values of every attribute of this type, in order (e.g. commonName).
  std::vector<NameAttribute> find(ByteView type) const;

  // Name matching for path building (RFC 5280 §7.1): equal encodings, or the same attributes
  // whose string values compare equal after case folding (ASCII) and collapsing whitespace.
  bool matches(const DistinguishedName& other) const;

 private:
  ByteView der_;
  std::vector<std::vector<NameAttribute>> rdns_;
};

// Whether a tag is one of the ASN.1 string types used in names.
bool is_string_tag(uint8_t tag);

// The value converted to UTF-8 as OpenSSL's ASN1_STRING_to_UTF8 does it (BMPString = UCS-2,
// UniversalString = UCS-4, UTF8String validated, the 8-bit types as Latin-1). decode_error
// when OpenSSL would fail (invalid UTF-8, surrogates, odd lengths, a non-string type).
Result<std::string> string_value_to_utf8(uint8_t tag, ByteView value);

}  // namespace tlsock::x509
