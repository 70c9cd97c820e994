#include "tlsock/ssl_socket.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "socket/tls_driver.hpp"
#include "tlsock/errors.hpp"

namespace tlsock {
namespace {

constexpr const char* kHandshakeTimeout = "The handshake operation timed out";
constexpr const char* kReadTimeout = "The read operation timed out";
constexpr const char* kWriteTimeout = "The write operation timed out";

MutableByteView bytes_of(MutableBuffer b) {
  return {reinterpret_cast<uint8_t*>(b.data()), b.size()};
}

// Python sets .reason to the message itself and .library to None for this one error.
class PreHandshakeDataError : public SSLError {
 public:
  PreHandshakeDataError()
      : SSLError(std::error_code(ENOTCONN, std::generic_category()), kMessage,
                 Labels{std::nullopt, std::string(kMessage)}) {}

 private:
  static constexpr const char* kMessage = "Closed before TLS handshake with data in recv buffer.";
};

}  // namespace

// The fd as the driver's transport, for one public call on `tls`: one deadline for the whole
// call, and the TimeoutError text of that operation. When another thread's shutdown() or
// detach() dropped `tls` meanwhile, the call ends with ENOTCONN at its next transport step
// (after close(), the socket's own EBADF comes first): what it would read or write no longer
// belongs to this TLS connection, and an EOF must not pass for the peer's.
class SSLSocket::Transport final : public detail::TlsTransport {
 public:
  Transport(SSLSocket& socket, const detail::TlsDriver& tls, const char* recv_timeout,
            const char* send_timeout)
      : socket_(socket),
        tls_(tls),
        deadline_(socket.make_deadline()),
        recv_timeout_(recv_timeout),
        send_timeout_(send_timeout) {}

  std::optional<size_t> send(ByteView data) override {
    return still_ours(
        socket_.raw_send(ConstBuffer(data.data(), data.size()), 0, deadline_, send_timeout_));
  }
  std::optional<size_t> send_now(ByteView data) override {
    return still_ours(socket_.raw_send(ConstBuffer(data.data(), data.size()), MSG_DONTWAIT,
                                       Deadline(0.0), send_timeout_));
  }
  std::optional<size_t> recv(MutableByteView out) override {
    return still_ours(
        socket_.raw_recv_into(MutableBuffer(out.data(), out.size()), 0, deadline_, recv_timeout_));
  }
  void discard_available() noexcept override {
    // What a peer sends on after the error is bounded (it waits for our alert); so is this.
    constexpr size_t kMaxDiscard = size_t{1} << 16;
    std::array<std::byte, 4096> sink;
    try {
      for (size_t total = 0; total < kMaxDiscard;) {
        std::optional<size_t> got = socket_.raw_recv_into(
            MutableBuffer(sink.data(), sink.size()), MSG_DONTWAIT, Deadline(0.0), recv_timeout_);
        if (!got || *got == 0) return;
        total += *got;
      }
    } catch (...) {
      // The connection failed already; its error is the one to report.
    }
  }
  Ready wait(bool or_writable) override {
    short events = static_cast<short>(POLLIN | (or_writable ? POLLOUT : 0));
    short ready = socket_.raw_wait(events, deadline_, recv_timeout_);
    check_ours();
    if (ready & (POLLIN | POLLERR | POLLHUP)) return Ready::read;
    return ready != 0 ? Ready::write : Ready::none;
  }

 private:
  std::optional<size_t> still_ours(std::optional<size_t> result) const {
    check_ours();
    return result;
  }
  void check_ours() const {
    // A call that made progress just before close() (a partly sent buffer) learns of it here.
    if (socket_.fileno() < 0) {
      throw std::system_error(EBADF, std::generic_category(), "socket closed by another thread");
    }
    if (socket_.tls().get() != &tls_) {
      throw std::system_error(ENOTCONN, std::generic_category(),
                              "SSL socket shut down by another thread");
    }
  }

