#include "socket/python_dict.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "socket/python_repr.hpp"
#include "x509/general_name.hpp"
#include "x509/oid.hpp"
#include "x509/pem.hpp"

namespace tlsock::detail {

using namespace x509;

namespace {

std::string oid_name(ByteView oid_content) {
  std::string dotted = oid_to_string(oid_content);
  if (auto ln = openssl_long_name(dotted)) return std::string(*ln);
  return dotted;
}

// Python decodes these with PyUnicode_FromStringAndSize: strict UTF-8.
Result<std::string> python_utf8(ByteView v) {
  auto s = string_value_to_utf8(tag::utf8_string, v);
  if (!s) return decode_error("value is not valid UTF-8 (Python raises UnicodeDecodeError)");
  return s;
}

bool has_single_extension(const Certificate& c, ByteView oid_content) {
  int n = 0;
  for (const auto& e : c.extensions().all)
    if (std::equal(e.oid.begin(), e.oid.end(), oid_content.begin(), oid_content.end())) ++n;
  return n == 1;
}

// GENERAL_NAME_print() of OpenSSL 3.0 for otherName (crypto/x509/v3_san.c).
std::string othername_print(ByteView content) {
  auto value = parse_other_name(content);
  if (!value) return "<unsupported>";
  std::string dotted = oid_to_string(value->type_id);
  bool srv = dotted == "1.3.6.1.5.5.7.8.7";
  if ((srv && value->value_tag != tag::ia5_string) || (!srv && value->value_tag != tag::utf8_string))
    return "<unsupported>";
  const char* label = nullptr;
  if (dotted == "1.3.6.1.5.5.7.8.9") label = "SmtpUTF8Mailbox";
  else if (dotted == "1.3.6.1.5.5.7.8.5") label = "XmppAddr";
  else if (srv) label = "SRVName";
  else if (dotted == "1.3.6.1.4.1.311.20.2.3") label = "UPN";
  else if (dotted == "1.3.6.1.5.5.7.8.8") label = "NAIRealm";
  if (!label) return "<unsupported>";
  std::string text(as_chars(value->value));
  text = text.substr(0, text.find('\0'));  // printed with %.*s
  text = text.substr(0, text.find('\n'));  // read back with BIO_gets
  return std::string(label) + ":" + text;
}

}  // namespace

std::string python_serial(ByteView c) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  // ASN1_INTEGER keeps the magnitude: strip the sign octet, negate negatives.
  Bytes magnitude(c.begin(), c.end());
  bool negative = !magnitude.empty() && (magnitude[0] & 0x80);
  if (negative) {
    out = "-";
    for (auto& b : magnitude) b = static_cast<uint8_t>(~b);
    for (size_t i = magnitude.size(); i-- > 0;)
      if (++magnitude[i] != 0) break;
  }
  size_t start = 0;
  while (start < magnitude.size() && magnitude[start] == 0) ++start;
  if (start == magnitude.size()) return out + "00";
  for (size_t i = start; i < magnitude.size(); ++i) {
    // i2a_ASN1_INTEGER breaks the line ("\\\n") every 35 octets; Python keeps the first line.
    if (i != start && (i - start) % 35 == 0) return out + "\\\n";
    out.push_back(kHex[magnitude[i] >> 4]);
    out.push_back(kHex[magnitude[i] & 15]);
  }
  return out;
}

std::string python_ip(ByteView a) {
  char buf[64];
  if (a.size() == 4) {
    std::snprintf(buf, sizeof buf, "%d.%d.%d.%d", a[0], a[1], a[2], a[3]);
    return buf;
  }
  if (a.size() == 16) {
    std::string out;
    for (int i = 0; i < 8; ++i) {
      std::snprintf(buf, sizeof buf, "%s%X", i ? ":" : "", (a[2 * i] << 8) | a[2 * i + 1]);
      out += buf;
    }
    return out;
  }
  return "<invalid>";
}

Result<PeerCertificate::DistinguishedName> to_python_name(const DistinguishedName& name) {
  PeerCertificate::DistinguishedName out;
  for (const auto& rdn : name.rdns()) {
    PeerCertificate::RDN prdn;
    for (const auto& a : rdn) {
      PeerCertificate::Attribute attr;
      attr.name = oid_name(a.type);
      if (a.value_tag == tag::bit_string) {
        // _create_tuple_for_attribute: BIT STRING values become bytes (without the
        // unused-bits octet, which OpenSSL's c2i_ASN1_BIT_STRING strips).
        attr.is_bytes = true;
        if (!a.value.empty()) attr.value = std::string(as_chars(a.value.subspan(1)));
      } else {
        auto v = string_value_to_utf8(a.value_tag, a.value);
        if (!v) return decode_error("attribute " + attr.name + ": " + v.error().detail);
        attr.value = std::move(*v);
      }
      prdn.push_back(std::move(attr));
    }
    out.push_back(std::move(prdn));
  }
  return out;
}

