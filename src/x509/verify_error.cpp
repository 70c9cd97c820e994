#include "x509/verify_error.hpp"

namespace tlsock::x509 {

const char* verify_code_string(int code) {
  switch (code) {
    case X509_V_OK: return "ok";
    case X509_V_ERR_UNSPECIFIED: return "unspecified certificate verification error";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: return "unable to get issuer certificate";
    case X509_V_ERR_UNABLE_TO_GET_CRL: return "unable to get certificate CRL";
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: return "unable to decode issuer public key";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: return "certificate signature failure";
    case X509_V_ERR_CRL_SIGNATURE_FAILURE: return "CRL signature failure";
    case X509_V_ERR_CERT_NOT_YET_VALID: return "certificate is not yet valid";
    case X509_V_ERR_CERT_HAS_EXPIRED: return "certificate has expired";
    case X509_V_ERR_CRL_NOT_YET_VALID: return "CRL is not yet valid";
    case X509_V_ERR_CRL_HAS_EXPIRED: return "CRL has expired";
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD: return "format error in certificate's notBefore field";
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD: return "format error in certificate's notAfter field";
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD: return "format error in CRL's lastUpdate field";
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD: return "format error in CRL's nextUpdate field";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: return "self-signed certificate";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: return "self-signed certificate in certificate chain";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: return "unable to get local issuer certificate";
    case X509_V_ERR_CERT_CHAIN_TOO_LONG: return "certificate chain too long";
    case X509_V_ERR_CERT_REVOKED: return "certificate revoked";
    case X509_V_ERR_INVALID_CA: return "invalid CA certificate";
    case X509_V_ERR_PATH_LENGTH_EXCEEDED: return "path length constraint exceeded";
    case X509_V_ERR_INVALID_PURPOSE: return "unsupported certificate purpose";
    case X509_V_ERR_CERT_REJECTED: return "certificate rejected";
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN: return "key usage does not include certificate signing";
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER: return "unable to get CRL issuer certificate";
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: return "unhandled critical extension";
    case X509_V_ERR_KEYUSAGE_NO_CRL_SIGN: return "key usage does not include CRL signing";
    case X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION: return "unhandled critical CRL extension";
    case X509_V_ERR_INVALID_EXTENSION: return "invalid or inconsistent certificate extension";
    case X509_V_ERR_DIFFERENT_CRL_SCOPE: return "different CRL scope";
    case X509_V_ERR_PERMITTED_VIOLATION: return "permitted subtree violation";
    case X509_V_ERR_EXCLUDED_VIOLATION: return "excluded subtree violation";
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE: return "unsupported name constraint type";
    case X509_V_ERR_UNSUPPORTED_NAME_SYNTAX: return "unsupported or invalid name syntax";
    case X509_V_ERR_HOSTNAME_MISMATCH: return "hostname mismatch";
    case X509_V_ERR_EMAIL_MISMATCH: return "email address mismatch";
    case X509_V_ERR_IP_ADDRESS_MISMATCH: return "IP address mismatch";
    case X509_V_ERR_EE_KEY_TOO_SMALL: return "EE certificate key too small";
    case X509_V_ERR_CA_KEY_TOO_SMALL: return "CA certificate key too small";
    case X509_V_ERR_CA_MD_TOO_WEAK: return "CA signature digest algorithm too weak";
    default: return "unknown certificate verification error";
  }
}

VerifyFailure VerifyFailure::make(int code, std::string detail) {
  return VerifyFailure{code, verify_code_string(code), std::move(detail)};
}

Error VerifyFailure::error() const {
  AlertDescription alert = AlertDescription::bad_certificate;
  switch (code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CRL_HAS_EXPIRED:
      alert = AlertDescription::certificate_expired;
      break;
    case X509_V_ERR_CERT_REVOKED:
      alert = AlertDescription::certificate_revoked;
      break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_REJECTED:
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
      alert = AlertDescription::unknown_ca;
      break;
    case X509_V_ERR_INVALID_PURPOSE:
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
      alert = AlertDescription::unsupported_certificate;
      break;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
      alert = AlertDescription::decrypt_error;
      break;
    default:
      break;
  }
  std::string text = message;
  if (!detail.empty()) text += " (" + detail + ")";
  return {ErrorKind::certificate, alert, "certificate verify failed: " + text};
}

}  // namespace tlsock::x509
