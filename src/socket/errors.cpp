#include "tlsock/errors.hpp"

namespace tlsock {

namespace {

class SslCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "ssl"; }
  // CPython's texts for the SSL_ERROR_* conditions (PySSL_SetError in Modules/_ssl.c).
  std::string message(int code) const override {
    switch (code) {
      case SSL_ERROR_SSL: return "A failure in the SSL library occurred";
      case SSL_ERROR_WANT_READ: return "The operation did not complete (read)";
      case SSL_ERROR_WANT_WRITE: return "The operation did not complete (write)";
      case SSL_ERROR_WANT_X509_LOOKUP: return "The operation did not complete (X509 lookup)";
      case SSL_ERROR_SYSCALL: return "Some I/O error occurred";
      case SSL_ERROR_ZERO_RETURN: return "TLS/SSL connection has been closed (EOF)";
      case SSL_ERROR_WANT_CONNECT: return "The operation did not complete (connect)";
      case SSL_ERROR_EOF: return "EOF occurred in violation of protocol";
      case SSL_ERROR_INVALID_ERROR_CODE: return "Invalid error code";
      default: return "SSL error " + std::to_string(code);
    }
  }
};

std::string labelled(const std::string& library, const std::string& reason,
                     const std::string& text) {
  if (library.empty()) return "[" + reason + "] " + text;
  return "[" + library + ": " + reason + "] " + text;
}

}  // namespace

const std::error_category& ssl_category() noexcept {
  static const SslCategory category;
  return category;
}

std::error_code make_error_code(SSLErrorNumber e) noexcept { return {e, ssl_category()}; }

namespace detail {

MessageError::MessageError(std::error_code code, std::string message)
    : std::system_error(code, message),
      message_(std::make_shared<const std::string>(std::move(message))) {}

const char* MessageError::what() const noexcept { return message_->c_str(); }

}  // namespace detail

SSLError::SSLError(std::string message) : SSLError(0, std::move(message)) {}

SSLError::SSLError(std::error_code code, std::string message)
    : SSLError(code, std::move(message), Labels{}) {}

SSLError::SSLError(int code, std::string message)
    : SSLError(std::error_code(code, ssl_category()), std::move(message)) {}

SSLError::SSLError(std::error_code code, std::string library, std::string reason,
                   std::string text)
    : SSLError(code, labelled(library, reason, text),
               Labels{library.empty() ? std::nullopt : std::optional<std::string>(library),
                      std::optional<std::string>(reason)}) {}

SSLError::SSLError(std::error_code code, std::string message, Labels labels)
    : MessageError(code, std::move(message)),
      labels_(std::make_shared<const Labels>(std::move(labels))) {}

const std::optional<std::string>& SSLError::library() const noexcept { return labels_->library; }

const std::optional<std::string>& SSLError::reason() const noexcept { return labels_->reason; }

SSLCertVerificationError::SSLCertVerificationError(long verify_code, std::string verify_message,
                                                   const std::string& explanation)
    : SSLError(SSL_ERROR_SSL, "SSL", "CERTIFICATE_VERIFY_FAILED",
               "certificate verify failed: " + verify_message +
                   (explanation.empty() ? "" : " (" + explanation + ")")),
      verify_code_(verify_code),
      verify_message_(std::make_shared<const std::string>(std::move(verify_message))) {}

const std::string& SSLCertVerificationError::verify_message() const noexcept {
  return *verify_message_;
}

TimeoutError::TimeoutError(std::string message)
    : MessageError(std::make_error_code(std::errc::timed_out), std::move(message)) {}

}  // namespace tlsock
