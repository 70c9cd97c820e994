// tlsock::Socket: a TCP socket with the methods and semantics of Python's socket.socket
// (IPv4 and IPv6), and the base class of SSLSocket.
//
// How it works
// - A Socket owns one file descriptor (close-on-exec, as Python's are) and is move-only; a
//   moved-from or closed Socket has fileno() == -1 and its methods throw EBADF.
// - The timeout selects one of Python's three modes, re-read at every call:
//     nullopt  blocking: the fd is blocking and calls wait as long as it takes;
//     0.0      non-blocking: the fd is O_NONBLOCK and a call that would wait throws
//              std::system_error(EAGAIN) (Python's BlockingIOError);
//     t > 0    timeout: the fd is O_NONBLOCK, each call takes one deadline (now + t) when it
//              starts and waits with poll() for the time left; TimeoutError("timed out") when
//              it passes. sendall() and connect() are one call: one deadline in total.
// - Threads: one thread may close() or shutdown() the socket while others are inside calls on
//   it (the usual way to stop a reader thread). close() wakes them with shutdown(SHUT_RDWR)
//   (on Linux, closing an fd does not wake a call blocked on it) and they raise
//   std::system_error(EBADF), Python's OSError "Bad file descriptor"; the descriptor itself is
//   closed by the last call to leave it, so no call ever uses a number the system has given to
//   another file. shutdown() keeps the system's meaning: a blocked recv() returns "" (EOF).
//   Other methods (settimeout, bind, ...) are not meant to race with each other.
// - System calls interrupted by a signal (EINTR) are retried; a connect() interrupted that way
//   is waited for, as Python does. Other errors are std::system_error with the errno
//   (ECONNREFUSED, ...) in std::generic_category(); name resolution errors are in
//   gai_category(). send() never raises SIGPIPE: a closed peer gives EPIPE.
//
// For SSLSocket (which is-a Socket): the I/O methods are virtual, so a derived class overrides
// recv_into / send / sendall / connect / connect_ex / close / shutdown / detach, and recv(),
// sendfile() and makefile() then go through its versions. A derived class reads and writes its
// own transport bytes with the protected raw_recv_into / raw_send, which keep the fd, timeout
// and deadline rules above, and makes one Deadline per public call so that a whole TLS
// operation (handshake, read, write, unwrap) has one deadline.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <atomic>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "tlsock/buffer.hpp"

namespace tlsock {

// Python's socket address tuple: (host, port) for AF_INET, (host, port, flowinfo, scope_id)
// for AF_INET6. `host` is a numeric address when it comes from the system (getsockname,
// getpeername, accept) and a name or a numeric address when given to connect/bind ("" binds
// to every interface). Ports are ints as in Python, checked to be 0..65535 when used.
struct Address {
  std::string host;
  int port = 0;
  uint32_t flowinfo = 0;  // AF_INET6 only
  uint32_t scope_id = 0;  // AF_INET6 only
  friend bool operator==(const Address&, const Address&) = default;
};

// "[::1]:443" or "127.0.0.1:443": for messages.
std::string to_string(const Address& address);

// The category of getaddrinfo() errors (Python's socket.gaierror): EAI_* values, messages from
// gai_strerror().
const std::error_category& gai_category() noexcept;

class SocketFile;

class Socket {
 public:
  // Python's default listen() backlog: min(SOMAXCONN, 128).
  static constexpr int kDefaultBacklog = 128;