Result<PeerCertificate> to_peer_certificate(const Certificate& c) {
  PeerCertificate pc;
  TLSOCK_TRY_ASSIGN(pc.subject, to_python_name(c.subject()));
  TLSOCK_TRY_ASSIGN(pc.issuer, to_python_name(c.issuer()));
  pc.version = c.version();
  pc.serialNumber = python_serial(c.serial());
  pc.notBefore = c.not_before().to_openssl_string();
  pc.notAfter = c.not_after().to_openssl_string();
  const Extensions& x = c.extensions();
  if (x.san_malformed) return decode_error("malformed subjectAltName (Python raises SSLError)");
  // _get_peer_alt_names walks every subjectAltName extension.
  for (const auto& e : x.all) {
    if (!oid_equal(e.oid, oid::subject_alt_name)) continue;
    TLSOCK_TRY_ASSIGN(auto names, parse_subject_alt_name(e.value));
    for (const GeneralName& g : names) {
      PeerCertificate::AltName alt;
      switch (g.type) {
        case GeneralNameType::dns_name: {
          alt.type = "DNS";
          TLSOCK_TRY_ASSIGN(alt.value, python_utf8(g.value));
          break;
        }
        case GeneralNameType::rfc822_name: {
          alt.type = "email";
          TLSOCK_TRY_ASSIGN(alt.value, python_utf8(g.value));
          break;
        }
        case GeneralNameType::uri: {
          alt.type = "URI";
          TLSOCK_TRY_ASSIGN(alt.value, python_utf8(g.value));
          break;
        }
        case GeneralNameType::ip_address:
          alt.type = "IP Address";
          alt.value = python_ip(g.value);
          break;
        case GeneralNameType::directory_name: {
          alt.type = "DirName";
          TLSOCK_TRY_ASSIGN(auto dn, DistinguishedName::parse(g.value, 4));
          TLSOCK_TRY_ASSIGN(alt.dirname, to_python_name(dn));
          break;
        }
        case GeneralNameType::registered_id:
          alt.type = "Registered ID";
          alt.value = oid_name(g.value);
          break;
        case GeneralNameType::other_name:
          alt.type = "othername";
          alt.value = othername_print(g.value);
          break;
        case GeneralNameType::x400_address:
          alt.type = "X400Name";
          alt.value = "<unsupported>";
          break;
        case GeneralNameType::edi_party_name:
          alt.type = "EdiPartyName";
          alt.value = "<unsupported>";
          break;
      }
      pc.subjectAltName.push_back(std::move(alt));
    }
  }
  // X509_get_ext_d2i() gives nothing for a duplicated or undecodable extension.
  if (x.authority_info_access && has_single_extension(c, oid::authority_info_access)) {
    for (const auto& ad : *x.authority_info_access) {
      if (ad.location.type != GeneralNameType::uri) continue;
      TLSOCK_TRY_ASSIGN(std::string uri, python_utf8(ad.location.value));
      if (oid_equal(ad.method, oid::ad_ocsp)) pc.OCSP.push_back(uri);
      else if (oid_equal(ad.method, oid::ad_ca_issuers)) pc.caIssuers.push_back(uri);
    }
  }
  if (x.crl_distribution_points && has_single_extension(c, oid::crl_distribution_points)) {
    for (const auto& dp : *x.crl_distribution_points) {
      for (const auto& g : dp.full_name) {  // empty points skipped (CVE-2019-5010)
        if (g.type != GeneralNameType::uri) continue;
        TLSOCK_TRY_ASSIGN(std::string uri, python_utf8(g.value));
        pc.crlDistributionPoints.push_back(uri);
      }
    }
  }
  return pc;
}

Result<PeerCertificate> decode_cert_file_result(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return config_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  TLSOCK_TRY_ASSIGN(auto ders, pem_decode_label(text, "CERTIFICATE"));
  if (ders.empty()) return decode_error("no certificate in " + path + " (PEM lib: no start line)");
  TLSOCK_TRY_ASSIGN(Certificate cert, Certificate::from_der(std::move(ders.front())));
  return to_peer_certificate(cert);
}

}  // namespace tlsock::detail

