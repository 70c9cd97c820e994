#include "api/python_echo_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <utility>

#include "api/loopback.hpp"
#include "tlsock/errors.hpp"
#include "socket/python_repr.hpp"

namespace tlsock::testing {
namespace {

// Python's bytes.strip(): ASCII whitespace off both ends.
std::string_view strip(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\v\f";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Python's ConnectionError family (reset, broken pipe, aborted, refused): the handler closes
// without answering, and a failed handshake does not stop the server.
bool is_connection_error(const std::system_error& e) {
  if (e.code().category() != std::generic_category()) return false;
  int v = e.code().value();
  return v == ECONNRESET || v == EPIPE || v == ECONNABORTED || v == ECONNREFUSED;
}

// repr(e) of Python's SSLError: SSLError(errno, 'message').
std::string ssl_error_repr(const SSLError& e) {
  return "SSLError(" + std::to_string(e.code().value()) + ", " + detail::python_str_repr(e.what()) +
         ")";
}

}  // namespace

// Python's ConnectionHandler: one connection, plain or TLS, until it ends.
class PythonEchoServer::Handler {
 public:
  Handler(PythonEchoServer& server, Socket sock) : server_(server), sock_(std::move(sock)) {
    sock_.settimeout(kTestTimeout);
  }

  void run() {
    if (!server_.options_.starttls_server && !wrap_conn()) return;
    for (;;) {
      try {
        if (!serve_one()) return;
      } catch (const std::system_error& e) {  // Python's OSError (SSLError, TimeoutError, ...)
        if (!is_connection_error(e)) {
          try {
            write("ERROR\n");
          } catch (const std::system_error&) {
          }
        }
        close();
        return;
      }
    }
  }

 private:
  // The TLS handshake on the current socket; false (and the connection closed) if it failed.
  bool wrap_conn() {
    try {
      sslconn_.emplace(server_.context_.wrap_socket(std::move(sock_), {.server_side = true}));
    } catch (const std::system_error& e) {
      std::lock_guard lock(server_.mutex_);
      server_.conn_errors_.emplace_back(e.what());
      if (!is_connection_error(e)) server_.active_ = false;  // Python's server.stop()
      return false;
    }
    std::lock_guard lock(server_.mutex_);
    server_.selected_alpn_protocols_.push_back(sslconn_->selected_alpn_protocol());
    server_.shared_ciphers_.push_back(sslconn_->shared_ciphers());
    return true;
  }

  std::string read() { return sslconn_ ? sslconn_->read(1024) : sock_.recv(1024); }
  void write(std::string_view data) {
    if (sslconn_) {
      sslconn_->write(data);
    } else {
      sock_.sendall(data);
    }
  }
  void close() {
    if (sslconn_) {
      sslconn_->close();
    } else {
      sock_.close();
    }
  }
  // The TLS connection a command needs (Python would fail on None with an AttributeError).
  SSLSocket& tls() {
    if (!sslconn_) throw std::system_error(ENOTCONN, std::generic_category(), "no TLS");
    return *sslconn_;
  }

  // Answers one message; false when the connection is over.
  bool serve_one() {
    std::string msg = read();
    std::string_view stripped = strip(msg);
    const bool starttls = server_.options_.starttls_server;
    if (stripped.empty()) {
      if (sslconn_) {
        try {
          sock_ = sslconn_->unwrap();
          sslconn_.reset();
        } catch (const std::system_error&) {
          // Most clients close TCP without a TLS shutdown; Python ignores the failed unwrap.
        }
      }
      close();
      return false;
    }
    if (stripped == "over") {
      close();
      return false;
    }
    if (starttls && stripped == "STARTTLS") {
      write("OK\n");
      return wrap_conn();
    }
    if (starttls && sslconn_ && stripped == "ENDTLS") {
      write("OK\n");
      sock_ = sslconn_->unwrap();
      sslconn_.reset();
      return true;
    }
    if (stripped == "CB tls-unique") {
      std::optional<std::string> cb = tls().get_channel_binding("tls-unique");
      write((cb ? detail::python_bytes_repr(*cb) : "None") + "\n");
    } else if (stripped == "PHA") {
      try {
        tls().verify_client_post_handshake();
      } catch (const SSLError& e) {
        write(ssl_error_repr(e) + "\n");
        return true;
      }
      write("OK\n");
    } else if (stripped == "HASCERT") {
      write(tls().getpeercert() ? "TRUE\n" : "FALSE\n");
    } else if (stripped == "GETCERT") {
      std::optional<PeerCertificate> cert = tls().getpeercert();
      write((cert ? cert->to_python_repr() : "None") + "\n");
    } else if (stripped == "VERIFIEDCHAIN" || stripped == "UNVERIFIEDCHAIN") {
      size_t n = stripped == "VERIFIEDCHAIN" ? tls().get_verified_chain().size()
                                             : tls().get_unverified_chain().size();
      write(std::string(1, static_cast<char>(n)) + "\n");
    } else {
      write(echo_reply(std::move(msg)));
    }
    return true;
  }

  PythonEchoServer& server_;
  Socket sock_;
  std::optional<SSLSocket> sslconn_;
};

PythonEchoServer::PythonEchoServer(SSLContext context, EchoServerOptions options)
    : context_(std::move(context)),
      options_(options),
      listener_(make_listener()),
      address_(listener_.getsockname()) {
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  thread_ = std::thread([this] {
    try {
      run();
    } catch (...) {
      failure_ = std::current_exception();
    }
    listener_.close();
  });
}

PythonEchoServer::~PythonEchoServer() {
  try {
    stop();
  } catch (...) {  // a test that wanted the failure called stop() itself
  }
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void PythonEchoServer::wake() {
  char byte = 0;
  (void)!::write(wake_pipe_[1], &byte, 1);
}

void PythonEchoServer::stop() {
  {
    std::lock_guard lock(mutex_);
    active_ = false;
  }
  wake();
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void PythonEchoServer::run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (!active_) return;
    }
    pollfd fds[2] = {{listener_.fileno(), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    if (fds[1].revents != 0) return;  // stop()
    auto [conn, addr] = listener_.accept();
    Handler(*this, std::move(conn)).run();
  }
}

std::vector<std::optional<std::string>> PythonEchoServer::selected_alpn_protocols() const {
  std::lock_guard lock(mutex_);
  return selected_alpn_protocols_;
}

std::vector<std::optional<std::vector<Cipher>>> PythonEchoServer::shared_ciphers() const {
  std::lock_guard lock(mutex_);
  return shared_ciphers_;
}

std::vector<std::string> PythonEchoServer::conn_errors() const {
  std::lock_guard lock(mutex_);
  return conn_errors_;
}

std::string echo_reply(std::string msg) {
  for (char& c : msg) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return msg;
}

SSLSocket wrap_and_connect(SSLContext context, const Address& address, WrapSocketOptions options) {
  Socket raw(AF_INET, SOCK_STREAM);
  raw.settimeout(kTestTimeout);
  SSLSocket s = context.wrap_socket(std::move(raw), options);
  s.connect(address);
  return s;
}

}  // namespace tlsock::testing
