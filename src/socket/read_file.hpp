// Reading a whole file for the context's loaders, with Python's OSError on failure.
#pragma once

#include <string>
#include <string_view>

namespace tlsock::detail {

// The file's bytes. std::system_error with the errno (ENOENT: Python's FileNotFoundError,
// EISDIR, EACCES) when it cannot be opened or read; what() names the argument and the path:
// "certfile 'x.pem': No such file or directory".
std::string read_file(const std::string& path, std::string_view argument);

}  // namespace tlsock::detail
