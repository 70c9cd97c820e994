#include "x509/general_name.hpp"

#include "x509/name.hpp"

namespace tlsock::x509 {

Result<GeneralName> parse_general_name(const DerElement& e, const DerReader& parent) {
  if ((e.tag & 0xc0) != tag::context_specific) return parent.error("GeneralName must be context-tagged");
  uint8_t number = e.tag & 0x1f;
  if (number > 8) return parent.error("unknown GeneralName choice");
  GeneralName g{static_cast<GeneralNameType>(number), e.content};
  bool constructed = e.constructed();
  switch (g.type) {
    case GeneralNameType::other_name: {
      if (!constructed) return parent.error("otherName must be constructed");
      TLSOCK_TRY_ASSIGN(DerReader r, parent.enter(e));
      TLSOCK_TRY(r.read_oid());
      TLSOCK_TRY_ASSIGN(DerReader v, r.read_constructed(tag::context_constructed(0)));
      TLSOCK_TRY(v.read_any());
      TLSOCK_TRY(v.expect_end());
      TLSOCK_TRY(r.expect_end());
      break;
    }
    case GeneralNameType::x400_address:
    case GeneralNameType::edi_party_name:
      if (!constructed) return parent.error("x400Address/ediPartyName must be constructed");
      break;
    case GeneralNameType::directory_name: {
      if (!constructed) return parent.error("directoryName must be constructed ([4] EXPLICIT)");
      TLSOCK_TRY_ASSIGN(DerReader r, parent.enter(e));
      TLSOCK_TRY_ASSIGN(DerElement name, r.read(tag::sequence));
      TLSOCK_TRY(r.expect_end());
      TLSOCK_TRY(DistinguishedName::parse(name.tlv, r.depth()));
      g.value = name.tlv;
      break;
    }
    case GeneralNameType::registered_id:
      if (constructed) return parent.error("registeredID must be primitive");
      if (auto s = check_oid(e.content); !s) return parent.error(s.error().detail);
      break;
    default:  // rfc822Name, dNSName, URI (IA5String), iPAddress (OCTET STRING)
      if (constructed) return parent.error("string GeneralName must be primitive");
      break;
  }
  return g;
}

Result<std::vector<GeneralName>> parse_general_names(DerReader& body) {
  std::vector<GeneralName> names;
  if (body.empty()) return body.error("GeneralNames must not be empty");
  while (!body.empty()) {
    TLSOCK_TRY_ASSIGN(DerElement e, body.read_any());
    TLSOCK_TRY_ASSIGN(GeneralName g, parse_general_name(e, body));
    names.push_back(g);
  }
  return names;
}

Result<std::vector<GeneralName>> parse_subject_alt_name(ByteView extn_value) {
  DerReader top(extn_value, 2, "subjectAltName");
  TLSOCK_TRY_ASSIGN(DerReader seq, top.read_sequence());
  return parse_general_names(seq);
}

std::optional<OtherName> parse_other_name(ByteView content) {
  DerReader r(content, 4, "otherName");
  auto type = r.read_oid();
  if (!type) return std::nullopt;
  auto wrapper = r.read_constructed(tag::context_constructed(0));
  if (!wrapper) return std::nullopt;
  auto value = wrapper->read_any();
  if (!value) return std::nullopt;
  return OtherName{*type, value->tag, value->content};
}

}  // namespace tlsock::x509
