#include "tlsock/memory_bio.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "tlsock/errors.hpp"

namespace tlsock {

// The unread bytes are bytes[offset, bytes.size()). Once drained the buffer is released, and
// the consumed front is cut off when it passes half the buffer: each byte is moved at most
// once by that, so the cost stays linear in the bytes read.
struct MemoryBIO::Queue {
  std::string bytes;
  size_t offset = 0;
  bool eof_written = false;

  size_t pending() const { return bytes.size() - offset; }

  void consume(size_t n) {
    offset += n;
    if (offset == bytes.size()) {
      std::string().swap(bytes);
      offset = 0;
    } else if (offset > bytes.size() / 2) {
      bytes.erase(0, offset);
      offset = 0;
    }
  }
};

MemoryBIO::MemoryBIO() : queue_(std::make_shared<Queue>()) {}

std::string MemoryBIO::read(std::ptrdiff_t n) {
  Queue& q = *queue_;
  size_t want = n < 0 ? q.pending() : std::min(static_cast<size_t>(n), q.pending());
  // Reading everything from an untouched buffer hands it over without a copy: the common case
  // of an event loop draining `outgoing` after each SSLObject call.
  if (q.offset == 0 && want == q.bytes.size()) return std::exchange(q.bytes, std::string());
  std::string out(q.bytes, q.offset, want);
  q.consume(want);
  return out;
}

size_t MemoryBIO::read_into(MutableBuffer out) {
  Queue& q = *queue_;
  size_t n = std::min(out.size(), q.pending());
  if (n == 0) return 0;
  std::memcpy(out.data(), q.bytes.data() + q.offset, n);
  q.consume(n);
  return n;
}

size_t MemoryBIO::write(ConstBuffer data) {
  Queue& q = *queue_;
  if (q.eof_written) throw SSLError("cannot write() after write_eof()");
  // OpenSSL's BIO_write takes an int length; Python reports larger buffers this way.
  if (data.size() > static_cast<size_t>(INT_MAX)) {
    throw std::out_of_range("string longer than " + std::to_string(INT_MAX) + " bytes");
  }
  q.bytes.append(data.chars());
  return data.size();
}

void MemoryBIO::write_eof() { queue_->eof_written = true; }

size_t MemoryBIO::pending() const { return queue_->pending(); }

bool MemoryBIO::eof() const { return queue_->eof_written && queue_->pending() == 0; }

}  // namespace tlsock
