// Drives a Connection over a blocking TCP socket for the interop tests (the facade's SSLSocket
// does this for users; this is the smallest loop that exercises the engine against a real
// peer). Every wait is bounded by poll() with a deadline.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "engine/connection.hpp"

namespace tlsock::interop {

// A TCP listener on 127.0.0.1 with a port from bind(0).
struct Listener {
  int fd = -1;
  uint16_t port = 0;
  Listener();
  ~Listener();
  // The next connection, or -1 after the timeout.
  int accept_one(std::chrono::milliseconds timeout) const;
};

// Connects to 127.0.0.1:port; -1 on failure.
int connect_loopback(uint16_t port);
// A port that was free a moment ago (bind(0), read it, close): for servers we do not run
// ourselves. The caller retries with another when the child cannot bind it.
uint16_t pick_free_port();

class SocketPump {
 public:
  SocketPump(Connection& conn, int fd, std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : conn_(conn), fd_(fd), timeout_(timeout) {}
  ~SocketPump();

  // Sends all pending output.
  Status flush();
  // One read from the socket (waiting at most `wait`), fed to the engine; application data is
  // appended to received(). ok with nothing done on timeout; closed-kind error on EOF.
  Status read_once(std::chrono::milliseconds wait);
  // Until the handshake is done (output flushed) or an error / the deadline.
  Status handshake();
  Status write(std::string_view data);
  // Until received() contains `needle`, or an error / the deadline.
  Status read_until(std::string_view needle);
  // Reads and flushes for `duration` (post-handshake messages, tickets).
  Status settle(std::chrono::milliseconds duration);
  // close_notify, flushed.
  Status close();

  std::string& received() { return received_; }
  bool eof() const { return eof_; }

 private:
  Status feed_pending();
  Connection& conn_;
  int fd_;
  std::chrono::milliseconds timeout_;
  std::string inbuf_;     // bytes from the socket not yet taken by the engine
  std::string received_;  // application data
  bool eof_ = false;
};

}  // namespace tlsock::interop
