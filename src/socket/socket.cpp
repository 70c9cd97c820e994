// Socket: Python's socket.socket over a file descriptor. The waiting rules follow CPython's
// sock_call_ex(): in timeout mode poll() first with the time left, then make the call, and go
// round again on EAGAIN; in the other modes make the call directly.
#include "tlsock/socket.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "socket/sockaddr.hpp"
#include "tlsock/errors.hpp"

namespace tlsock {

namespace {

[[noreturn]] void throw_errno(int err, const std::string& what) {
  throw std::system_error(err, std::generic_category(), what);
}

bool is_would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK; }

// Python's settimeout() rejects these; anything longer than this many seconds is waited for
// in slices, since steady_clock cannot represent "now + 1e300 s".
constexpr double kLongestTimeout = 1e9;

void set_nonblocking(int fd, bool nonblocking) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) throw_errno(errno, "fcntl(F_GETFL)");
  int wanted = nonblocking ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  if (wanted != flags && fcntl(fd, F_SETFL, wanted) < 0) throw_errno(errno, "fcntl(F_SETFL)");
}

int socket_option(int fd, int level, int name) {
  int value = 0;
  socklen_t len = sizeof value;
  if (::getsockopt(fd, level, name, &value, &len) < 0) throw_errno(errno, "getsockopt");
  return value;
}

}  // namespace

// --- Deadline -------------------------------------------------------------------------------

Socket::Deadline::Deadline(std::optional<double> timeout) {
  if (!timeout) return;
  if (*timeout == 0.0) {
    nonblocking_ = true;
    return;
  }
  auto span = std::chrono::duration<double>(std::min(*timeout, kLongestTimeout));
  end_ = std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(span);
}

bool Socket::Deadline::expired() const {
  return end_ && std::chrono::steady_clock::now() >= *end_;
}

int Socket::Deadline::poll_timeout_ms() const {
  if (nonblocking_) return 0;
  if (!end_) return -1;
  auto left = *end_ - std::chrono::steady_clock::now();
  if (left <= left.zero()) return 0;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  // Longer waits are cut into slices; wait_ready() polls again until the deadline.
  return static_cast<int>(std::min<decltype(ms)>(ms, INT_MAX));
}

// --- construction ---------------------------------------------------------------------------

Socket::Socket(int family, int type, int proto, std::optional<int> fileno) {
  if (fileno) {
    int fd = *fileno;
    family_ = socket_option(fd, SOL_SOCKET, SO_DOMAIN);
    type_ = socket_option(fd, SOL_SOCKET, SO_TYPE);
    proto_ = socket_option(fd, SOL_SOCKET, SO_PROTOCOL);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) throw_errno(errno, "fcntl(F_GETFL)");
    if (flags & O_NONBLOCK) timeout_ = 0.0;
    fd_ = fd;
    return;
  }
  int fd = ::socket(family, type | SOCK_CLOEXEC, proto);
  if (fd < 0) throw_errno(errno, "socket");
  fd_ = fd;
  family_ = family;
  type_ = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  proto_ = proto;
  if (type & SOCK_NONBLOCK) timeout_ = 0.0;
}

// A Socket is destroyed or moved only when no other thread uses it (as any C++ object), so no
// hold on its fd is left then.
Socket::~Socket() {
  // Errors cannot be reported from a destructor; close() reports them.
  if (fd_ >= 0) ::close(fd_);
}

Socket::Socket(Socket&& other) noexcept
    : family_(other.family_),
      type_(other.type_),
      proto_(other.proto_),
      timeout_(other.timeout_),
      fd_(other.fd_.exchange(-1)) {}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_.exchange(-1);
    family_ = other.family_;
    type_ = other.type_;
    proto_ = other.proto_;
    timeout_ = other.timeout_;
  }
  return *this;
}

// --- holds on the fd ------------------------------------------------------------------------

Socket::FdUse Socket::use_fd() const {
  std::lock_guard lock(fd_mutex_);
  int fd = fd_.load();
  if (fd < 0) throw_errno(EBADF, "socket is closed");
  ++fd_users_;
  return FdUse(*this, fd);
}

