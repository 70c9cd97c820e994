// Verification outcomes with OpenSSL's X509_V_ERR_* numbers and texts (what Python shows as
// SSLCertVerificationError.verify_code / verify_message), and their TLS alerts.
#pragma once

#include <string>

#include "common/result.hpp"

namespace tlsock::x509 {

// X509_V_ERR_* codes of OpenSSL 3.0 (include/openssl/x509_vfy.h) that tlsock reports.
enum VerifyCode : int {
  X509_V_OK = 0,
  X509_V_ERR_UNSPECIFIED = 1,
  X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT = 2,
  X509_V_ERR_UNABLE_TO_GET_CRL = 3,
  X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY = 6,
  X509_V_ERR_CERT_SIGNATURE_FAILURE = 7,
  X509_V_ERR_CRL_SIGNATURE_FAILURE = 8,
  X509_V_ERR_CERT_NOT_YET_VALID = 9,
  X509_V_ERR_CERT_HAS_EXPIRED = 10,
  X509_V_ERR_CRL_NOT_YET_VALID = 11,
  X509_V_ERR_CRL_HAS_EXPIRED = 12,
  X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD = 13,
  X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD = 14,
  X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD = 15,
  X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD = 16,
  X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT = 18,
  X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN = 19,
  X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20,
  X509_V_ERR_CERT_CHAIN_TOO_LONG = 22,
  X509_V_ERR_CERT_REVOKED = 23,
  X509_V_ERR_INVALID_CA = 24,
  X509_V_ERR_PATH_LENGTH_EXCEEDED = 25,
  X509_V_ERR_INVALID_PURPOSE = 26,
  X509_V_ERR_CERT_REJECTED = 28,
  X509_V_ERR_KEYUSAGE_NO_CERTSIGN = 32,
  X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER = 33,
  X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION = 34,
  X509_V_ERR_KEYUSAGE_NO_CRL_SIGN = 35,
  X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION = 36,
  X509_V_ERR_INVALID_EXTENSION = 41,
  X509_V_ERR_DIFFERENT_CRL_SCOPE = 44,
  X509_V_ERR_PERMITTED_VIOLATION = 47,
  X509_V_ERR_EXCLUDED_VIOLATION = 48,
  X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE = 51,
  X509_V_ERR_UNSUPPORTED_NAME_SYNTAX = 53,
  X509_V_ERR_HOSTNAME_MISMATCH = 62,
  X509_V_ERR_EMAIL_MISMATCH = 63,
  X509_V_ERR_IP_ADDRESS_MISMATCH = 64,
  X509_V_ERR_EE_KEY_TOO_SMALL = 66,
  X509_V_ERR_CA_KEY_TOO_SMALL = 67,
  X509_V_ERR_CA_MD_TOO_WEAK = 68,
};

struct VerifyFailure {
  int code = X509_V_ERR_UNSPECIFIED;
  std::string message;  // Python's verify_message
  std::string detail;   // what exactly failed, for logs and the limbo context

  static VerifyFailure make(int code, std::string detail = {});
  // The core Error (kind certificate) with the alert OpenSSL sends for this code.
  Error error() const;
};

// X509_verify_cert_error_string() of OpenSSL 3.0 for the codes above.
const char* verify_code_string(int code);

}  // namespace tlsock::x509
