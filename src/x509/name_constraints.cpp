#include "x509/name_constraints.hpp"

#include <algorithm>
#include <string_view>

#include "common/text.hpp"
#include "x509/hostname.hpp"
#include "x509/oid.hpp"

namespace tlsock::x509 {

namespace {

// name lies in the DNS subtree `base` (base itself or any subdomain); "" is every name.
bool dns_within(std::string_view name, std::string_view base) {
  if (base.empty()) return true;
  if (name.size() == base.size()) return ascii_iequals(name, base);
  if (name.size() < base.size() + 1) return false;
  return name[name.size() - base.size() - 1] == '.' && ascii_iequals(name.substr(name.size() - base.size()), base);
}

bool valid_dns_constraint(std::string_view c) {
  // RFC 5280 §4.2.1.10: a host name; no leading period (that form is for URIs), no wildcard.
  return c.empty() || is_valid_dns_name(c, false);
}

bool valid_ip_constraint(ByteView v) {
  if (v.size() != 8 && v.size() != 32) return false;
  ByteView mask = v.subspan(v.size() / 2);
  bool zero_seen = false;
  for (uint8_t b : mask) {
    for (int bit = 7; bit >= 0; --bit) {
      bool one = (b >> bit) & 1;
      if (one && zero_seen) return false;  // mask must be a prefix (CIDR)
      if (!one) zero_seen = true;
    }
  }
  return true;
}

bool ip_within(ByteView ip, ByteView constraint) {
  if (constraint.size() != ip.size() * 2) return false;
  for (size_t i = 0; i < ip.size(); ++i) {
    uint8_t mask = constraint[ip.size() + i];
    if ((ip[i] & mask) != (constraint[i] & mask)) return false;
  }
  return true;
}

bool valid_mailbox(std::string_view m) {
  size_t at = m.find('@');
  if (at == std::string_view::npos || at == 0 || m.find('@', at + 1) != std::string_view::npos) return false;
  return is_valid_dns_name(m.substr(at + 1), false);
}

bool valid_email_constraint(std::string_view c) {
  if (c.find('@') != std::string_view::npos) return valid_mailbox(c);
  if (!c.empty() && c[0] == '.') return is_valid_dns_name(c.substr(1), false);
  return is_valid_dns_name(c, false);
}

// RFC 5280 §4.2.1.10: "user@host" is one mailbox, "host" every mailbox on that host,
// ".domain" every mailbox in a subdomain. Local parts compare exactly (asterisks are literal).
bool email_within(std::string_view mailbox, std::string_view c) {
  size_t at = mailbox.rfind('@');
  std::string_view host = mailbox.substr(at + 1);
  if (c.find('@') != std::string_view::npos) {
    size_t cat = c.rfind('@');
    return mailbox.substr(0, at) == c.substr(0, cat) && ascii_iequals(host, c.substr(cat + 1));
  }
  if (!c.empty() && c[0] == '.') return dns_within(host, c.substr(1)) && host.size() > c.size() - 1;
  return ascii_iequals(host, c);
}

bool dn_within(const DistinguishedName& name, const DistinguishedName& base) {
  const auto& a = name.rdns();
  const auto& b = base.rdns();
  if (b.size() > a.size()) return false;
  for (size_t i = 0; i < b.size(); ++i) {
    // Compare one RDN through a single-RDN view: re-use DistinguishedName::matches semantics.
    if (a[i].size() != b[i].size()) return false;
    for (const auto& attr : b[i]) {
      bool found = false;
      for (const auto& other : a[i]) {
        if (!std::equal(attr.type.begin(), attr.type.end(), other.type.begin(), other.type.end())) continue;
        auto x = string_value_to_utf8(attr.value_tag, attr.value);
        auto y = string_value_to_utf8(other.value_tag, other.value);
        if (x && y && ascii_iequals(*x, *y)) found = true;
        if (!x || !y) found = found || std::equal(attr.value.begin(), attr.value.end(), other.value.begin(), other.value.end());
      }
      if (!found) return false;
    }
  }
  return true;
}

enum class Verdict { inside, outside, invalid };

struct Subject {
  GeneralNameType type;
  ByteView value;                       // for dns/ip/email/other types
  const DistinguishedName* dn = nullptr;  // for directory names
  DistinguishedName owned_dn;
  Bytes owned_value;                    // a host name or address taken from the subject CN
};

bool has_host_san(const Certificate& cert) {
  const auto& san = cert.extensions().subject_alt_name;
  if (!san) return false;
  return std::any_of(san->begin(), san->end(), [](const GeneralName& g) {
    return g.type == GeneralNameType::dns_name || g.type == GeneralNameType::ip_address;
  });
}

// A subject CN that stands in for a host name: an IP address, or a DNS name with at least
// one dot (a single label such as "John Smith" or "localhost" is a person or a nickname, as
// OpenSSL's NAME_CONSTRAINTS_check_CN decides). nullopt for any other CN.
std::optional<Subject> cn_as_host(const NameAttribute& cn) {
  auto text = string_value_to_utf8(cn.value_tag, cn.value);
  if (!text) return std::nullopt;
  if (auto ip = parse_ip_address(*text)) return Subject{GeneralNameType::ip_address, {}, nullptr, {}, std::move(*ip)};
  if (text->find('.') == std::string::npos || !is_valid_dns_name(*text, true)) return std::nullopt;
  return Subject{GeneralNameType::dns_name, {}, nullptr, {}, Bytes(text->begin(), text->end())};
}

}  // namespace

std::optional<VerifyFailure> check_constraints_wellformed(const NameConstraints& nc) {
  for (const auto* list : {&nc.permitted, &nc.excluded}) {
    for (const auto& st : *list) {
      const GeneralName& g = st.base;
      bool ok = true;
      switch (g.type) {
        case GeneralNameType::dns_name: ok = valid_dns_constraint(as_chars(g.value)); break;
        case GeneralNameType::ip_address: ok = valid_ip_constraint(g.value); break;
        case GeneralNameType::rfc822_name: ok = valid_email_constraint(as_chars(g.value)); break;
        default: break;
      }
      if (!ok)
        return VerifyFailure::make(X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, "malformed name constraint");
    }
  }
  return std::nullopt;
}

std::optional<VerifyFailure> check_name_constraints(const NameConstraints& nc, const Certificate& cert,
                                                    bool leaf, NameConstraintBudget& budget) {
  // Gather the names of the certificate (RFC 5280 §6.1.3 (b)).
  std::vector<Subject> names;
  if (!cert.subject().empty()) {
    Subject s{GeneralNameType::directory_name, {}, &cert.subject(), {}, {}};
    names.push_back(std::move(s));
  }
  const auto& san = cert.extensions().subject_alt_name;
  if (san) {
    for (const auto& g : *san) {
      Subject s{g.type, g.value, nullptr, {}, {}};
      if (g.type == GeneralNameType::directory_name) {
        auto dn = DistinguishedName::parse(g.value, 4);
        if (!dn) return VerifyFailure::make(X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, "malformed directoryName");
        s.owned_dn = std::move(*dn);
      }
      names.push_back(std::move(s));
    }
  } else {
    // RFC 5280 §4.2.1.10: without SANs, rfc822 constraints apply to emailAddress attributes.
    for (const auto& a : cert.subject().find(oid::email_address))
      names.push_back(Subject{GeneralNameType::rfc822_name, a.value, nullptr, {}, {}});
  }
  // A leaf without a DNS or IP SAN may be matched by its CN (Python's default
  // hostname_checks_common_name), so such a CN must obey the DNS/IP constraints too, or a
  // constrained CA could issue for any host through the CN (OpenSSL: codes 47/48).
  if (leaf && !has_host_san(cert)) {
    for (const auto& cn : cert.subject().find(oid::common_name)) {
      if (auto host = cn_as_host(cn)) names.push_back(std::move(*host));
    }
    for (Subject& s : names) {
      if (!s.owned_value.empty()) s.value = s.owned_value;
    }
  }

  auto compare = [&](const Subject& n, const GeneralName& c) -> Verdict {
    switch (n.type) {
      case GeneralNameType::dns_name: {
        std::string_view name = as_chars(n.value);
        std::string_view base = as_chars(c.value);
        if (name.size() >= 2 && name[0] == '*' && name[1] == '.') {
          if (!is_valid_dns_name(name, true)) return Verdict::invalid;
          std::string_view parent = name.substr(2);
          // The pattern is inside when all names it matches are; it touches the subtree
          // when some name it matches could be inside (handled by the caller per list).
          if (dns_within(parent, base)) return Verdict::inside;
          return dns_within(base, parent) ? Verdict::invalid /* partial overlap */ : Verdict::outside;
        }
        if (!is_valid_dns_name(name, false)) return Verdict::invalid;
        return dns_within(name, base) ? Verdict::inside : Verdict::outside;
      }
      case GeneralNameType::ip_address:
        if (n.value.size() != 4 && n.value.size() != 16) return Verdict::invalid;
        return ip_within(n.value, c.value) ? Verdict::inside : Verdict::outside;
      case GeneralNameType::rfc822_name: {
        std::string_view m = as_chars(n.value);
        if (!valid_mailbox(m)) return Verdict::invalid;
        return email_within(m, as_chars(c.value)) ? Verdict::inside : Verdict::outside;
      }
      case GeneralNameType::directory_name: {
        auto base = DistinguishedName::parse(c.value, 4);
        if (!base) return Verdict::invalid;
        const DistinguishedName& dn = n.dn ? *n.dn : n.owned_dn;
        return dn_within(dn, *base) ? Verdict::inside : Verdict::outside;
      }
      default:
        return Verdict::invalid;  // unsupported type with a constraint of that type: fail closed
    }
  };

  for (const auto& n : names) {
    bool has_permitted_of_type = false;
    bool permitted = false;
    for (const auto& st : nc.permitted) {
      if (st.base.type != n.type) continue;
      if (budget.remaining == 0)
        return VerifyFailure::make(X509_V_ERR_UNSPECIFIED, "name-constraint comparison budget exhausted");
      --budget.remaining;
      has_permitted_of_type = true;
      Verdict v = compare(n, st.base);
      if (v == Verdict::inside) {
        permitted = true;
        break;
      }
    }
    if (has_permitted_of_type && !permitted) {
      bool unsupported = n.type != GeneralNameType::dns_name && n.type != GeneralNameType::ip_address &&
                         n.type != GeneralNameType::rfc822_name && n.type != GeneralNameType::directory_name;
      return VerifyFailure::make(unsupported ? X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE : X509_V_ERR_PERMITTED_VIOLATION);
    }
    for (const auto& st : nc.excluded) {
      if (st.base.type != n.type) continue;
      if (budget.remaining == 0)
        return VerifyFailure::make(X509_V_ERR_UNSPECIFIED, "name-constraint comparison budget exhausted");
      --budget.remaining;
      Verdict v = compare(n, st.base);
      if (v == Verdict::inside) return VerifyFailure::make(X509_V_ERR_EXCLUDED_VIOLATION);
      if (v == Verdict::invalid) {
        bool unsupported = n.type != GeneralNameType::dns_name && n.type != GeneralNameType::ip_address &&
                           n.type != GeneralNameType::rfc822_name && n.type != GeneralNameType::directory_name;
        return VerifyFailure::make(unsupported ? X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE : X509_V_ERR_EXCLUDED_VIOLATION);
      }
    }
  }
  return std::nullopt;
}

}  // namespace tlsock::x509