namespace tlsock {

namespace {

std::string repr_tuple(const std::vector<std::string>& items) {
  if (items.empty()) return "()";
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  if (items.size() == 1) out += ",";
  return out + ")";
}

std::string repr_name(const PeerCertificate::DistinguishedName& dn) {
  std::vector<std::string> rdns;
  for (const auto& rdn : dn) {
    std::vector<std::string> pairs;
    for (const auto& a : rdn)
      pairs.push_back("(" + detail::python_str_repr(a.name) + ", " +
                      (a.is_bytes ? detail::python_bytes_repr(a.value) : detail::python_str_repr(a.value)) + ")");
    rdns.push_back(repr_tuple(pairs));
  }
  return repr_tuple(rdns);
}

std::string repr_strings(const std::vector<std::string>& v) {
  std::vector<std::string> items;
  for (const auto& s : v) items.push_back(detail::python_str_repr(s));
  return repr_tuple(items);
}

std::string json_bytes(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (char ch : s) {
    hex.push_back(kHex[static_cast<uint8_t>(ch) >> 4]);
    hex.push_back(kHex[static_cast<uint8_t>(ch) & 15]);
  }
  return "{\"hex\": \"" + hex + "\"}";
}

std::string json_name(const PeerCertificate::DistinguishedName& dn) {
  std::string out = "[";
  for (size_t i = 0; i < dn.size(); ++i) {
    if (i) out += ", ";
    out += "[";
    for (size_t k = 0; k < dn[i].size(); ++k) {
      const auto& a = dn[i][k];
      if (k) out += ", ";
      out += "[" + json_quote(a.name) + ", " + (a.is_bytes ? json_bytes(a.value) : json_quote(a.value)) + "]";
    }
    out += "]";
  }
  return out + "]";
}

std::string json_strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + json_quote(v[i]);
  return out + "]";
}

}  // namespace

std::string PeerCertificate::to_python_repr() const {
  if (empty()) return "{}";
  std::string out = "{'subject': " + repr_name(subject) + ", 'issuer': " + repr_name(issuer) +
                    ", 'version': " + std::to_string(version) +
                    ", 'serialNumber': " + detail::python_str_repr(serialNumber) +
                    ", 'notBefore': " + detail::python_str_repr(notBefore) +
                    ", 'notAfter': " + detail::python_str_repr(notAfter);
  if (!subjectAltName.empty()) {
    std::vector<std::string> items;
    for (const auto& alt : subjectAltName)
      items.push_back("(" + detail::python_str_repr(alt.type) + ", " +
                      (alt.type == "DirName" ? repr_name(alt.dirname) : detail::python_str_repr(alt.value)) + ")");
    out += ", 'subjectAltName': " + repr_tuple(items);
  }
  if (!OCSP.empty()) out += ", 'OCSP': " + repr_strings(OCSP);
  if (!caIssuers.empty()) out += ", 'caIssuers': " + repr_strings(caIssuers);
  if (!crlDistributionPoints.empty()) out += ", 'crlDistributionPoints': " + repr_strings(crlDistributionPoints);
  return out + "}";
}

std::string PeerCertificate::to_json() const {
  if (empty()) return "{}";
  std::string out = "{\"subject\": " + json_name(subject) + ", \"issuer\": " + json_name(issuer) +
                    ", \"version\": " + std::to_string(version) +
                    ", \"serialNumber\": " + json_quote(serialNumber) +
                    ", \"notBefore\": " + json_quote(notBefore) + ", \"notAfter\": " + json_quote(notAfter);
  if (!subjectAltName.empty()) {
    out += ", \"subjectAltName\": [";
    for (size_t i = 0; i < subjectAltName.size(); ++i) {
      const auto& alt = subjectAltName[i];
      out += (i ? ", [" : "[") + json_quote(alt.type) + ", " +
             (alt.type == "DirName" ? json_name(alt.dirname) : json_quote(alt.value)) + "]";
    }
    out += "]";
  }
  if (!OCSP.empty()) out += ", \"OCSP\": " + json_strings(OCSP);
  if (!caIssuers.empty()) out += ", \"caIssuers\": " + json_strings(caIssuers);
  if (!crlDistributionPoints.empty()) out += ", \"crlDistributionPoints\": " + json_strings(crlDistributionPoints);
  return out + "}";
}

}  // namespace tlsock
