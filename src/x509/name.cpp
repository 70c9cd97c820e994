#include "x509/name.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "x509/utf8.hpp"

namespace tlsock::x509 {

bool is_string_tag(uint8_t t) {
  switch (t) {
    case tag::utf8_string: case tag::numeric_string: case tag::printable_string:
    case tag::t61_string: case tag::videotex_string: case tag::ia5_string:
    case tag::graphic_string: case tag::visible_string: case tag::general_string:
    case tag::universal_string: case tag::bmp_string:
      return true;
    default:
      return false;
  }
}

Result<DistinguishedName> DistinguishedName::parse(ByteView name_tlv, int depth) {
  DistinguishedName dn;
  DerReader outer(name_tlv, depth, "Name");
  TLSOCK_TRY_ASSIGN(DerReader seq, outer.read_sequence());
  TLSOCK_TRY(outer.expect_end());
  dn.der_ = name_tlv;
  while (!seq.empty()) {
    TLSOCK_TRY_ASSIGN(DerElement set_el, seq.read(tag::set));
    TLSOCK_TRY_ASSIGN(DerReader set, seq.enter(set_el));
    if (set.empty()) return set.error("empty RelativeDistinguishedName");
    std::vector<NameAttribute> rdn;
    ByteView previous;
    while (!set.empty()) {
      TLSOCK_TRY_ASSIGN(DerElement atv_el, set.read(tag::sequence));
      // X.690 §11.6: the elements of a DER SET OF are sorted by their encodings.
      if (!previous.empty() &&
          !std::lexicographical_compare(previous.begin(), previous.end(), atv_el.tlv.begin(),
                                        atv_el.tlv.end()) &&
          !std::equal(previous.begin(), previous.end(), atv_el.tlv.begin(), atv_el.tlv.end()))
        return set.error("RDN SET OF not in DER order");
      previous = atv_el.tlv;
      TLSOCK_TRY_ASSIGN(DerReader atv, set.enter(atv_el));
      NameAttribute a;
      TLSOCK_TRY_ASSIGN(a.type, atv.read_oid());
      TLSOCK_TRY_ASSIGN(DerElement value, atv.read_any());
      TLSOCK_TRY(atv.expect_end());
      a.value_tag = value.tag;
      a.value = value.content;
      rdn.push_back(a);
    }
    dn.rdns_.push_back(std::move(rdn));
  }
  return dn;
}

std::vector<NameAttribute> DistinguishedName::find(ByteView type) const {
  std::vector<NameAttribute> out;
  for (const auto& rdn : rdns_)
    for (const auto& a : rdn)
      if (std::equal(a.type.begin(), a.type.end(), type.begin(), type.end())) out.push_back(a);
  return out;
}

namespace {

bool unicode_valid(uint32_t cp) { return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff); }

}  // namespace

Result<std::string> string_value_to_utf8(uint8_t t, ByteView v) {
  std::string out;
  switch (t) {
    case tag::utf8_string:
      if (!decode_utf8(as_chars(v))) return decode_error("invalid UTF-8 in UTF8String");
      return std::string(as_chars(v));
    case tag::bmp_string:
      if (v.size() % 2) return decode_error("BMPString with an odd length");
      for (size_t i = 0; i < v.size(); i += 2) {
        uint32_t cp = (uint32_t{v[i]} << 8) | v[i + 1];
        if (!unicode_valid(cp)) return decode_error("surrogate in BMPString");
        append_utf8(out, cp);
      }
      return out;
    case tag::universal_string:
      if (v.size() % 4) return decode_error("UniversalString length not a multiple of 4");
      for (size_t i = 0; i < v.size(); i += 4) {
        uint32_t cp = (uint32_t{v[i]} << 24) | (uint32_t{v[i + 1]} << 16) |
                      (uint32_t{v[i + 2]} << 8) | v[i + 3];
        if (!unicode_valid(cp)) return decode_error("invalid code point in UniversalString");
        append_utf8(out, cp);
      }
      return out;
    // OpenSSL's tag2nbyte table: one byte per character, read as Latin-1.
    case tag::numeric_string: case tag::printable_string: case tag::t61_string:
    case tag::ia5_string: case tag::utc_time: case tag::generalized_time:
    case 0x1a:  // VisibleString (ISO646String)
      for (uint8_t b : v) append_utf8(out, b);
      return out;
    default:
      return decode_error("attribute value is not a string type OpenSSL converts");
  }
}

namespace {

// RFC 5280 §7.1 (simplified from RFC 4518): compare strings case-insensitively (ASCII) with
// leading/trailing whitespace removed and inner runs collapsed to one space.
std::string fold(const NameAttribute& a) {
  auto s = string_value_to_utf8(a.value_tag, a.value);
  if (!s) return std::string(as_chars(a.value));
  std::string out;
  bool space = false;
  for (char c : *s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool same_attribute(const NameAttribute& a, const NameAttribute& b) {
  if (!std::equal(a.type.begin(), a.type.end(), b.type.begin(), b.type.end())) return false;
  if (a.value_tag == b.value_tag &&
      std::equal(a.value.begin(), a.value.end(), b.value.begin(), b.value.end()))
    return true;
  if (!is_string_tag(a.value_tag) || !is_string_tag(b.value_tag)) return false;
  return fold(a) == fold(b);
}

}  // namespace

bool DistinguishedName::matches(const DistinguishedName& other) const {
  if (std::equal(der_.begin(), der_.end(), other.der_.begin(), other.der_.end())) return true;
  if (rdns_.size() != other.rdns_.size()) return false;
  for (size_t i = 0; i < rdns_.size(); ++i) {
    const auto& x = rdns_[i];
    const auto& y = other.rdns_[i];
    if (x.size() != y.size()) return false;
    for (const auto& a : x) {
      bool found = std::any_of(y.begin(), y.end(), [&](const NameAttribute& b) { return same_attribute(a, b); });
      if (!found) return false;
    }
  }
  return true;
}

}  // namespace tlsock::x509
