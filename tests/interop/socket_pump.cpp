#include "socket_pump.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace tlsock::interop {

using Clock = std::chrono::steady_clock;

namespace {

Error io_error(std::string what) { return Error{ErrorKind::closed, AlertDescription::close_notify, std::move(what)}; }

sockaddr_in loopback(uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

Listener::Listener() {
  fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a = loopback(0);
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd, 8) != 0) {
    close(fd);
    fd = -1;
    return;
  }
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
}

Listener::~Listener() {
  if (fd >= 0) close(fd);
}

int Listener::accept_one(std::chrono::milliseconds timeout) const {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return -1;
  return accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
}

int connect_loopback(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

uint16_t pick_free_port() {
  Listener l;
  return l.port;
}

SocketPump::~SocketPump() {
  if (fd_ >= 0) ::close(fd_);
}

Status SocketPump::flush() {
  auto deadline = Clock::now() + timeout_;
  while (conn_.has_output()) {
    ByteView out = conn_.pending_output();
    ssize_t n = send(fd_, out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      conn_.consume_output(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return io_error("send failed");
    }
    pollfd p{fd_, POLLOUT, 0};
    if (poll(&p, 1, remaining_ms(deadline)) != 1) return io_error("send timed out");
  }
  return {};
}

Status SocketPump::feed_pending() {
  while (!inbuf_.empty()) {
    auto took = conn_.feed(as_bytes(inbuf_));
    if (!took.ok()) return std::move(took).error();
    inbuf_.erase(0, *took);
    char buf[16384];
    bool read_any = false;
    for (;;) {
      auto n = conn_.read_app(MutableByteView(reinterpret_cast<uint8_t*>(buf), sizeof buf));
      if (!n.ok()) return std::move(n).error();
      if (*n == 0) break;
      received_.append(buf, *n);
      read_any = true;
    }
    if (*took == 0 && !read_any) break;  // peer closed: the rest is not TLS
  }
  // Output the engine produced while reading (alerts, KeyUpdate answers, PHA answers).
  return flush();
}

Status SocketPump::read_once(std::chrono::milliseconds wait) {
  if (eof_) return io_error("peer closed the TCP connection");
  pollfd p{fd_, POLLIN, 0};
  int r = poll(&p, 1, static_cast<int>(wait.count()));
  if (r == 0) return {};
  if (r < 0) return io_error("poll failed");
  char buf[16384];
  ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n == 0) {
    eof_ = true;
    return io_error("peer closed the TCP connection");
  }
  if (n < 0) return errno == EINTR ? Status{} : io_error("recv failed");
  inbuf_.append(buf, static_cast<size_t>(n));
  return feed_pending();
}

Status SocketPump::handshake() {
  auto deadline = Clock::now() + timeout_;
  TLSOCK_TRY(flush());
  while (!conn_.handshake_done()) {
    if (Clock::now() >= deadline) return io_error("handshake timed out");
    TLSOCK_TRY(read_once(std::chrono::milliseconds(remaining_ms(deadline))));
  }
  return flush();
}

Status SocketPump::write(std::string_view data) {
  auto deadline = Clock::now() + timeout_;
  while (!data.empty()) {
    auto n = conn_.write_app(as_bytes(data));
    if (!n.ok()) return std::move(n).error();
    data.remove_prefix(*n);
    TLSOCK_TRY(flush());
    if (*n == 0) {
      if (Clock::now() >= deadline) return io_error("write timed out");
      TLSOCK_TRY(read_once(std::chrono::milliseconds(10)));
    }
  }
  return {};
}

Status SocketPump::read_until(std::string_view needle) {
  auto deadline = Clock::now() + timeout_;
  while (received_.find(needle) == std::string::npos) {
    if (Clock::now() >= deadline) return io_error("timed out waiting for data");
    TLSOCK_TRY(read_once(std::chrono::milliseconds(remaining_ms(deadline))));
    if (conn_.peer_closed() && received_.find(needle) == std::string::npos) {
      return io_error("peer sent close_notify");
    }
  }
  return {};
}

Status SocketPump::settle(std::chrono::milliseconds duration) {
  auto deadline = Clock::now() + duration;
  while (Clock::now() < deadline && !conn_.peer_closed()) {
    TLSOCK_TRY(read_once(std::chrono::milliseconds(remaining_ms(deadline))));
  }
  return flush();
}

Status SocketPump::close() {
  TLSOCK_TRY(conn_.close());
  return flush();
}

}  // namespace tlsock::interop
