// Rows: the 8-byte freeze, EOF in the middle of a handshake, and a silent peer. These run in
// every facade mode, since each mode waits for the peer in its own way.
#include "hostile/probe.hpp"

namespace tlsock::hostile {
namespace {

// A stall row's facade times out after 0.5 s; the bound leaves room for a loaded machine but
// not for a second timeout.
constexpr double kStallBound = 1.0;

// A plaintext close_notify (with the record version 0x0301 of a first flight) and one more byte.
const Bytes kCloseNotifyPlusOne = {0x15, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00, 0x16};

// The peer sends the first half of its first flight, then EOF (FIN).
std::string half_flight_then_eof(HostilePeer& peer) {
  peer.relay(
      [&](Flight& flight, size_t) {
        Bytes wire = peer.wire(flight);
        flight.clear();
        wire.resize(wire.size() / 2);
        peer.send_bytes(wire);
        peer.shutdown_write();
      },
      [&] { return peer.flights_sent() > 0; });
  return drain_verdict(peer);
}

// The peer as server: waits for the ClientHello, so the engine has its answer ready.
// A close_notify before the handshake completes ends it as a clean close: Python (over
// OpenSSL) raises SSLZeroReturnError for it, keeping SSLEOFError for a bare EOF.
constexpr const char* kCloseNotifyError = "SSLZeroReturnError";

void read_client_hello(HostilePeer& peer) {
  while (!peer.engine().has_output() && peer.receive()) {
  }
}

}  // namespace

std::vector<Probe> eof_and_stall_probes() {
  std::vector<Probe> rows;
  for (Mode mode : kAllModes) {
    Probe freeze{.name = "8-byte freeze: close_notify + 1 byte, kept open (server, " + name(mode) + ")",
                 .rfc = "RFC 8446 §6.1",
                 .does = "sends 15 03 01 00 02 01 00 and one byte instead of a ClientHello, keeps the socket open",
                 .facade = {.role = Role::server, .mode = mode, .action = FacadeAction::handshake},
                 .script = [](HostilePeer& peer) {
                   peer.send_bytes(kCloseNotifyPlusOne);
                   return drain_verdict(peer);
                 },
                 .expect_peer = "*",
                 .expect_facade = kCloseNotifyError,
                 .cpu_bound = 0.1};
    rows.push_back(std::move(freeze));
    rows.push_back({.name = "EOF mid-ClientHello (server, " + name(mode) + ")",
                    .rfc = "RFC 8446 §6.1",
                    .does = "sends half of its ClientHello, then FIN",
                    .facade = {.role = Role::server, .mode = mode, .action = FacadeAction::handshake},
                    .script = half_flight_then_eof,
                    .expect_peer = "eof",
                    .expect_facade = "SSLEOFError"});
  }
  for (Mode mode : {Mode::blocking, Mode::timeout}) {
    rows.push_back({.name = "8-byte freeze in SSLSocket.accept() (server, " + name(mode) + ")",
                    .rfc = "RFC 8446 §6.1",
                    .does = "sends 15 03 01 00 02 01 00 and one byte to a wrapped listener, keeps the socket open",
                    .facade = {.role = Role::server, .mode = mode, .action = FacadeAction::handshake,
                               .handshake_in_accept = true},
                    .script = [](HostilePeer& peer) {
                      peer.send_bytes(kCloseNotifyPlusOne);
                      return drain_verdict(peer);
                    },
                    .expect_peer = "*",
                    .expect_facade = kCloseNotifyError,
                    .cpu_bound = 0.1});
  }
  for (Mode mode : kAllModes) {
    rows.push_back({.name = "8-byte freeze: close_notify + 1 byte, kept open (client, " + name(mode) + ")",
                    .rfc = "RFC 8446 §6.1",
                    .does = "answers the ClientHello with 15 03 03 00 02 01 00 and one byte, keeps the socket open",
                    .facade = {.role = Role::client, .mode = mode, .action = FacadeAction::handshake},
                    .script =
                        [](HostilePeer& peer) {
                          read_client_hello(peer);
                          Bytes freeze = kCloseNotifyPlusOne;
                          freeze[2] = 0x03;
                          peer.send_bytes(freeze);
                          return drain_verdict(peer);
                        },
                    .expect_peer = "*",
                    .expect_facade = kCloseNotifyError,
                    .cpu_bound = 0.1});
    rows.push_back({.name = "EOF mid-server flight (client, " + name(mode) + ")",
                    .rfc = "RFC 8446 §6.1",
                    .does = "answers the ClientHello with half of its flight, then FIN",
                    .facade = {.role = Role::client, .mode = mode, .action = FacadeAction::handshake},
                    .script =
                        [](HostilePeer& peer) {
                          read_client_hello(peer);
                          return half_flight_then_eof(peer);
                        },
                    .expect_peer = "eof",
                    .expect_facade = "SSLEOFError"});
  }
  rows.push_back({.name = "stall: silent client (server, timeout 0.5 s)",
                  .rfc = "Python ssl: socket timeouts",
                  .does = "connects and sends nothing",
                  .facade = {.role = Role::server, .mode = Mode::timeout,
                             .action = FacadeAction::handshake, .timeout = 0.5},
                  .script = drain_verdict,
                  .expect_peer = "eof",
                  .expect_facade = "TimeoutError",
                  .wall_bound = kStallBound});
  rows.push_back({.name = "stall: client silent after ServerHello (server, timeout 0.5 s)",
                  .rfc = "Python ssl: socket timeouts",
                  .does = "sends its ClientHello, then nothing",
                  .facade = {.role = Role::server, .mode = Mode::timeout,
                             .action = FacadeAction::handshake, .timeout = 0.5},
                  .script =
                      [](HostilePeer& peer) {
                        peer.send(peer.take_flight());
                        return drain_verdict(peer);
                      },
                  .expect_peer = "eof",
                  .expect_facade = "TimeoutError",
                  .wall_bound = kStallBound});
  rows.push_back({.name = "stall: silent server (client, timeout 0.5 s)",
                  .rfc = "Python ssl: socket timeouts",
                  .does = "accepts, reads the ClientHello, never answers",
                  .facade = {.role = Role::client, .mode = Mode::timeout,
                             .action = FacadeAction::handshake, .timeout = 0.5},
                  .script = drain_verdict,
                  .expect_peer = "eof",
                  .expect_facade = "TimeoutError",
                  .wall_bound = kStallBound});
  return rows;
}

}  // namespace tlsock::hostile
