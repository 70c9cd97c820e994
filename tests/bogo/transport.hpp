// How the BoGo shim moves TLS bytes: an SSLSocket over the TCP connection to the runner, or
// (-async) an SSLObject over two MemoryBIOs that the shim pumps to and from that connection.
// Both offer the same blocking calls, so the test logic does not care which one it drives.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "tlsock/ssl_connection.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace bogo {

class Transport {
 public:
  virtual ~Transport() = default;

  // The connection's queries (version, cipher, session...).
  virtual tlsock::SSLConnection& connection() = 0;
  virtual void do_handshake() = 0;
  // Up to `len` bytes; nullopt when the peer sent close_notify. TCP EOF without close_notify
  // is SSLEOFError.
  virtual std::optional<std::string> read(size_t len) = 0;
  virtual void write(const std::string& data) = 0;
  // Sends close_notify without waiting for the peer's.
  virtual void send_close_notify() = 0;
  // After read() saw the peer's close_notify: answers it with ours.
  virtual void answer_close_notify() = 0;
};

struct TransportOptions {
  int port = 0;
  bool server_side = false;
  bool async = false;
  std::optional<std::string> server_hostname;
  std::optional<tlsock::SSLSession> session;
};

// Connects to the runner on the loopback ([::1] first: the runner listens there when it can,
// else on 127.0.0.1) and wraps the connection.
std::unique_ptr<Transport> connect_transport(tlsock::SSLContext& context,
                                             const TransportOptions& options);

}  // namespace bogo