  // A new socket (Python's socket.socket(family, type, proto)). SOCK_NONBLOCK in `type` gives
  // timeout 0.0, as in Python. With `fileno`, the Socket takes ownership of that descriptor
  // (Python's socket(fileno=fd)) and reads family, type and protocol from it; its timeout is
  // 0.0 if the fd is O_NONBLOCK, else None. On failure the fd is not closed.
  explicit Socket(int family = AF_INET, int type = SOCK_STREAM, int proto = 0,
                  std::optional<int> fileno = std::nullopt);
  virtual ~Socket();
  Socket(Socket&& other) noexcept;
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  // A connection and the peer's address. The new socket is blocking (timeout None), as in
  // Python without a default timeout.
  std::pair<Socket, Address> accept();
  void bind(const Address& address);
  void bind(std::string_view host, int port);
  // Closes the fd (errors other than ECONNRESET throw). Closing twice does nothing.
  virtual void close();
  virtual void connect(const Address& address);
  // connect() that returns the errno instead of throwing: 0 on success, EINPROGRESS on a
  // non-blocking socket, EWOULDBLOCK when the timeout passed. Name resolution still throws.
  virtual int connect_ex(const Address& address);
  // Gives up ownership of the fd and returns it; the Socket is then closed.
  virtual int detach();
  int fileno() const { return fd_.load(); }
  int family() const { return family_; }
  int type() const { return type_; }
  int proto() const { return proto_; }
  Address getpeername() const;
  Address getsockname() const;
  int getsockopt(int level, int optname) const;
  std::string getsockopt(int level, int optname, size_t buflen) const;
  void setsockopt(int level, int optname, int value);
  void setsockopt(int level, int optname, ConstBuffer value);
  // nullopt: blocking; 0.0: non-blocking; t > 0: timeout in seconds.
  std::optional<double> gettimeout() const { return timeout_; }
  // Negative or NaN: std::invalid_argument ("Timeout value out of range").
  void settimeout(std::optional<double> timeout);
  // setblocking(true) == settimeout(nullopt); setblocking(false) == settimeout(0.0).
  void setblocking(bool flag);
  bool getblocking() const { return !timeout_ || *timeout_ != 0.0; }
  // A negative backlog counts as 0, as in Python.
  void listen(int backlog = kDefaultBacklog);
  // A buffered std::iostream over this socket, reading through recv_into() and writing
  // through sendall(). mode is made of 'r', 'w' and 'b' (Python's rule: no 'w' means 'r';
  // anything else is std::invalid_argument); the stream is binary either way. Closing or
  // destroying the stream does not close the socket. The Socket must outlive the stream and
  // not be moved while the stream is used.
  SocketFile makefile(std::string_view mode = "r");
  // Up to bufsize bytes; "" at EOF. Negative bufsize: std::invalid_argument.
  virtual std::string recv(std::ptrdiff_t bufsize, int flags = 0);
  // Reads into the first nbytes of buffer (0: all of it) and returns the count.
  virtual size_t recv_into(MutableBuffer buffer, std::ptrdiff_t nbytes = 0, int flags = 0);
  // Sends what the kernel takes now and returns the count (possibly less than data.size()).
  virtual size_t send(ConstBuffer data, int flags = 0);
  // Sends all of data (one deadline for the whole call in timeout mode).
  virtual void sendall(ConstBuffer data, int flags = 0);
  // Python's sendfile() by its send() fallback: reads the file in blocks from `offset` (when
  // non-zero; otherwise from the current position), sends each with sendall(), and leaves the
  // file positioned after the last byte sent. count: at most that many bytes (must be > 0);
  // nullopt: up to EOF. Returns the bytes sent. A non-blocking socket is std::invalid_argument.
  size_t sendfile(std::FILE* file, int64_t offset = 0, std::optional<int64_t> count = {});
  size_t sendfile(int fd, int64_t offset = 0, std::optional<int64_t> count = {});
  // SHUT_RD, SHUT_WR or SHUT_RDWR.
  virtual void shutdown(int how);

 protected:
  // The end of one call's waiting, from the timeout it started with.
  class Deadline {
   public:
    explicit Deadline(std::optional<double> timeout);
    // Timeout 0.0: never wait.
    bool nonblocking() const { return nonblocking_; }
    // Timeout > 0: waits are bounded.
    bool bounded() const { return end_.has_value(); }
    bool expired() const;
    // The poll() timeout for the time left: -1 (no limit), 0 (non-blocking or expired), else
    // milliseconds rounded up, so a wait never ends just before the deadline and spins.
    int poll_timeout_ms() const;

