// SSLErrors for failures of the context's loaders, worded as CPython words OpenSSL's errors
// ("[SSL] PEM lib", "[X509: KEY_VALUES_MISMATCH] key values mismatch") so that code matching
// Python's messages keeps working, followed by what tlsock knows of the cause in parentheses
// where CPython prints its "(_ssl.c:LINE)": "[SSL] PEM lib (no certificate in 'bad.pem')".
#pragma once

#include <optional>
#include <string>

#include "tlsock/errors.hpp"

namespace tlsock::detail {

class LibraryError : public SSLError {
 public:
  // what() == "[" + library + (shown_reason ? ": " + reason : "") + "] " + text + " (" +
  // detail + ")"; .library() == library, .reason() == reason; errno SSL_ERROR_SSL.
  // shown_reason false is CPython's way with a reason it has no name for ("[SSL] PEM lib").
  LibraryError(std::string library, std::string reason, bool shown_reason, std::string text,
               const std::string& detail);
};

// "[SSL] PEM lib (<detail>)": a certificate or key file that cannot be used.
LibraryError pem_lib_error(std::string library, const std::string& detail);

}  // namespace tlsock::detail
