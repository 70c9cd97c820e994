// Socket::sendfile by Python's _sendfile_use_send(): read a block, send it, repeat. Plain
// sockets could use sendfile(2), but an SSLSocket cannot (its bytes must be encrypted), and
// one path for both is what Python's SSLSocket does too.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "tlsock/socket.hpp"

namespace tlsock {

namespace {

// Python's blocksize for the send() fallback.
constexpr size_t kBlockSize = 8192;

[[noreturn]] void throw_errno(int err, const char* what) {
  throw std::system_error(err, std::generic_category(), what);
}

// Where the bytes come from: a stdio stream or a raw fd, read from the current position.
struct FileSource {
  virtual ~FileSource() = default;
  virtual void seek(int64_t offset) = 0;
  // Bytes read, 0 at EOF.
  virtual size_t read(std::byte* data, size_t size) = 0;
};

struct StdioSource final : FileSource {
  explicit StdioSource(std::FILE* f) : file(f) {}
  void seek(int64_t offset) override {
    if (std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0) throw_errno(errno, "fseek");
  }
  size_t read(std::byte* data, size_t size) override {
    size_t n = std::fread(data, 1, size, file);
    if (n == 0 && std::ferror(file)) throw_errno(errno, "fread");
    return n;
  }
  std::FILE* file;
};

struct FdSource final : FileSource {
  explicit FdSource(int f) : fd(f) {}
  void seek(int64_t offset) override {
    if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) throw_errno(errno, "lseek");
  }
  size_t read(std::byte* data, size_t size) override {
    for (;;) {
      ssize_t n = ::read(fd, data, size);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) throw_errno(errno, "read");
    }
  }
  int fd;
};

size_t send_file(Socket& socket, FileSource& source, int64_t offset,
                 std::optional<int64_t> count) {
  if (socket.type() != SOCK_STREAM) {
    throw std::invalid_argument("only SOCK_STREAM type sockets are supported");
  }
  if (count && *count <= 0) {
    throw std::invalid_argument("count must be a positive integer (got " +
                                std::to_string(*count) + ")");
  }
  if (offset < 0) {
    throw std::invalid_argument("offset must be a non-negative integer (got " +
                                std::to_string(offset) + ")");
  }
  if (std::optional<double> t = socket.gettimeout(); t && *t == 0.0) {
    throw std::invalid_argument("non-blocking sockets are not supported");
  }
  if (offset != 0) source.seek(offset);
  std::vector<std::byte> block(kBlockSize);
  int64_t total = 0;
  // Python leaves the file just after the last byte sent, even when sending fails midway.
  struct Reposition {
    FileSource& source;
    int64_t offset;
    const int64_t& total;
    ~Reposition() {
      if (total > 0) {
        try {
          source.seek(offset + total);
        } catch (...) {  // unseekable (a pipe): nothing to reposition
        }
      }
    }
  } reposition{source, offset, total};
  for (;;) {
    size_t want = kBlockSize;
    if (count) {
      if (total >= *count) break;
      want = static_cast<size_t>(std::min<int64_t>(*count - total, kBlockSize));
    }
    size_t n = source.read(block.data(), want);
    if (n == 0) break;
    socket.sendall(ConstBuffer(block.data(), n));
    total += static_cast<int64_t>(n);
  }
  return static_cast<size_t>(total);
}

}  // namespace

size_t Socket::sendfile(std::FILE* file, int64_t offset, std::optional<int64_t> count) {
  if (file == nullptr) throw std::invalid_argument("sendfile: file is null");
  StdioSource source(file);
  return send_file(*this, source, offset, count);
}

size_t Socket::sendfile(int fd, int64_t offset, std::optional<int64_t> count) {
  FdSource source(fd);
  return send_file(*this, source, offset, count);
}

}  // namespace tlsock