   private:
    std::optional<std::chrono::steady_clock::time_point> end_;
    bool nonblocking_ = false;
  };

  // One call's hold on the fd: while a hold exists, close() leaves the descriptor open (the
  // last hold closes it), so fd() stays this socket's. Take one per system call or group of
  // calls; never across a call to another public method.
  class FdUse {
   public:
    FdUse(const FdUse&) = delete;
    FdUse& operator=(const FdUse&) = delete;
    ~FdUse();
    int fd() const { return fd_; }
    // std::system_error(EBADF) when close() or detach() ran since the hold was taken: a call
    // that was woken by it (or returned nothing) reports that instead of its own result.
    void check_open() const;

   private:
    friend class Socket;
    FdUse(const Socket& socket, int fd) : socket_(socket), fd_(fd) {}
    const Socket& socket_;
    int fd_;
  };

  // A deadline from the current timeout: take one at the start of each public call.
  Deadline make_deadline() const { return Deadline(timeout_); }
  // One recv()/send() on the fd, in the mode of `deadline`: waits first when the deadline is
  // bounded, and throws TimeoutError(timeout_message) when it passes. nullopt means the call
  // would block (non-blocking mode). Errors throw std::system_error.
  std::optional<size_t> raw_recv_into(MutableBuffer buffer, int flags, const Deadline& deadline,
                                      const char* timeout_message = "timed out");
  std::optional<size_t> raw_send(ConstBuffer data, int flags, const Deadline& deadline,
                                 const char* timeout_message = "timed out");
  // Waits until the fd is ready for some of `events` (POLLIN, POLLOUT) and returns those it
  // is ready for (poll()'s revents: an error or hang-up counts as ready). TimeoutError when
  // the deadline passes; 0 when non-blocking and not ready now.
  short raw_wait(short events, const Deadline& deadline, const char* timeout_message = "timed out");
  // A hold on the fd, or std::system_error(EBADF) when the socket is closed.
  FdUse use_fd() const;

  int family_ = AF_INET;
  int type_ = SOCK_STREAM;
  int proto_ = 0;
  std::optional<double> timeout_;

 private:
  // 0 or an errno; *timed_out tells a passed deadline apart.
  int connect_errno(const Address& address, bool& timed_out);
  // Takes the fd from the socket (fileno() -1 from now on); when calls still hold it, wakes
  // them and leaves the close to the last one. The fd to close now, or -1.
  int release_fd(bool wake_users);

  // -1 once closed or detached. Atomic: fileno() and check_open() read it without the lock.
  std::atomic<int> fd_ = -1;
  mutable std::mutex fd_mutex_;  // guards the two below, and fd_'s changes
  mutable int fd_users_ = 0;     // FdUse holds
  mutable int fd_to_close_ = -1;  // closed by the last hold to end
};

// What makefile() returns: a std::iostream over a Socket. close() flushes and detaches it
// from the socket (later I/O fails: badbit); the destructor flushes too. A socket error or
// timeout during stream I/O sets badbit, as iostreams do, and is rethrown if the caller asked
// for that with exceptions(std::ios::badbit).
class SocketFile : public std::iostream {
 public:
  SocketFile(Socket& socket, std::string_view mode);
  SocketFile(SocketFile&& other);
  SocketFile& operator=(SocketFile&& other);
  ~SocketFile() override;

  void close();
  bool closed() const;
  // The mode as Python normalises it: "rb", "wb" or "rwb".
  std::string mode() const;

 private:
  class Buffer;
  std::unique_ptr<Buffer> buf_;
};

// Connects to host:port, trying every address getaddrinfo() gives in turn (IPv4 and IPv6), as
// Python's socket.create_connection does. Each attempt uses `timeout` (nullopt: blocking);
// with source_address, the socket is bound to it first. When every attempt fails, the last
// error is thrown.
Socket create_connection(std::string_view host, int port,
                         std::optional<double> timeout = std::nullopt,
                         const std::optional<Address>& source_address = std::nullopt);

}  // namespace tlsock