  SSLSocket& socket_;
  const detail::TlsDriver& tls_;
  Deadline deadline_;
  const char* recv_timeout_;
  const char* send_timeout_;
};

SSLSocket SSLContext::wrap_socket(Socket&& sock, const WrapSocketOptions& options) {
  if (sock.type() != SOCK_STREAM) {
    throw std::logic_error("only stream sockets are supported");  // NotImplementedError
  }
  return SSLSocket(*this, std::move(sock), options);
}

SSLSocket::SSLSocket(const SSLContext& context, Socket&& socket, const WrapSocketOptions& options)
    : SSLConnection(context, options.server_side, options.server_hostname, options.session),
      Socket(std::move(socket)),
      do_handshake_on_connect_(options.do_handshake_on_connect),
      suppress_ragged_eofs_(options.suppress_ragged_eofs) {
  if (!fd_connected()) {
    refuse_pre_handshake_data();
  } else {
    start_tls();
    if (do_handshake_on_connect_) {
      if (timeout_ && *timeout_ == 0.0) {
        throw std::invalid_argument(
            "do_handshake_on_connect should not be specified for non-blocking sockets");
      }
      do_handshake();
    }
  }
}

SSLSocket::SSLSocket(SSLSocket&&) noexcept = default;
SSLSocket& SSLSocket::operator=(SSLSocket&&) noexcept = default;
SSLSocket::~SSLSocket() = default;

bool SSLSocket::fd_connected() const {
  if (fileno() < 0) return false;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  return ::getpeername(fileno(), reinterpret_cast<sockaddr*>(&addr), &len) == 0;
}

// CVE-2023-40217: a socket that reads as unconnected may have been connected and closed by a
// peer that sent data first; that data must not be taken for the TLS peer's. CPython's check:
// one non-blocking recv; data means close and raise.
void SSLSocket::refuse_pre_handshake_data() {
  char byte = 0;
  ssize_t n = ::recv(fileno(), &byte, 1, MSG_DONTWAIT);
  if (n <= 0) return;  // ENOTCONN / EINVAL / EAGAIN: nothing there, as expected
  Socket::close();
  throw PreHandshakeDataError();
}

void SSLSocket::connected() {
  if (do_handshake_on_connect_) do_handshake();
}

std::pair<SSLSocket, Address> SSLSocket::accept() {
  auto [sock, address] = Socket::accept();
  SSLContext ctx = context();
  SSLSocket conn = ctx.wrap_socket(std::move(sock),
                                   {.server_side = true,
                                    .do_handshake_on_connect = do_handshake_on_connect_,
                                    .suppress_ragged_eofs = suppress_ragged_eofs_});
  return {std::move(conn), std::move(address)};
}

void SSLSocket::connect(const Address& address) {
  if (server_side()) throw std::invalid_argument("can't connect in server-side mode");
  if (tls()) throw std::invalid_argument("attempt to connect already-connected SSLSocket!");
  Socket::connect(address);
  start_tls();
  connected();
}

int SSLSocket::connect_ex(const Address& address) {
  if (server_side()) throw std::invalid_argument("can't connect in server-side mode");
  if (tls()) throw std::invalid_argument("attempt to connect already-connected SSLSocket!");
  // As Python: the TLS object exists from here on, and a non-blocking connect that is still
  // in progress handshakes later through do_handshake().
  start_tls();
  int err = Socket::connect_ex(address);
  if (err == 0) connected();
  return err;
}

void SSLSocket::close() {
  // The fd first: a call still running on another thread then fails with EBADF, the error
  // of a closed socket, rather than with the TLS object gone.
  try {
    Socket::close();
  } catch (...) {
    drop_tls();
    throw;
  }
  drop_tls();
}

void SSLSocket::shutdown(int how) {
  drop_tls();
  Socket::shutdown(how);
}

int SSLSocket::detach() {
  drop_tls();
  return Socket::detach();
}

std::shared_ptr<detail::TlsDriver> SSLSocket::tls_for(const char* closed_message) const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::invalid_argument(closed_message);
  return tls;
}

