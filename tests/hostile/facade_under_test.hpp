// The facade under test: an SSLSocket (blocking, timeout or non-blocking) or an SSLObject over
// MemoryBIOs pumped over a socket, server or client, run in its own thread against the hostile
// peer. The thread's wall time and CPU time are measured; when it has not finished by the wall
// bound its socket is shut down and replaced (dup2) by a dead one, and if that is not enough
// (a socket the harness does not know, as inside accept()) the peer resets its connections,
// so a hang or a spin ends as a failed row instead of stalling the run.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "engine/connection.hpp"
#include "tlsock/socket.hpp"
#include "tlsock/ssl_context.hpp"

namespace tlsock::hostile {

enum class Mode { blocking, timeout, nonblocking, memory_bio };
std::string name(Mode mode);

// What the facade does once connected.
enum class FacadeAction {
  handshake,  // do_handshake()
  read_all,   // do_handshake(), then read() until "" (end of stream)
  unwrap,     // do_handshake(), then unwrap() (close_notify both ways)
};

struct FacadeSpec {
  Role role = Role::server;
  Mode mode = Mode::blocking;
  FacadeAction action = FacadeAction::read_all;
  double timeout = 1.0;  // the socket timeout in Mode::timeout
  // Two connections on one context: the first (closed by the peer after its handshake) makes
  // a session, the second resumes it (the client facade passes it as `session`).
  bool resume = false;
  // Server, blocking or timeout mode: the listening socket is wrapped and accept() runs the
  // handshake (do_handshake_on_connect), as Python servers usually do.
  bool handshake_in_accept = false;
  std::function<void(SSLContext&)> setup{};  // context changes (versions, tickets, ...)
};

struct FacadeResult {
  // "ok" (handshake / unwrap done), "ok:eof" (read_all reached the end of the stream), or what
  // was thrown: "SSLEOFError", "TimeoutError", "SSLError[REASON]", "OSError(errno)", ...
  std::string outcome;
  double wall = 0;  // seconds, from connection to the end of the action (or the kill)
  double cpu = 0;   // CPU seconds of the facade's thread over that time
  bool finished = false;  // ended by itself within the wall bound
  std::string data;       // application data read
};

// The peer's side: its end of the connection, the time it must be done by, and a way to make
// the next connection (FacadeSpec::resume). Returns what the peer observed.
using PeerSide = std::function<std::string(Socket& socket, std::chrono::steady_clock::time_point deadline,
                                           const std::function<Socket&()>& next_connection)>;

// Runs the facade in a thread and `peer` on the calling thread; the peer's socket stays open
// until the facade has finished or been stopped. `observed` receives the peer's result.
FacadeResult run_facade(const FacadeSpec& spec, double wall_bound, const PeerSide& peer,
                        std::string& observed);

}  // namespace tlsock::hostile
