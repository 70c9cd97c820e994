#include "socket/capath.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "socket/read_file.hpp"

namespace tlsock::detail {

namespace {

// The file's text; nullopt when it cannot be read (OpenSSL skips such files).
std::optional<std::string> text_of(const std::string& path) {
  try {
    return read_file(path, "capath");
  } catch (const std::system_error&) {
    return std::nullopt;
  }
}

}  // namespace

void read_capath(x509::TrustStore& store) {
  const std::vector<std::string> dirs = store.unread_directories();
  if (dirs.empty()) return;
  std::vector<std::string> texts;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file(ec)) continue;
      if (auto text = text_of(entry.path().string())) texts.push_back(std::move(*text));
    }
  }
  store.add_directory_contents(texts);
}

void load_default_verify_paths(x509::TrustStore& store) {
  const char* file = std::getenv("SSL_CERT_FILE");
  const char* dir = std::getenv("SSL_CERT_DIR");
  if (auto text = text_of(file ? file : x509::kDefaultCaFile)) (void)store.load_pem(*text);
  std::error_code ec;
  const std::string path = dir ? dir : x509::kDefaultCaPath;
  if (std::filesystem::is_directory(path, ec)) store.add_directory(path);
}

}  // namespace tlsock::detail