Socket::FdUse::~FdUse() {
  int fd = -1;
  {
    std::lock_guard lock(socket_.fd_mutex_);
    if (--socket_.fd_users_ == 0) fd = std::exchange(socket_.fd_to_close_, -1);
  }
  if (fd >= 0) ::close(fd);  // close() left it to us; its errors have nowhere to go
}

void Socket::FdUse::check_open() const {
  if (socket_.fd_.load() != fd_) throw_errno(EBADF, "socket closed by another thread");
}

int Socket::release_fd(bool wake_users) {
  std::lock_guard lock(fd_mutex_);
  int fd = fd_.exchange(-1);
  if (fd < 0 || fd_users_ == 0 || !wake_users) return fd;
  // On Linux, close() does not wake a thread blocked on the fd, and the number could be given
  // to another file while that thread still uses it. shutdown() wakes it (a listening socket's
  // accept() too); the last hold closes the fd.
  ::shutdown(fd, SHUT_RDWR);
  fd_to_close_ = fd;
  return -1;
}

// --- waiting and the raw calls --------------------------------------------------------------

namespace {

// Waits until fd is ready for some of `events` (POLLIN, POLLOUT) and returns poll()'s revents;
// an error or hang-up counts as ready, so the next call reports it. 0 when the deadline passed
// (or, non-blocking, when not ready now). (A template over the deadline type, since
// Socket::Deadline is protected.)
template <typename Deadline>
short wait_ready(int fd, short events, const Deadline& deadline) {
  pollfd p{fd, events, 0};
  for (;;) {
    int rc = ::poll(&p, 1, deadline.poll_timeout_ms());
    if (rc > 0) return p.revents;
    if (rc == 0) {
      if (deadline.nonblocking() || deadline.expired()) return 0;
      continue;  // a slice of a long wait ended, or poll() woke a little early
    }
    if (errno != EINTR) throw_errno(errno, "poll");
  }
}

// One system call on use.fd() in the mode of `deadline`, as CPython's sock_call_ex(): bounded,
// wait first and retry on EAGAIN until the deadline; otherwise call once and report EAGAIN as
// nullopt. `call` returns the system call's result with errno set on failure. A call that
// made no progress (0 or an error) after close() from another thread woke it raises EBADF.
template <typename Deadline, typename FdUse, typename Call>
std::optional<size_t> io_call(const Deadline& deadline, const FdUse& use, short events,
                              Call&& call, const char* timeout_message, const char* name) {
  for (;;) {
    if (deadline.bounded() && !wait_ready(use.fd(), events, deadline)) {
      use.check_open();
      throw TimeoutError(timeout_message);
    }
    ssize_t n = call();
    if (n > 0) return static_cast<size_t>(n);
    int err = errno;
    use.check_open();
    if (n == 0) return size_t{0};
    if (err == EINTR) continue;
    if (is_would_block(err)) {
      if (deadline.bounded()) continue;
      return std::nullopt;
    }
    throw_errno(err, name);
  }
}

}  // namespace

std::optional<size_t> Socket::raw_recv_into(MutableBuffer buffer, int flags,
                                            const Deadline& deadline,
                                            const char* timeout_message) {
  FdUse use = use_fd();
  return io_call(
      deadline, use, POLLIN,
      [&] { return ::recv(use.fd(), buffer.data(), buffer.size(), flags); }, timeout_message,
      "recv");
}

short Socket::raw_wait(short events, const Deadline& deadline, const char* timeout_message) {
  FdUse use = use_fd();
  short ready = wait_ready(use.fd(), events, deadline);
  use.check_open();
  if (ready == 0 && !deadline.nonblocking()) throw TimeoutError(timeout_message);
  return ready;
}

