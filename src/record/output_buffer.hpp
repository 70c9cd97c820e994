// OutputBuffer: the sealed records waiting to be written to the transport.
//
// RecordLayer::seal() seals records in place at the end of the buffer; the caller writes
// pending() to its socket straight from here and consume()s what was written, or takes the
// buffer itself (hand_over()) and gives it back to the thread's cache
// (common/buffer_cache.hpp) once sent. The memory is taken when records are queued and given
// back when everything queued has been taken, so an idle connection holds no output buffer
// and a busy one allocates nothing per record.
#pragma once

#include <cstddef>

#include "common/bytes.hpp"

namespace tlsock {

class OutputBuffer {
 public:
  ByteView pending() const { return ByteView(buffer_).subspan(begin_); }
  size_t size() const { return buffer_.size() - begin_; }
  bool empty() const { return size() == 0; }

  // Space for `n` more bytes at the end; commit(written) keeps what was actually written
  // (the rest is dropped again).
  MutableByteView reserve(size_t n);
  void commit(size_t reserved, size_t written);

  void consume(size_t n);
  // Copies up to out.size() bytes into `out` and consumes them.
  size_t take(MutableByteView out);
  // Moves the whole buffer into `out` (its old contents dropped): out[offset, size) is what
  // was pending, offset returned. Nothing is pending here afterwards.
  size_t hand_over(Bytes& out);

 private:
  Bytes buffer_;
  size_t begin_ = 0;
};

}  // namespace tlsock
