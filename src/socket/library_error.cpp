#include "socket/library_error.hpp"

#include <utility>

namespace tlsock::detail {

namespace {

std::string format(const std::string& library, const std::string& reason, bool shown_reason,
                   const std::string& text, const std::string& detail) {
  std::string out = "[" + library;
  if (shown_reason) out += ": " + reason;
  out += "] " + text;
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

}  // namespace

LibraryError::LibraryError(std::string library, std::string reason, bool shown_reason,
                           std::string text, const std::string& detail)
    : SSLError(make_error_code(SSL_ERROR_SSL),
               format(library, reason, shown_reason, text, detail),
               // Copies, not moves: the order in which arguments are evaluated is unspecified,
               // and format() above reads these same strings.
               Labels{library, reason}) {}

LibraryError pem_lib_error(std::string library, const std::string& detail) {
  return LibraryError(std::move(library), "PEM_LIB", false, "PEM lib", detail);
}

}  // namespace tlsock::detail
