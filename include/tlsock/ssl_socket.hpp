// tlsock::SSLSocket: Python's ssl.SSLSocket, a Socket that speaks TLS over its fd
// (SSLContext::wrap_socket).
//
// How it works
// - The SSLSocket takes over the wrapped Socket's fd and timeout. The TLS object exists while
//   the socket is connected: from wrap time (already connected), connect() or accept() until
//   close(), shutdown() or unwrap() (Python's ssl docs, SSL Sockets).
// - Every TLS call (do_handshake, read/recv, write/send, unwrap) takes one deadline when it
//   starts; in timeout mode it ends with TimeoutError("The handshake operation timed out" /
//   "The read operation timed out" / "The write operation timed out"). In non-blocking mode
//   (timeout 0.0) a call that would wait raises SSLWantReadError / SSLWantWriteError; a write
//   must then be retried with the same data.
// - One thread may send while another receives: the driver locks its engine only while it
//   works on it, never while waiting for the fd.
// - close() and shutdown() send no close_notify (as in Python); unwrap() does the exchange
//   and returns the plain Socket.
// - close() or shutdown() from another thread stops a TLS call in progress (a reader blocked in
//   recv()): after close() it raises std::system_error(EBADF), as Socket's calls do
//   (socket.hpp); after shutdown(), which drops the TLS object, std::system_error(ENOTCONN)
//   at its next step on the fd, never "" as if the peer had sent close_notify.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "tlsock/buffer.hpp"
#include "tlsock/socket.hpp"
#include "tlsock/ssl_connection.hpp"

namespace tlsock {

// SSLConnection comes first so that wrap_socket's checks run before the fd is taken over: a
// refused wrap leaves the caller's Socket as it was, as in Python.
class SSLSocket : public SSLConnection, public Socket {
 public:
  SSLSocket(SSLSocket&&) noexcept;
  SSLSocket& operator=(SSLSocket&&) noexcept;
  ~SSLSocket() override;

  // A handshaken server-side SSLSocket (do_handshake_on_connect) and the peer's address.
  std::pair<SSLSocket, Address> accept();
  void connect(const Address& address) override;
  int connect_ex(const Address& address) override;
  void close() override;
  void shutdown(int how) override;
  int detach() override;

  void do_handshake();
  // Up to len bytes; "" after the peer's close_notify, or on a ragged EOF when
  // suppress_ragged_eofs. Without a TLS object: std::invalid_argument("Read on closed or
  // unwrapped SSL socket.").
  std::string read(std::ptrdiff_t len = 1024);
  size_t read(MutableBuffer buffer, std::ptrdiff_t len = 0);
  // All of data (all or nothing). Without a TLS object: std::invalid_argument("Write on
  // closed or unwrapped SSL socket.").
  size_t write(ConstBuffer data);

  // Socket's I/O with TLS semantics: flags must be 0 (std::invalid_argument); recv(0) is ""
  // without I/O; send returns data.size(); sendall loops over send.
  std::string recv(std::ptrdiff_t bufsize = 1024, int flags = 0) override;
  size_t recv_into(MutableBuffer buffer, std::ptrdiff_t nbytes = 0, int flags = 0) override;
  size_t send(ConstBuffer data, int flags = 0) override;
  void sendall(ConstBuffer data, int flags = 0) override;

  // close_notify both ways, then the plain socket (same fd and timeout). Without a TLS
  // object: std::invalid_argument("No SSL wrapper around SSLSocket").
  Socket unwrap();

  bool do_handshake_on_connect() const { return do_handshake_on_connect_; }
  bool suppress_ragged_eofs() const { return suppress_ragged_eofs_; }

 private:
  friend class SSLContext;
  class Transport;
  SSLSocket(const SSLContext& context, Socket&& socket, const WrapSocketOptions& options);
  // Whether the fd has a peer (getpeername() succeeds).
  bool fd_connected() const;
  // Unconnected at wrap time: SSLError("Closed before TLS handshake with data in recv
  // buffer.") when the fd holds data nonetheless (CVE-2023-40217; test_ssl.py
  // TestPreHandshakeClose).
  void refuse_pre_handshake_data();
  // After a connect: the TLS object, then the handshake when do_handshake_on_connect.
  void connected();
  void check_flags(int flags, const char* method) const;
  // The TLS object, held for the length of one call, or std::invalid_argument(closed_message).
  std::shared_ptr<detail::TlsDriver> tls_for(const char* closed_message) const;

  bool do_handshake_on_connect_ = true;
  bool suppress_ragged_eofs_ = true;
};

}  // namespace tlsock