std::optional<size_t> Socket::raw_send(ConstBuffer data, int flags, const Deadline& deadline,
                                       const char* timeout_message) {
  FdUse use = use_fd();
  // MSG_NOSIGNAL: a library must not kill its process with SIGPIPE when the peer has gone;
  // Python ignores SIGPIPE for the same reason, and the caller gets EPIPE instead.
  return io_call(
      deadline, use, POLLOUT,
      [&] { return ::send(use.fd(), data.data(), data.size(), flags | MSG_NOSIGNAL); },
      timeout_message, "send");
}

// --- Python's methods -----------------------------------------------------------------------

std::pair<Socket, Address> Socket::accept() {
  FdUse use = use_fd();
  Deadline deadline = make_deadline();
  detail::SockAddr peer;
  std::optional<size_t> conn = io_call(
      deadline, use, POLLIN,
      [&] {
        peer.length = sizeof peer.storage;
        return ::accept4(use.fd(), peer.get(), &peer.length, SOCK_CLOEXEC);
      },
      "timed out", "accept");
  if (!conn) throw_errno(EAGAIN, "accept");
  // Linux does not pass O_NONBLOCK on to accepted sockets: the new one is blocking, which is
  // what its timeout None says.
  int conn_fd = static_cast<int>(*conn);
  std::optional<Socket> s;
  try {
    s.emplace(family_, type_, proto_, conn_fd);
  } catch (...) {
    ::close(conn_fd);  // not owned by a Socket yet
    throw;
  }
  return {std::move(*s), detail::to_address(peer)};
}

void Socket::bind(const Address& address) {
  detail::SockAddr sa = detail::resolve(address, family_, type_, /*passive=*/true);
  FdUse use = use_fd();
  if (::bind(use.fd(), sa.get(), sa.length) < 0) {
    throw_errno(errno, "bind to " + to_string(address));
  }
}

void Socket::bind(std::string_view host, int port) { bind(Address{std::string(host), port}); }

void Socket::close() {
  int fd = release_fd(/*wake_users=*/true);
  if (fd < 0) return;
  // ECONNRESET only says the peer reset first; EINTR still closes the fd on Linux, so retrying
  // could close someone else's.
  if (::close(fd) < 0 && errno != ECONNRESET && errno != EINTR) throw_errno(errno, "close");
}

int Socket::connect_errno(const Address& address, bool& timed_out) {
  timed_out = false;
  detail::SockAddr sa = detail::resolve(address, family_, type_, /*passive=*/false);
  FdUse use = use_fd();
  Deadline deadline = make_deadline();
  if (::connect(use.fd(), sa.get(), sa.length) == 0) return 0;
  int err = errno;
  use.check_open();
  // A connect() interrupted by a signal goes on in the background (CPython issue #23618), so
  // it is waited for like a non-blocking one, except on a non-blocking socket.
  bool wait = err == EINTR ? !deadline.nonblocking() : (deadline.bounded() && err == EINPROGRESS);
  if (!wait) return err;
  bool ready = wait_ready(use.fd(), POLLOUT, deadline) != 0;
  use.check_open();
  if (!ready) {
    timed_out = true;
    return EWOULDBLOCK;
  }
  return socket_option(use.fd(), SOL_SOCKET, SO_ERROR);
}

void Socket::connect(const Address& address) {
  bool timed_out = false;
  int err = connect_errno(address, timed_out);
  if (timed_out) throw TimeoutError();
  if (err != 0) throw_errno(err, "connect to " + to_string(address));
}

int Socket::connect_ex(const Address& address) {
  bool timed_out = false;
  return connect_errno(address, timed_out);
}

int Socket::detach() { return release_fd(/*wake_users=*/false); }

Address Socket::getpeername() const {
  detail::SockAddr sa;
  sa.length = sizeof sa.storage;
  FdUse use = use_fd();
  if (::getpeername(use.fd(), sa.get(), &sa.length) < 0) throw_errno(errno, "getpeername");
  return detail::to_address(sa);
}

Address Socket::getsockname() const {
  detail::SockAddr sa;
  sa.length = sizeof sa.storage;
  FdUse use = use_fd();
  if (::getsockname(use.fd(), sa.get(), &sa.length) < 0) throw_errno(errno, "getsockname");
  return detail::to_address(sa);
}

