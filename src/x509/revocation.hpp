// Revocation checking against the trust store's CRLs (RFC 5280 §6.3), as OpenSSL's
// X509_V_FLAG_CRL_CHECK / X509_V_FLAG_CRL_CHECK_ALL do it (Python's VERIFY_CRL_CHECK_LEAF and
// VERIFY_CRL_CHECK_CHAIN).
//
// It runs on a verified path (leaf first, anchor last), after the name checks, as OpenSSL's
// verify_chain() does. `leaf` checks the leaf only; `chain` checks every certificate of the
// path including the anchor, which OpenSSL 3.0 checks too (against a CRL from its own issuer: a
// self-signed root's own CRL). For each certificate:
//   1. the candidate CRLs are those whose issuer name matches the certificate's issuer; a delta
//      CRL, an indirect CRL, a CRL partitioned by reasons (onlySomeReasons) and one whose
//      authorityKeyIdentifier names another key are no complete CRL for it and are passed
//      over (OpenSSL without X509_V_FLAG_EXTENDED_CRL_SUPPORT; deltas per RFC 5280 §5.2.4);
//      none left: code 3;
//   2. the best candidate is chosen as OpenSSL scores them: conforming (no unhandled critical
//      extension, no defect) first, then in scope, then current; ties go to the latest
//      thisUpdate;
//   3. it is checked in OpenSSL's order: the issuer's keyUsage allows cRLSign (35), the
//      certificate is in the CRL's scope (44), the CRL has no defect (41), thisUpdate and
//      nextUpdate are valid times (15, 16) around the verification time (11, 12), the issuer's
//      key signed it (6, 8), no unhandled critical extension (36), and the certificate's serial
//      is not listed (23).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "x509/certificate.hpp"
#include "x509/trust_store.hpp"
#include "x509/verify_error.hpp"

namespace tlsock::x509 {

enum class CrlCheck : uint8_t { none, leaf, chain };

// The first failure, leaf upwards; nullopt when every checked certificate passes.
std::optional<VerifyFailure> check_revocation(const std::vector<Certificate>& path, const TrustStore& store,
                                              CrlCheck mode, int64_t time);

}  // namespace tlsock::x509
