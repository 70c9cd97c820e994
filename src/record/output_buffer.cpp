#include "record/output_buffer.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "common/buffer_cache.hpp"

namespace tlsock {

MutableByteView OutputBuffer::reserve(size_t n) {
  // Drop what has been taken before growing, so a long-lived busy connection does not grow.
  if (begin_ != 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<ptrdiff_t>(begin_));
    begin_ = 0;
  }
  if (buffer_.capacity() == 0) buffer_ = take_growable_buffer();
  size_t old = buffer_.size();
  buffer_.resize(old + n);
  return MutableByteView(buffer_).subspan(old);
}

void OutputBuffer::commit(size_t reserved, size_t written) {
  buffer_.resize(buffer_.size() - reserved + std::min(written, reserved));
  if (empty()) consume(0);
}

void OutputBuffer::consume(size_t n) {
  begin_ += std::min(n, size());
  if (begin_ == buffer_.size()) {
    // Released when idle: the records went out, the memory goes too.
    give_back_growable_buffer(buffer_);
    begin_ = 0;
  }
}

size_t OutputBuffer::hand_over(Bytes& out) {
  out = std::move(buffer_);
  buffer_ = Bytes();
  return std::exchange(begin_, 0);
}

size_t OutputBuffer::take(MutableByteView out) {
  size_t n = std::min(out.size(), size());
  if (n != 0) std::memcpy(out.data(), buffer_.data() + begin_, n);
  consume(n);
  return n;
}

}  // namespace tlsock
