// Error model of the core (common, crypto, record, handshake, x509, engine): nothing there
// throws. A fallible function returns Result<T>, which holds either a T or an Error. An Error
// names what kind of failure it is, the TLS alert the engine will send for it, and a detail
// a person can act on. The facade (src/socket) turns Errors into Python-shaped exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "common/wire_enums.hpp"

namespace tlsock {

enum class ErrorKind {
  decode,        // malformed bytes from the peer or a file
  protocol,      // well-formed but illegal at this point (wrong order, bad value, missing ext)
  crypto,        // tag, signature or Finished check failed; bad key share
  certificate,   // certificate chain rejected
  config,        // bad input from the API (unsupported option, unusable key)
  limit,         // a named limit was exceeded (sizes, counts, key usage)
  peer_alert,    // the peer sent a fatal alert
  closed,        // the connection is closed (close_notify received or sent)
  internal,      // a bug or a failure of a library we call
};

std::string name(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  AlertDescription alert = AlertDescription::internal_error;
  std::string detail;

  // "decode_error: ServerHello: truncated u16 (need 2 bytes, have 1)"
  std::string message() const;
};

inline Error decode_error(std::string detail) {
  return {ErrorKind::decode, AlertDescription::decode_error, std::move(detail)};
}
inline Error protocol_error(AlertDescription alert, std::string detail) {
  return {ErrorKind::protocol, alert, std::move(detail)};
}
inline Error crypto_error(AlertDescription alert, std::string detail) {
  return {ErrorKind::crypto, alert, std::move(detail)};
}
inline Error config_error(std::string detail) {
  return {ErrorKind::config, AlertDescription::internal_error, std::move(detail)};
}
inline Error internal_error(std::string detail) {
  return {ErrorKind::internal, AlertDescription::internal_error, std::move(detail)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace tlsock

// Propagate an error to the caller: TLSOCK_TRY(expr) for Result<void>-like expressions,
// TLSOCK_TRY_ASSIGN(decl, expr) to bind the value of a Result<T>.
#define TLSOCK_CONCAT_INNER(a, b) a##b
#define TLSOCK_CONCAT(a, b) TLSOCK_CONCAT_INNER(a, b)

#define TLSOCK_TRY(expr)                                       \
  do {                                                         \
    auto&& tlsock_try_result_ = (expr);                        \
    if (!tlsock_try_result_.ok()) return std::move(tlsock_try_result_).error(); \
  } while (0)

#define TLSOCK_TRY_ASSIGN_IMPL(tmp, decl, expr)         \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return std::move(tmp).error();         \
  decl = std::move(tmp).value()

#define TLSOCK_TRY_ASSIGN(decl, expr) \
  TLSOCK_TRY_ASSIGN_IMPL(TLSOCK_CONCAT(tlsock_try_, __LINE__), decl, expr)
