// CPython's ThreadedEchoServer (Lib/test/test_ssl.py), the server of the ported ThreadedTests.
//
// How it works
// - One thread listens on 127.0.0.1 (port from bind(0)) and serves one connection at a time,
//   as Python's server does (it starts a handler thread and joins it at once).
// - A connection is wrapped with the server context (unless starttls_server: then it starts in
//   clear text), and every message read (up to 1024 bytes) is answered: its lower-case form,
//   or, when the message stripped of ASCII whitespace is a command, Python's answer:
//     ""                  EOF or close_notify: unwrap (errors ignored) and close
//     over                close the connection
//     STARTTLS / ENDTLS   (starttls_server only) "OK\n", then TLS on / off
//     CB tls-unique       repr() of get_channel_binding("tls-unique") + "\n"
//     PHA                 verify_client_post_handshake(): "OK\n" or repr(SSLError) + "\n"
//     HASCERT             "TRUE\n" if getpeercert() is not None, else "FALSE\n"
//     GETCERT             repr(getpeercert()) + "\n"
//     VERIFIEDCHAIN / UNVERIFIEDCHAIN   the chain's length as one byte + "\n"
//   An OSError while serving answers "ERROR\n" and closes (a ConnectionError just closes).
// - A failed server handshake (SSLError or OSError other than a reset) is recorded in
//   conn_errors() and stops the server, as Python's wrap_conn does: the listener is closed
//   when the accept loop ends.
// - stop() wakes the accept loop through a pipe (no polling timeout) and joins the thread.
//   The observations (selected_alpn_protocols, shared_ciphers, conn_errors) are Python's
//   server attributes; read them after stop() or after the connection's exchange finished.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock::testing {

// Python's ThreadedEchoServer keyword arguments that change how it serves.
struct EchoServerOptions {
  bool starttls_server = false;  // start in clear text; STARTTLS / ENDTLS switch TLS
};

class PythonEchoServer {
 public:
  explicit PythonEchoServer(SSLContext context, EchoServerOptions options = {});
  ~PythonEchoServer();
  PythonEchoServer(const PythonEchoServer&) = delete;
  PythonEchoServer& operator=(const PythonEchoServer&) = delete;

  const Address& address() const { return address_; }
  int port() const { return address_.port; }
  // Stops accepting and joins the server thread (after the current connection ends).
  // Rethrows what the thread threw outside the handler's Python-like error handling.
  void stop();

  std::vector<std::optional<std::string>> selected_alpn_protocols() const;
  std::vector<std::optional<std::vector<Cipher>>> shared_ciphers() const;
  std::vector<std::string> conn_errors() const;

 private:
  class Handler;
  void run();
  void wake();

  SSLContext context_;
  EchoServerOptions options_;
  Socket listener_;
  Address address_;
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
  std::exception_ptr failure_;

  mutable std::mutex mutex_;
  bool active_ = true;
  std::vector<std::optional<std::string>> selected_alpn_protocols_;
  std::vector<std::optional<std::vector<Cipher>>> shared_ciphers_;
  std::vector<std::string> conn_errors_;
};

// What the server answers to ordinary data: Python's msg.lower() (ASCII letters only).
std::string echo_reply(std::string msg);

// Python's `ctx.wrap_socket(socket.socket(), server_hostname=...)` then `s.connect(address)`,
// with the test timeout.
SSLSocket wrap_and_connect(SSLContext context, const Address& address,
                           WrapSocketOptions options = {.server_hostname = "localhost"});

}  // namespace tlsock::testing
