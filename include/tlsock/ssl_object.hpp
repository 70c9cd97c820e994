// tlsock::SSLObject: Python's ssl.SSLObject, a TLS connection over two MemoryBIOs for event
// loops (SSLContext::wrap_bio). It never touches a socket: its output is appended to
// `outgoing` (unbounded, so it never wants to write), its input is read from `incoming`.
//
// Always non-blocking: an operation that needs bytes the incoming BIO does not hold raises
// SSLWantReadError; the caller sends outgoing.read() to the peer, writes what arrives into
// incoming, and calls again (Python's ssl docs, Memory BIO Support). A write retried after a Want
// error must pass the same data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "tlsock/buffer.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_connection.hpp"

namespace tlsock {

class SSLObject : public SSLConnection {
 public:
  SSLObject(SSLObject&&) noexcept;
  SSLObject& operator=(SSLObject&&) noexcept;
  ~SSLObject() override;

  void do_handshake();
  // Up to len bytes; "" once the peer's close_notify arrived. incoming.write_eof() without a
  // close_notify: SSLEOFError. Negative len: std::invalid_argument("size should not be
  // negative").
  std::string read(std::ptrdiff_t len = 1024);
  // Into buffer (its first len bytes; len <= 0 or too large: all of it); returns the count.
  size_t read(MutableBuffer buffer, std::ptrdiff_t len = 0);
  // All of data, or a Want error (retry with the same data). "" returns 0.
  size_t write(ConstBuffer data);
  // Sends close_notify and waits (SSLWantReadError) for the peer's. Python returns None.
  void unwrap();

  MemoryBIO incoming() const { return incoming_; }
  MemoryBIO outgoing() const { return outgoing_; }

 private:
  friend class SSLContext;
  SSLObject(const SSLContext& context, MemoryBIO incoming, MemoryBIO outgoing,
            const WrapBioOptions& options);

  MemoryBIO incoming_;
  MemoryBIO outgoing_;
};

}  // namespace tlsock
