// SocketFile: makefile()'s std::iostream. Its streambuf reads through the socket's virtual
// recv_into() and writes through sendall(), so an SSLSocket's makefile() carries TLS records
// without code of its own.
#include <algorithm>
#include <stdexcept>
#include <vector>

#include "tlsock/socket.hpp"

namespace tlsock {

namespace {

// Python's io.DEFAULT_BUFFER_SIZE, the buffer makefile() gets by default.
constexpr size_t kBufferSize = 8192;

struct Mode {
  bool reading = false;
  bool writing = false;
};

// Python's makefile() rule: only 'r', 'w' and 'b'; without 'w' the file reads.
Mode parse_mode(std::string_view mode) {
  if (mode.find_first_not_of("rwb") != std::string_view::npos) {
    throw std::invalid_argument("invalid mode '" + std::string(mode) +
                                "' (only r, w, b allowed)");
  }
  Mode m;
  m.writing = mode.find('w') != std::string_view::npos;
  m.reading = mode.find('r') != std::string_view::npos || !m.writing;
  return m;
}

}  // namespace

class SocketFile::Buffer : public std::streambuf {
 public:
  Buffer(Socket& socket, Mode mode) : socket_(&socket), mode_(mode) {
    if (mode_.reading) in_.resize(kBufferSize);
    if (mode_.writing) {
      out_.resize(kBufferSize);
      setp(out_.data(), out_.data() + out_.size());
    }
  }

  // Lets go of the socket (without flushing): later reads see EOF and writes fail.
  void close() {
    socket_ = nullptr;
    setg(nullptr, nullptr, nullptr);
    setp(nullptr, nullptr);
  }
  bool closed() const { return socket_ == nullptr; }
  Mode mode() const { return mode_; }

 protected:
  int_type underflow() override {
    if (socket_ == nullptr || !mode_.reading) return traits_type::eof();
    size_t n = socket_->recv_into(MutableBuffer(in_.data(), in_.size()));
    if (n == 0) return traits_type::eof();
    setg(in_.data(), in_.data(), in_.data() + n);
    return traits_type::to_int_type(in_[0]);
  }

  int_type overflow(int_type ch) override {
    if (socket_ == nullptr || !mode_.writing || !flush_output()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  // A write larger than the buffer goes straight to the socket after what is buffered, rather
  // than being copied through the buffer piece by piece.
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (socket_ == nullptr || !mode_.writing) return 0;
    if (n < epptr() - pptr()) return std::streambuf::xsputn(s, n);
    if (!flush_output()) return 0;
    socket_->sendall(ConstBuffer(s, static_cast<size_t>(n)));
    return n;
  }

  int sync() override {
    if (socket_ == nullptr || !mode_.writing) return 0;
    return flush_output() ? 0 : -1;
  }

 private:
  bool flush_output() {
    size_t pending = static_cast<size_t>(pptr() - pbase());
    if (pending > 0) socket_->sendall(ConstBuffer(pbase(), pending));
    setp(out_.data(), out_.data() + out_.size());
    return true;
  }

  Socket* socket_;
  Mode mode_;
  std::vector<char> in_;
  std::vector<char> out_;
};

SocketFile::SocketFile(Socket& socket, std::string_view mode)
    : std::iostream(nullptr), buf_(std::make_unique<Buffer>(socket, parse_mode(mode))) {
  rdbuf(buf_.get());
}

SocketFile::SocketFile(SocketFile&& other)
    : std::iostream(std::move(other)), buf_(std::move(other.buf_)) {
  set_rdbuf(buf_.get());
}

SocketFile& SocketFile::operator=(SocketFile&& other) {
  if (this != &other) {
    close();
    std::iostream::operator=(std::move(other));
    buf_ = std::move(other.buf_);
    set_rdbuf(buf_.get());
  }
  return *this;
}

SocketFile::~SocketFile() {
  // A destructor cannot report a failed flush; close() before it does (badbit).
  try {
    close();
  } catch (...) {
  }
}

void SocketFile::close() {
  if (!buf_ || buf_->closed()) return;
  flush();  // a failure sets badbit (or throws, per exceptions())
  buf_->close();
}

bool SocketFile::closed() const { return !buf_ || buf_->closed(); }

std::string SocketFile::mode() const {
  if (!buf_) return "";
  Mode m = buf_->mode();
  return std::string(m.reading ? "r" : "") + (m.writing ? "w" : "") + "b";
}

}  // namespace tlsock