int Socket::getsockopt(int level, int optname) const {
  FdUse use = use_fd();
  return socket_option(use.fd(), level, optname);
}

std::string Socket::getsockopt(int level, int optname, size_t buflen) const {
  // Python's limit for the bytes form (socket.getsockopt: "getsockopt buflen out of range").
  if (buflen == 0 || buflen > 1024) throw std::invalid_argument("getsockopt buflen out of range");
  std::string value(buflen, '\0');
  socklen_t len = static_cast<socklen_t>(buflen);
  FdUse use = use_fd();
  if (::getsockopt(use.fd(), level, optname, value.data(), &len) < 0) {
    throw_errno(errno, "getsockopt");
  }
  value.resize(len);
  return value;
}

void Socket::setsockopt(int level, int optname, int value) {
  FdUse use = use_fd();
  if (::setsockopt(use.fd(), level, optname, &value, sizeof value) < 0) {
    throw_errno(errno, "setsockopt");
  }
}

void Socket::setsockopt(int level, int optname, ConstBuffer value) {
  FdUse use = use_fd();
  if (::setsockopt(use.fd(), level, optname, value.data(),
                   static_cast<socklen_t>(value.size())) < 0) {
    throw_errno(errno, "setsockopt");
  }
}

void Socket::settimeout(std::optional<double> timeout) {
  if (timeout && std::isnan(*timeout)) {
    throw std::invalid_argument("Invalid value NaN (not a number)");
  }
  if (timeout && *timeout < 0) throw std::invalid_argument("Timeout value out of range");
  // Python keeps the fd non-blocking in both timeout modes: the waiting is done by poll().
  FdUse use = use_fd();
  set_nonblocking(use.fd(), timeout.has_value());
  timeout_ = timeout;
}

void Socket::setblocking(bool flag) {
  settimeout(flag ? std::nullopt : std::optional<double>(0.0));
}

void Socket::listen(int backlog) {
  FdUse use = use_fd();
  if (::listen(use.fd(), std::max(backlog, 0)) < 0) throw_errno(errno, "listen");
}

SocketFile Socket::makefile(std::string_view mode) { return SocketFile(*this, mode); }

std::string Socket::recv(std::ptrdiff_t bufsize, int flags) {
  if (bufsize < 0) throw std::invalid_argument("negative buffersize in recv");
  std::string data(static_cast<size_t>(bufsize), '\0');
  data.resize(recv_into(data, bufsize, flags));
  return data;
}

size_t Socket::recv_into(MutableBuffer buffer, std::ptrdiff_t nbytes, int flags) {
  if (nbytes < 0) throw std::invalid_argument("negative buffersize in recv_into");
  if (static_cast<size_t>(nbytes) > buffer.size()) {
    throw std::invalid_argument("buffer too small for requested bytes");
  }
  if (nbytes == 0) nbytes = static_cast<std::ptrdiff_t>(buffer.size());
  std::optional<size_t> n =
      raw_recv_into(buffer.first(static_cast<size_t>(nbytes)), flags, make_deadline());
  if (!n) throw_errno(EAGAIN, "recv");
  return *n;
}

size_t Socket::send(ConstBuffer data, int flags) {
  std::optional<size_t> n = raw_send(data, flags, make_deadline());
  if (!n) throw_errno(EAGAIN, "send");
  return *n;
}

void Socket::sendall(ConstBuffer data, int flags) {
  Deadline deadline = make_deadline();
  size_t sent = 0;
  while (sent < data.size()) {
    std::optional<size_t> n = raw_send(data.subspan(sent), flags, deadline);
    if (!n) throw_errno(EAGAIN, "sendall");
    sent += *n;
  }
}

void Socket::shutdown(int how) {
  FdUse use = use_fd();
  if (::shutdown(use.fd(), how) < 0) throw_errno(errno, "shutdown");
}

}  // namespace tlsock
