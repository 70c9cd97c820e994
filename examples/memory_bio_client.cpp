// An SSLObject driven by hand: TLS runs over two MemoryBIOs, and this program moves the bytes
// between them and a plain TCP socket itself, as an event loop would.
//   memory_bio_client HOST PORT CAFILE MESSAGE
#include <tlsock/tlsock.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

struct Pump {
  tlsock::Socket& sock;
  tlsock::MemoryBIO incoming;  // bytes from the network, for the SSLObject
  tlsock::MemoryBIO outgoing;  // bytes from the SSLObject, for the network

  // Sends whatever TLS wrote; then, if asked to, reads one chunk from the network.
  void flush() {
    if (outgoing.pending() > 0) sock.sendall(outgoing.read());
  }
  void receive() {
    std::string data = sock.recv(16384);
    if (data.empty()) {
      incoming.write_eof();
    } else {
      incoming.write(data);
    }
  }
};

// Calls `step` until it no longer wants network input, pumping bytes in between.
template <typename Step>
static auto pumped(Pump& pump, Step step) {
  for (;;) {
    try {
      auto result = step();
      pump.flush();
      return result;
    } catch (const tlsock::SSLWantReadError&) {
      pump.flush();
      pump.receive();
    }
  }
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: memory_bio_client HOST PORT CAFILE MESSAGE\n";
    return 2;
  }
  const std::string host = argv[1];
  const std::string message = argv[4];
  try {
    tlsock::SSLContext ctx(tlsock::PROTOCOL_TLS_CLIENT);
    ctx.load_verify_locations({.cafile = argv[3]});
    tlsock::Socket sock = tlsock::create_connection(host, std::atoi(argv[2]), 10.0);
    Pump pump{sock, {}, {}};
    tlsock::SSLObject tls = ctx.wrap_bio(pump.incoming, pump.outgoing, {.server_hostname = host});

    pumped(pump, [&] { tls.do_handshake(); return 0; });
    std::cerr << "handshake done: " << tls.version().value_or("?") << "\n";
    pumped(pump, [&] { return tls.write(message); });
    std::string echoed;
    while (echoed.size() < message.size()) {
      std::string chunk = pumped(pump, [&] { return tls.read(16384); });
      if (chunk.empty()) break;  // the server closed
      echoed += chunk;
    }
    pumped(pump, [&] { tls.unwrap(); return 0; });  // close_notify both ways
    std::cout << echoed << std::endl;
    return echoed == message ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
