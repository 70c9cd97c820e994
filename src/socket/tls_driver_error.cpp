#include "socket/tls_driver_error.hpp"

#include <cctype>
#include <string>

#include "socket/alert_error.hpp"
#include "socket/library_error.hpp"
#include "tlsock/errors.hpp"

namespace tlsock::detail {
namespace {

// OpenSSL's reason for a failure we detected, chosen by the alert we sent, so that code
// matching Python's reasons sees the familiar names.
std::string local_reason(const Error& error, bool server_side) {
  switch (error.alert) {
    case AlertDescription::handshake_failure:
      return server_side ? "NO_SHARED_CIPHER" : "HANDSHAKE_FAILURE";
    case AlertDescription::protocol_version:
      return "UNSUPPORTED_PROTOCOL";
    case AlertDescription::bad_record_mac:
      return "DECRYPTION_FAILED_OR_BAD_RECORD_MAC";
    case AlertDescription::unexpected_message:
      return "UNEXPECTED_MESSAGE";
    case AlertDescription::decode_error:
      return "DECODE_ERROR";
    case AlertDescription::no_application_protocol:
      return "NO_APPLICATION_PROTOCOL";
    case AlertDescription::certificate_required:
      return "PEER_DID_NOT_RETURN_A_CERTIFICATE";
    case AlertDescription::record_overflow:
      return "RECORD_OVERFLOW";
    default:
      break;
  }
  std::string reason = name(error.kind);
  for (char& c : reason) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return reason;
}

// OpenSSL's text for a reason: the reason in lower case with spaces.
std::string reason_text(const std::string& reason) {
  std::string text = reason;
  for (char& c : text) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

}  // namespace

void throw_tls_error(const Error& error, const x509::VerifyOutcome* outcome, bool server_side) {
  if (error.kind == ErrorKind::peer_alert) throw received_alert_error(error.alert);
  if (outcome != nullptr && !outcome->ok()) {
    throw SSLCertVerificationError(outcome->verify_code, outcome->verify_message,
                                   outcome->detail);
  }
  if (error.kind == ErrorKind::closed) {
    throw LibraryError("SSL", "PROTOCOL_IS_SHUTDOWN", true, "protocol is shutdown", error.detail);
  }
  if (error.kind == ErrorKind::certificate) {
    throw LibraryError("SSL", "CERTIFICATE_VERIFY_FAILED", true, "certificate verify failed",
                       error.detail);
  }
  std::string reason = local_reason(error, server_side);
  throw LibraryError("SSL", reason, true, reason_text(reason), error.detail);
}

}  // namespace tlsock::detail
