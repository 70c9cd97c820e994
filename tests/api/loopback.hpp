// Loopback helpers for the api tests: listeners on 127.0.0.1 / ::1 with ports from bind(0),
// connected pairs, and a clock for "within a sane time" checks. Every socket a helper makes
// has a timeout, so a broken test fails instead of hanging.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "tlsock/socket.hpp"

namespace tlsock::testing {

// A generous bound on any single wait in a test: long enough for a loaded machine, short
// enough that a bug fails the test rather than the ctest timeout.
inline constexpr double kTestTimeout = 10.0;

inline Socket make_listener(int family = AF_INET, const std::string& host = "127.0.0.1") {
  Socket listener(family, SOCK_STREAM);
  listener.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  listener.bind(host, 0);
  listener.listen();
  listener.settimeout(kTestTimeout);
  return listener;
}

struct ConnectedPair {
  Socket client;
  Socket server;
};

// A client connected to a fresh listener, and the server side of that connection; both with
// timeout kTestTimeout.
inline ConnectedPair connected_pair(int family = AF_INET, const std::string& host = "127.0.0.1") {
  Socket listener = make_listener(family, host);
  Socket client(family, SOCK_STREAM);
  client.settimeout(kTestTimeout);
  client.connect(listener.getsockname());
  auto [server, addr] = listener.accept();
  server.settimeout(kTestTimeout);
  return {std::move(client), std::move(server)};
}

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Reads until EOF (bounded by the socket's timeout).
inline std::string recv_all(Socket& s) {
  std::string out;
  for (;;) {
    std::string chunk = s.recv(65536);
    if (chunk.empty()) return out;
    out += chunk;
  }
}

}  // namespace tlsock::testing
