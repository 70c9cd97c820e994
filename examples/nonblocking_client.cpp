// A non-blocking TLS client driven by poll(): handshake, send a message, read the echo back.
//   nonblocking_client HOST PORT CAFILE MESSAGE
// Every TLS call may raise SSLWantReadError / SSLWantWriteError: wait for that readiness with
// poll() and retry the same call with the same data.
#include <poll.h>
#include <tlsock/tlsock.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

// Runs `step` until it stops asking for I/O; returns what it returned.
template <typename Step>
static auto retry_when_ready(tlsock::SSLSocket& s, Step step) {
  for (;;) {
    short events = 0;
    try {
      return step();
    } catch (const tlsock::SSLWantReadError&) {
      events = POLLIN;
    } catch (const tlsock::SSLWantWriteError&) {
      events = POLLOUT;
    }
    pollfd pfd{.fd = s.fileno(), .events = events, .revents = 0};
    if (poll(&pfd, 1, 10'000) <= 0) throw std::runtime_error("timed out waiting for the socket");
  }
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: nonblocking_client HOST PORT CAFILE MESSAGE\n";
    return 2;
  }
  const std::string host = argv[1];
  const std::string message = argv[4];
  try {
    tlsock::SSLContext ctx(tlsock::PROTOCOL_TLS_CLIENT);
    ctx.load_verify_locations({.cafile = argv[3]});

    tlsock::Socket raw = tlsock::create_connection(host, std::atoi(argv[2]), 10.0);
    raw.setblocking(false);
    tlsock::SSLSocket s = ctx.wrap_socket(
        std::move(raw), {.do_handshake_on_connect = false, .server_hostname = host});

    retry_when_ready(s, [&] { s.do_handshake(); return 0; });
    std::cerr << "handshake done: " << s.version().value_or("?") << "\n";

    for (size_t sent = 0; sent < message.size();) {
      sent += retry_when_ready(s, [&] { return s.send(message.substr(sent)); });
    }
    std::string echoed;
    while (echoed.size() < message.size()) {
      std::string chunk = retry_when_ready(s, [&] { return s.recv(16384); });
      if (chunk.empty()) break;  // the server closed
      echoed += chunk;
    }
    std::cout << echoed << std::endl;
    s.close();
    return echoed == message ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
