#include "tlsock/memory_bio.hpp"

#include <climits>
#include <deque>
#include <stdexcept>

#include "tlsock/errors.hpp"

namespace tlsock {

// Written chunks in order; `offset` bytes of the front chunk have been read already.
struct MemoryBIO::Queue {
  std::deque<std::string> chunks;
  size_t offset = 0;
  size_t pending = 0;
  bool eof_written = false;
};

MemoryBIO::MemoryBIO() : queue_(std::make_shared<Queue>()) {}

std::string MemoryBIO::read(std::ptrdiff_t n) {
  Queue& q = *queue_;
  size_t want = n < 0 ? q.pending : std::min(static_cast<size_t>(n), q.pending);
  std::string out;
  // Reading a whole untouched front chunk hands it over without a copy: the common case of an
  // SSLObject draining `outgoing` record by record.
  if (want > 0 && q.offset == 0 && q.chunks.front().size() == want) {
    out = std::move(q.chunks.front());
    q.chunks.pop_front();
    q.pending -= want;
    return out;
  }
  out.reserve(want);
  while (out.size() < want) {
    std::string& front = q.chunks.front();
    size_t take = std::min(front.size() - q.offset, want - out.size());
    out.append(front, q.offset, take);
    q.offset += take;
    if (q.offset == front.size()) {
      q.chunks.pop_front();
      q.offset = 0;
    }
  }
  q.pending -= want;
  return out;
}

size_t MemoryBIO::write(ConstBuffer data) {
  Queue& q = *queue_;
  if (q.eof_written) throw SSLError("cannot write() after write_eof()");
  // OpenSSL's BIO_write takes an int length; Python reports larger buffers this way.
  if (data.size() > static_cast<size_t>(INT_MAX)) {
    throw std::out_of_range("string longer than " + std::to_string(INT_MAX) + " bytes");
  }
  if (!data.empty()) {
    q.chunks.emplace_back(data.chars());
    q.pending += data.size();
  }
  return data.size();
}

void MemoryBIO::write_eof() { queue_->eof_written = true; }

size_t MemoryBIO::pending() const { return queue_->pending; }

bool MemoryBIO::eof() const { return queue_->eof_written && queue_->pending == 0; }

}  // namespace tlsock
