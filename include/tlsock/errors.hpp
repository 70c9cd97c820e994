// The exceptions of the public API: Python's ssl exception hierarchy as std::system_error
// subclasses (Python's SSLError is an OSError).
//
//   std::system_error
//   ├─ SSLError                      code() in ssl_category(): an SSL_ERROR_* number
//   │  ├─ SSLZeroReturnError
//   │  ├─ SSLWantReadError
//   │  ├─ SSLWantWriteError
//   │  ├─ SSLSyscallError
//   │  ├─ SSLEOFError
//   │  └─ SSLCertVerificationError  == CertificateError
//   └─ TimeoutError                  code() == ETIMEDOUT in std::generic_category()
//
// what() is exactly Python's str(e): the message, without the ": <code message>" suffix that
// std::system_error would append. Every default constructor gives Python's message and errno
// for that exception (SSLWantReadError(): "The operation did not complete (read)", errno 2),
// and every class also takes (code, message) as Python's constructors take (errno, strerror).
// Library errors carry Python's .library and .reason ("SSL", "CERTIFICATE_VERIFY_FAILED") and
// read "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ..." like CPython's, minus
// the " (_ssl.c:LINE)" suffix, which names a file tlsock does not have.
//
// Python's ValueError and TypeError are std::invalid_argument, and OSError(errno) is a plain
// std::system_error in std::generic_category(); those need no classes here.
// SSLCertVerificationError is also a ValueError in Python; it is not a std::invalid_argument
// here, because two std::exception bases would make `catch (const std::exception&)` miss it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

namespace tlsock {

// Python's SSLErrorNumber (ssl.SSL_ERROR_*): the errno of SSLError for I/O conditions.
// Unscoped on purpose: Python exports the members at module level (ssl.SSL_ERROR_WANT_READ),
// and they compare equal to ints, as IntEnum members do.
enum SSLErrorNumber : int {
  SSL_ERROR_SSL = 1,
  SSL_ERROR_WANT_READ = 2,
  SSL_ERROR_WANT_WRITE = 3,
  SSL_ERROR_WANT_X509_LOOKUP = 4,
  SSL_ERROR_SYSCALL = 5,
  SSL_ERROR_ZERO_RETURN = 6,
  SSL_ERROR_WANT_CONNECT = 7,
  SSL_ERROR_EOF = 8,
  SSL_ERROR_INVALID_ERROR_CODE = 10,
};

// The category of SSLError codes. message(n) is CPython's text for SSL_ERROR_* number n
// ("The operation did not complete (read)" for 2); other values are library reason codes.
const std::error_category& ssl_category() noexcept;

std::error_code make_error_code(SSLErrorNumber e) noexcept;

}  // namespace tlsock

// Lets `e.code() == tlsock::SSL_ERROR_WANT_READ` compare category and value.
template <>
struct std::is_error_code_enum<tlsock::SSLErrorNumber> : std::true_type {};

namespace tlsock {

namespace detail {
// A std::system_error whose what() is a fixed message (Python's str(e)). The message lives in a
// shared, immutable string so that copying the exception cannot throw.
class MessageError : public std::system_error {
 public:
  MessageError(std::error_code code, std::string message);
  const char* what() const noexcept override;

 private:
  std::shared_ptr<const std::string> message_;
};
}  // namespace detail

class SSLError : public detail::MessageError {
 public:
  // Python's SSLError(msg): no errno (code().value() == 0), no library, no reason.
  explicit SSLError(std::string message);
  // Python's SSLError(errno, msg).
  SSLError(std::error_code code, std::string message);
  SSLError(int code, std::string message);
  // A library error: what() == "[" + library + ": " + reason + "] " + text, or
  // "[" + reason + "] " + text when library is empty, as CPython formats it.
  SSLError(std::error_code code, std::string library, std::string reason, std::string text);

  // Python's .library ("SSL", "PEM", "X509"); empty optional for None.
  const std::optional<std::string>& library() const noexcept;
  // Python's .reason ("CERTIFICATE_VERIFY_FAILED"); empty optional for None.
  const std::optional<std::string>& reason() const noexcept;

 protected:
  struct Labels {
    std::optional<std::string> library;
    std::optional<std::string> reason;
  };
  // Labels set apart from the message, for errors whose message has no "[LIB: REASON]"
  // prefix (the pre-handshake-data guard sets .reason to the message itself).
  SSLError(std::error_code code, std::string message, Labels labels);

 private:
  std::shared_ptr<const Labels> labels_;
};

// One class per SSL_ERROR_* condition, told apart by the number. The default constructor gives
// CPython's message and errno (ssl_category().message(N), N); (code, message) is Python's
// two-argument form (SSLZeroReturnError(1, "foo") has errno 1 and str "foo").
template <SSLErrorNumber N>
class SSLErrorCondition : public SSLError {
 public:
  SSLErrorCondition() : SSLError(N, ssl_category().message(N)) {}
  SSLErrorCondition(int code, std::string message) : SSLError(code, std::move(message)) {}
};
// "TLS/SSL connection has been closed (EOF)", errno 6: reading after the TLS layer shut down.
using SSLZeroReturnError = SSLErrorCondition<SSL_ERROR_ZERO_RETURN>;
// "The operation did not complete (read)", errno 2: non-blocking, needs more input.
using SSLWantReadError = SSLErrorCondition<SSL_ERROR_WANT_READ>;
// "The operation did not complete (write)", errno 3: non-blocking, output is full.
using SSLWantWriteError = SSLErrorCondition<SSL_ERROR_WANT_WRITE>;
// "Some I/O error occurred", errno 5.
using SSLSyscallError = SSLErrorCondition<SSL_ERROR_SYSCALL>;
// "EOF occurred in violation of protocol", errno 8: TCP EOF without close_notify.
using SSLEOFError = SSLErrorCondition<SSL_ERROR_EOF>;

// A certificate chain or hostname check failed. what() reads
// "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: <verify_message>", errno 1,
// followed by " (<explanation>)" when there is one: which certificate, why, and the name, time
// or issuer involved (where Python shows "(_ssl.c:1006)").
class SSLCertVerificationError : public SSLError {
 public:
  // verify_code is an X509_V_ERR number: 20 unable to get local issuer certificate,
  // 10 certificate has expired, 62 hostname mismatch, 64 IP address mismatch.
  SSLCertVerificationError(long verify_code, std::string verify_message,
                           const std::string& explanation = {});

  long verify_code() const noexcept { return verify_code_; }
  const std::string& verify_message() const noexcept;

 private:
  long verify_code_;
  std::shared_ptr<const std::string> verify_message_;
};
using CertificateError = SSLCertVerificationError;

// Python's TimeoutError (socket.timeout): a deadline passed. It is an OSError, not an SSLError.
// what() is "timed out" for socket operations, and "The read operation timed out" (handshake,
// write) for TLS ones.
class TimeoutError : public detail::MessageError {
 public:
  explicit TimeoutError(std::string message = "timed out");
};

}  // namespace tlsock
