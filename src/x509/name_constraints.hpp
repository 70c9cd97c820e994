// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c), §6.1.4 (g)) as the web PKI uses them.
//
// A CA's permitted and excluded subtrees are checked against the subject DN, the subject's
// emailAddress attributes and every subjectAltName of a certificate below it (and a leaf's
// CN that stands in for a host name). Supported types: dNSName, iPAddress, rfc822Name,
// directoryName. A constraint of another type (URI, otherName, ...) fails closed when the
// certificate carries a name of that type. Malformed constraints or
// names fail. A wildcard SAN ("*.example.com") is treated as every name it could match
// (CVE-2025-61727): permitted only when the whole pattern lies inside a permitted subtree,
// excluded when any name it could match is excluded.
#pragma once

#include <cstddef>
#include <optional>

#include "x509/certificate.hpp"
#include "x509/verify_error.hpp"

namespace tlsock::x509 {

// Name-constraint comparisons allowed for one verification: rustls-webpki's budget
// (src/verify_cert.rs, Budget::default: name_constraint_comparisons = 250_000).
inline constexpr size_t kMaxNameConstraintComparisons = 250000;

struct NameConstraintBudget {
  size_t remaining = kMaxNameConstraintComparisons;
};

// Whether every constraint of this CA is well formed (checked once per CA).
std::optional<VerifyFailure> check_constraints_wellformed(const NameConstraints& nc);

// nullopt when `cert` satisfies `nc`. For the `leaf` without a dNSName/iPAddress SAN, a
// subject CN that looks like a host name or an IP address is checked as that name.
std::optional<VerifyFailure> check_name_constraints(const NameConstraints& nc, const Certificate& cert,
                                                    bool leaf, NameConstraintBudget& budget);

}  // namespace tlsock::x509
