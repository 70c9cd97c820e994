#include "bogo/transport.hpp"

#include <stdexcept>
#include <utility>

#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/socket.hpp"
#include "tlsock/ssl_object.hpp"
#include "tlsock/ssl_socket.hpp"

namespace bogo {
namespace {

// The runner kills a shim after 15 s of silence; waiting longer than that serves nothing.
constexpr double kIoTimeoutSeconds = 20.0;

tlsock::Socket connect_loopback(int port) {
  try {
    return tlsock::create_connection("::1", port, kIoTimeoutSeconds);
  } catch (const std::system_error&) {
    return tlsock::create_connection("127.0.0.1", port, kIoTimeoutSeconds);
  }
}

class SocketTransport final : public Transport {
 public:
  SocketTransport(tlsock::SSLContext& context, const TransportOptions& options)
      : socket_(context.wrap_socket(connect_loopback(options.port),
                                    {.server_side = options.server_side,
                                     .do_handshake_on_connect = false,
                                     .suppress_ragged_eofs = false,
                                     .server_hostname = options.server_hostname,
                                     .session = options.session})) {}

  tlsock::SSLConnection& connection() override { return socket_; }
  void do_handshake() override { socket_.do_handshake(); }
  std::optional<std::string> read(size_t len) override {
    try {
      std::string data = socket_.read(static_cast<std::ptrdiff_t>(len));
      if (data.empty()) return std::nullopt;
      return data;
    } catch (const tlsock::SSLZeroReturnError&) {
      return std::nullopt;  // the close_notify came in during an earlier call
    }
  }
  void write(const std::string& data) override { socket_.sendall(data); }
  void send_close_notify() override {
    socket_.close_notify();
    // close_notify() only queues the alert; a read that cannot wait sends it.
    socket_.settimeout(0.0);
    try {
      (void)socket_.read(1);
    } catch (const tlsock::SSLWantReadError&) {
    } catch (const tlsock::SSLZeroReturnError&) {
    }
    socket_.settimeout(kIoTimeoutSeconds);
  }
  void answer_close_notify() override { (void)socket_.unwrap(); }

 private:
  tlsock::SSLSocket socket_;
};

// -async: the SSLObject never blocks; each call is retried after moving bytes between the
// BIOs and the socket, as Python code drives an SSLObject.
class BioTransport final : public Transport {
  // Helpers first: pump()'s return type is deduced from its body.
  template <typename F>
  auto pump(F&& operation) {
    for (;;) {
      try {
        auto result = operation();
        flush();
        return result;
      } catch (const tlsock::SSLWantReadError&) {
        flush();
        fill();
      } catch (...) {
        flush_quietly();  // the fatal alert still goes to the peer
        throw;
      }
    }
  }
  void flush() {
    std::string data = outgoing_.read();
    if (!data.empty()) socket_.sendall(data);
  }
  void flush_quietly() {
    try {
      flush();
    } catch (const std::exception&) {
    }
  }
  void fill() {
    if (eof_) throw std::runtime_error("SSLObject wants input after EOF");
    std::string data = socket_.recv(16384);
    if (data.empty()) {
      eof_ = true;
      incoming_.write_eof();
    } else {
      incoming_.write(data);
    }
  }

 public:
  BioTransport(tlsock::SSLContext& context, const TransportOptions& options)
      : socket_(connect_loopback(options.port)),
        object_(context.wrap_bio(incoming_, outgoing_,
                                 {.server_side = options.server_side,
                                  .server_hostname = options.server_hostname,
                                  .session = options.session})) {}

  tlsock::SSLConnection& connection() override { return object_; }
  void do_handshake() override {
    pump([&] {
      object_.do_handshake();
      return 0;
    });
  }
  std::optional<std::string> read(size_t len) override {
    try {
      std::string data = pump([&] { return object_.read(static_cast<std::ptrdiff_t>(len)); });
      if (data.empty()) return std::nullopt;
      return data;
    } catch (const tlsock::SSLZeroReturnError&) {
      return std::nullopt;  // the close_notify came in during an earlier call
    }
  }
  void write(const std::string& data) override {
    pump([&] { return object_.write(data); });
  }
  void send_close_notify() override {
    object_.close_notify();
    try {
      (void)object_.read(1);  // queues the alert; nothing has arrived yet
    } catch (const tlsock::SSLWantReadError&) {
    } catch (const tlsock::SSLZeroReturnError&) {
    }
    flush();
  }
  void answer_close_notify() override {
    pump([&] {
      object_.unwrap();
      return 0;
    });
  }

 private:
  tlsock::Socket socket_;
  tlsock::MemoryBIO incoming_;
  tlsock::MemoryBIO outgoing_;
  tlsock::SSLObject object_;
  bool eof_ = false;
};

}  // namespace

std::unique_ptr<Transport> connect_transport(tlsock::SSLContext& context,
                                             const TransportOptions& options) {
  if (options.async) return std::make_unique<BioTransport>(context, options);
  return std::make_unique<SocketTransport>(context, options);
}

}  // namespace bogo
