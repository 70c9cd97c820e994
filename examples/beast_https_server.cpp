// An HTTPS/1.1 server on Boost.Beast over tlsock::asio::stream: C++20 coroutines on one
// io_context, one coroutine per connection, keep-alive, idle timeouts from beast::tcp_stream
// (the server, generic in its TLS stream, is in beast_https_server.hpp).
//   beast_https_server CERT KEY PORT      (PORT 0: the system picks one; "port N" is printed)
// SIGINT or SIGTERM stops it; it then prints what it served and how many connections were
// still open ("open connections: 0" once every client has gone).
#include <tlsock/asio.hpp>  // first: see its note on Boost 1.74
#include <tlsock/tlsock.hpp>

#include "beast_https_server.hpp"

#include <string>

int main(int argc, char** argv) {
  return beast_https_server::server_main<tlsock::asio::stream<boost::beast::tcp_stream>>(
      argc, argv, "beast_https_server", [](const char* cert, const char* key) {
        tlsock::SSLContext context(tlsock::PROTOCOL_TLS_SERVER);
        context.load_cert_chain(cert, std::string(key));
        context.set_alpn_protocols({"http/1.1"});
        return context;
      });
}
