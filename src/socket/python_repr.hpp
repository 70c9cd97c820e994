// Python's repr() of str and bytes, byte for byte (Objects/unicodeobject.c unicode_repr,
// Objects/bytesobject.c PyBytes_Repr), for PeerCertificate::to_python_repr().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsock::detail {

// Whether Python's str.isprintable() is true for this code point (generated table).
bool python_isprintable(uint32_t cp);
// repr(s) for a str given as UTF-8 (invalid sequences never reach here: the caller validated).
std::string python_str_repr(std::string_view utf8);
// repr(b) for bytes.
std::string python_bytes_repr(std::string_view bytes);

}  // namespace tlsock::detail
