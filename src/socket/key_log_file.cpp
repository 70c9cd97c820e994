#include "socket/key_log_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace tlsock::detail {

namespace {

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

std::shared_ptr<KeyLogFile> KeyLogFile::open(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "keylog_filename '" + path + "'");
  std::shared_ptr<KeyLogFile> file(new KeyLogFile(fd, path));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size == 0) write_all(fd, kKeyLogHeader);
  return file;
}

KeyLogFile::~KeyLogFile() { ::close(fd_); }

void KeyLogFile::write_line(std::string_view line) {
  std::string record(line);
  record += '\n';
  std::lock_guard lock(mutex_);
  write_all(fd_, record);
}

}  // namespace tlsock::detail
