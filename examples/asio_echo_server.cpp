// An asynchronous TLS echo server on tlsock::asio::stream with plain callbacks: each
// connection echoes what it reads until the client's close_notify, then answers it.
//   asio_echo_server CERT KEY PORT [CONNECTIONS]   (PORT 0: the system picks one; "port N" is
//                                                   printed; exits after CONNECTIONS clients)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <tlsock/asio.hpp>
#include <tlsock/tlsock.hpp>

#include <array>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using tls_stream = tlsock::asio::stream<tcp::socket>;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const tlsock::SSLContext& context)
      : stream_(std::move(socket), context) {}

  void start() {
    stream_.async_handshake(tls_stream::server, [self = shared_from_this()](auto ec) {
      if (ec) return self->report("handshake", ec);
      self->read();
    });
  }

 private:
  void read() {
    stream_.async_read_some(net::buffer(buffer_), [self = shared_from_this()](auto ec, size_t n) {
      if (ec == net::error::eof) {  // the client's close_notify: answer it
        return self->stream_.async_shutdown([self](auto) {});
      }
      if (ec) return self->report("read", ec);
      net::async_write(self->stream_, net::buffer(self->buffer_, n),
                       [self](auto write_ec, size_t) {
                         if (write_ec) return self->report("write", write_ec);
                         self->read();
                       });
    });
  }

  void report(const char* what, boost::system::error_code ec) {
    std::cerr << what << ": " << ec.message() << " " << stream_.last_error_message() << "\n";
  }

  tls_stream stream_;
  std::array<char, 16384> buffer_{};
};

void accept(tcp::acceptor& acceptor, const tlsock::SSLContext& context, long remaining) {
  acceptor.async_accept([&acceptor, &context, remaining](auto ec, tcp::socket socket) {
    if (ec) return;
    std::make_shared<Session>(std::move(socket), context)->start();
    if (remaining != 1) accept(acceptor, context, remaining - 1);  // 0: no limit
  });
}

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: asio_echo_server CERT KEY PORT [CONNECTIONS]\n";
    return 2;
  }
  try {
    tlsock::SSLContext context(tlsock::PROTOCOL_TLS_SERVER);
    context.load_cert_chain(argv[1], std::string(argv[2]));
    net::io_context io;
    tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"),
                                static_cast<unsigned short>(std::atoi(argv[3]))});
    std::cout << "port " << acceptor.local_endpoint().port() << std::endl;
    accept(acceptor, context, argc == 5 ? std::atol(argv[4]) : 0);
    io.run();  // returns once the last connection is done
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
