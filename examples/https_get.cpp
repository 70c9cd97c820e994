// An HTTPS GET: verify the server against a CA file (or the system store), print the response.
//   https_get HOST PORT [PATH] [CAFILE]
#include <tlsock/tlsock.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: https_get HOST PORT [PATH] [CAFILE]\n";
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  const std::string path = argc > 3 ? argv[3] : "/";
  try {
    tlsock::SSLContext ctx = tlsock::create_default_context();  // CERT_REQUIRED + check_hostname
    if (argc > 4) ctx.load_verify_locations({.cafile = argv[4]});
    ctx.set_alpn_protocols({"http/1.1"});

    tlsock::SSLSocket s = ctx.wrap_socket(tlsock::create_connection(host, port, 10.0),
                                          {.server_hostname = host});
    std::cerr << "connected: " << s.version().value_or("?") << " " << s.cipher()->name
              << "\n";
    s.sendall("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    for (std::string chunk = s.recv(16384); !chunk.empty(); chunk = s.recv(16384)) {
      std::cout << chunk;
    }
    s.close();
  } catch (const tlsock::SSLCertVerificationError& e) {
    std::cerr << "certificate rejected: " << e.verify_message() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