void SSLSocket::do_handshake() {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::system_error(ENOTCONN, std::generic_category(), "do_handshake");
  Transport transport(*this, *tls, kHandshakeTimeout, kHandshakeTimeout);
  tls->do_handshake(transport);
}

std::string SSLSocket::read(std::ptrdiff_t len) {
  std::shared_ptr<detail::TlsDriver> tls = tls_for("Read on closed or unwrapped SSL socket.");
  if (len < 0) throw std::invalid_argument("size should not be negative");
  std::string out(static_cast<size_t>(len), '\0');
  if (len == 0) return out;
  Transport transport(*this, *tls, kReadTimeout, kReadTimeout);
  out.resize(tls->read(transport, bytes_of(MutableBuffer(out.data(), out.size())),
                      suppress_ragged_eofs_));
  return out;
}

size_t SSLSocket::read(MutableBuffer buffer, std::ptrdiff_t len) {
  std::shared_ptr<detail::TlsDriver> tls = tls_for("Read on closed or unwrapped SSL socket.");
  // Python: len <= 0 or larger than the buffer means the whole buffer.
  if (len > 0 && static_cast<size_t>(len) < buffer.size()) {
    buffer = buffer.first(static_cast<size_t>(len));
  }
  if (buffer.empty()) return 0;
  Transport transport(*this, *tls, kReadTimeout, kReadTimeout);
  return tls->read(transport, bytes_of(buffer), suppress_ragged_eofs_);
}

size_t SSLSocket::write(ConstBuffer data) {
  std::shared_ptr<detail::TlsDriver> tls = tls_for("Write on closed or unwrapped SSL socket.");
  if (data.empty()) return 0;
  Transport transport(*this, *tls, kWriteTimeout, kWriteTimeout);
  return tls->write(transport,
                   ByteView(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

void SSLSocket::check_flags(int flags, const char* method) const {
  if (flags != 0) {
    throw std::invalid_argument(std::string("non-zero flags not allowed in calls to ") + method +
                                " on <class 'ssl.SSLSocket'>");
  }
}

std::string SSLSocket::recv(std::ptrdiff_t bufsize, int flags) {
  if (!tls()) return Socket::recv(bufsize, flags);
  check_flags(flags, "recv()");
  if (bufsize < 0) throw std::invalid_argument("negative buffersize in recv");
  return read(bufsize);
}

size_t SSLSocket::recv_into(MutableBuffer buffer, std::ptrdiff_t nbytes, int flags) {
  if (!tls()) return Socket::recv_into(buffer, nbytes, flags);
  check_flags(flags, "recv_into()");
  if (nbytes < 0) throw std::invalid_argument("negative buffersize in recv_into");
  if (static_cast<size_t>(nbytes) > buffer.size()) {
    throw std::invalid_argument("buffer too small for requested bytes");
  }
  if (nbytes == 0) nbytes = static_cast<std::ptrdiff_t>(buffer.size());
  if (nbytes == 0) return 0;
  return read(buffer.first(static_cast<size_t>(nbytes)), nbytes);
}

size_t SSLSocket::send(ConstBuffer data, int flags) {
  if (!tls()) return Socket::send(data, flags);
  check_flags(flags, "send()");
  return write(data);
}

void SSLSocket::sendall(ConstBuffer data, int flags) {
  if (!tls()) return Socket::sendall(data, flags);
  check_flags(flags, "sendall()");
  // write() is all or nothing: one call sends everything.
  write(data);
}

Socket SSLSocket::unwrap() {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  Transport transport(*this, *tls, kReadTimeout, kWriteTimeout);
  tls->unwrap(transport);
  drop_tls();
  return Socket(std::move(static_cast<Socket&>(*this)));
}

}  // namespace tlsock
