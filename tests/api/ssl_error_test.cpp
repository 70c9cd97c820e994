// The exception hierarchy: port of SSLErrorTests.test_str / test_subclass (the errno and text
// of SSLWantReadError), and how Python's exceptions map to C++ ones (include/tlsock/errors.hpp).
#include <doctest/doctest.h>

#include <cerrno>
#include <string>
#include <type_traits>

#include "tlsock/errors.hpp"

using namespace tlsock;

TEST_CASE("SSLError: test_str: str(e) is the message, errno is the code") {
  SSLError e(1, "foo");
  CHECK(std::string(e.what()) == "foo");
  CHECK(e.code().value() == 1);
  CHECK(e.code().category() == ssl_category());
  SSLZeroReturnError z(1, "foo");
  CHECK(std::string(z.what()) == "foo");
  CHECK(z.code().value() == 1);
}

TEST_CASE("SSLError: test_subclass: WantRead text and errno") {
  try {
    throw SSLWantReadError();
  } catch (const SSLError& e) {
    CHECK(std::string(e.what()).starts_with("The operation did not complete (read)"));
    CHECK(e.code() == SSL_ERROR_WANT_READ);
    CHECK(e.code().value() == 2);
    CHECK(dynamic_cast<const SSLWantReadError*>(&e) != nullptr);
    CHECK(dynamic_cast<const SSLWantWriteError*>(&e) == nullptr);
  }
}

TEST_CASE("SSLError: every subclass has Python's default message and errno") {
  auto check = [](const SSLError& e, int code, const char* text) {
    CHECK(e.code().value() == code);
    CHECK(std::string(e.what()) == text);
    CHECK_FALSE(e.library().has_value());
    CHECK_FALSE(e.reason().has_value());
  };
  check(SSLWantReadError(), 2, "The operation did not complete (read)");
  check(SSLWantWriteError(), 3, "The operation did not complete (write)");
  check(SSLSyscallError(), 5, "Some I/O error occurred");
  check(SSLZeroReturnError(), 6, "TLS/SSL connection has been closed (EOF)");
  check(SSLEOFError(), 8, "EOF occurred in violation of protocol");
  static_assert(std::is_base_of_v<SSLError, SSLEOFError>);
  static_assert(std::is_base_of_v<std::system_error, SSLError>);
  static_assert(!std::is_same_v<SSLWantReadError, SSLWantWriteError>);
}

TEST_CASE("SSLError: SSL_ERROR_* numbers and the category's messages") {
  CHECK(SSL_ERROR_SSL == 1);
  CHECK(SSL_ERROR_WANT_READ == 2);
  CHECK(SSL_ERROR_WANT_WRITE == 3);
  CHECK(SSL_ERROR_WANT_X509_LOOKUP == 4);
  CHECK(SSL_ERROR_SYSCALL == 5);
  CHECK(SSL_ERROR_ZERO_RETURN == 6);
  CHECK(SSL_ERROR_WANT_CONNECT == 7);
  CHECK(SSL_ERROR_EOF == 8);
  CHECK(SSL_ERROR_INVALID_ERROR_CODE == 10);
  CHECK(std::string(ssl_category().name()) == "ssl");
  CHECK(ssl_category().message(SSL_ERROR_WANT_CONNECT) ==
        "The operation did not complete (connect)");
  std::error_code ec = SSL_ERROR_EOF;
  CHECK(ec.category() == ssl_category());
  CHECK(ec.value() == 8);
}

TEST_CASE("SSLError: library errors read [LIB: REASON] text") {
  SSLError e(SSL_ERROR_SSL, "SSL", "TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca");
  CHECK(std::string(e.what()) == "[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca");
  CHECK(e.library() == "SSL");
  CHECK(e.reason() == "TLSV1_ALERT_UNKNOWN_CA");
  CHECK(e.code() == SSL_ERROR_SSL);
  SSLError no_lib(std::error_code(SSL_ERROR_SSL), "", "NO_CIPHER", "no cipher");
  CHECK(std::string(no_lib.what()) == "[NO_CIPHER] no cipher");
  CHECK_FALSE(no_lib.library().has_value());
}

TEST_CASE("SSLError: a message-only error has no errno, library or reason") {
  SSLError e("cannot write() after write_eof()");
  CHECK(e.code().value() == 0);
  CHECK_FALSE(e.library().has_value());
  CHECK_FALSE(e.reason().has_value());
}

TEST_CASE("SSLCertVerificationError: verify_code, verify_message, text; CertificateError") {
  try {
    throw CertificateError(62, "Hostname mismatch, certificate is not valid for 'invalid'.");
  } catch (const SSLError& base) {
    const auto* e = dynamic_cast<const SSLCertVerificationError*>(&base);
    REQUIRE(e != nullptr);
    CHECK(e->verify_code() == 62);
    CHECK(e->verify_message() == "Hostname mismatch, certificate is not valid for 'invalid'.");
    CHECK(std::string(e->what()) ==
          "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
          "certificate is not valid for 'invalid'.");
    CHECK(e->library() == "SSL");
    CHECK(e->reason() == "CERTIFICATE_VERIFY_FAILED");
    CHECK(e->code() == SSL_ERROR_SSL);
  }
  static_assert(std::is_same_v<CertificateError, SSLCertVerificationError>);
}

TEST_CASE("TimeoutError: an OSError with ETIMEDOUT, not an SSLError") {
  TimeoutError t;
  CHECK(std::string(t.what()) == "timed out");
  CHECK(t.code() == std::errc::timed_out);
  CHECK(t.code().value() == ETIMEDOUT);
  TimeoutError h("The handshake operation timed out");
  CHECK(std::string(h.what()) == "The handshake operation timed out");
  static_assert(std::is_base_of_v<std::system_error, TimeoutError>);
  static_assert(!std::is_base_of_v<SSLError, TimeoutError>);
}

TEST_CASE("SSLError: copies cannot throw and keep what() alive") {
  static_assert(std::is_nothrow_copy_constructible_v<SSLError>);
  static_assert(std::is_nothrow_copy_constructible_v<SSLCertVerificationError>);
  static_assert(std::is_nothrow_copy_constructible_v<TimeoutError>);
  std::exception_ptr p;
  {
    SSLError e(SSL_ERROR_SSL, "SSL", "R", "text");
    p = std::make_exception_ptr(e);
  }
  try {
    std::rethrow_exception(p);
  } catch (const std::exception& e) {
    CHECK(std::string(e.what()) == "[SSL: R] text");
  }
}
