// ssl.MemoryBIO: an in-memory byte queue that an SSLObject reads its input from and writes its
// output to, so an event loop can move TLS bytes over any transport.
//
// A MemoryBIO is a handle, like a Python object reference: copies share one queue. That is how
// wrap_bio(incoming, outgoing) keeps using the caller's buffers without tying the SSLObject's
// lifetime to two local variables.
//
// Bytes are kept in one contiguous buffer that reads consume from the front: reading and writing
// cost time proportional to the bytes moved, never to what is buffered. An empty BIO holds no
// buffer, only its shared state, so idle connections cost little memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "tlsock/buffer.hpp"

namespace tlsock {

class MemoryBIO {
 public:
  MemoryBIO();

  // Returns up to n bytes from the front, all of them when n is negative, "" when empty.
  std::string read(std::ptrdiff_t n = -1);
  // read() into a caller's buffer, without allocating (not in Python, whose MemoryBIO has no
  // readinto()): up to out.size() bytes from the front; returns the count, 0 when empty.
  size_t read_into(MutableBuffer out);
  // Appends data and returns its size. After write_eof(): SSLError("cannot write() after
  // write_eof()").
  size_t write(ConstBuffer data);
  // Marks the end of the stream: the reader sees EOF once the buffered bytes are consumed.
  void write_eof();

  // Python's .pending: the number of buffered bytes.
  size_t pending() const;
  // Python's .eof: true only when write_eof() was called and the buffer is empty.
  bool eof() const;

 private:
  struct Queue;
  std::shared_ptr<Queue> queue_;
};

}  // namespace tlsock
