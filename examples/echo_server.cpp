// A threaded TLS echo server: one thread per connection, each echoes until the peer closes.
//   echo_server CERTFILE KEYFILE [MAX_CONNECTIONS]
// Listens on 127.0.0.1 on a port chosen by the system and prints "port N" on stdout first.
#include <tlsock/tlsock.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

static void echo(tlsock::SSLSocket conn) {
  try {
    for (std::string data = conn.recv(16384); !data.empty(); data = conn.recv(16384)) {
      conn.sendall(data);
    }
    conn.unwrap().close();  // answer the client's close_notify
  } catch (const std::exception& e) {
    std::cerr << "connection: " << e.what() << "\n";
  }
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: echo_server CERTFILE KEYFILE [MAX_CONNECTIONS]\n";
    return 2;
  }
  const int max_connections = argc > 3 ? std::atoi(argv[3]) : -1;
  try {
    tlsock::SSLContext ctx(tlsock::PROTOCOL_TLS_SERVER);
    ctx.load_cert_chain(argv[1], argv[2]);

    tlsock::Socket listener(AF_INET, SOCK_STREAM);
    listener.bind("127.0.0.1", 0);
    listener.listen();
    std::cout << "port " << listener.getsockname().port << std::endl;
    tlsock::SSLSocket server = ctx.wrap_socket(std::move(listener), {.server_side = true});

    std::vector<std::thread> threads;
    for (int served = 0; max_connections < 0 || served < max_connections; ++served) {
      try {
        auto [conn, peer] = server.accept();  // the handshake happens inside accept()
        threads.emplace_back(echo, std::move(conn));
      } catch (const tlsock::SSLError& e) {
        std::cerr << "handshake failed: " << e.what() << "\n";
      }
    }
    for (std::thread& t : threads) t.join();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
