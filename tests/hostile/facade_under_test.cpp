#include "hostile/facade_under_test.hpp"

#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "api/loopback.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_object.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock::hostile {

std::string name(Mode mode) {
  switch (mode) {
    case Mode::blocking: return "blocking";
    case Mode::timeout: return "timeout";
    case Mode::nonblocking: return "non-blocking";
    case Mode::memory_bio: return "MemoryBIO";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return 0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// What the facade thread and the harness share; outlives either (a hung thread is detached).
struct Shared {
  std::mutex mutex;
  std::condition_variable cv;
  int fd = -1;  // the facade's socket while it is open
  bool done = false;
  std::atomic<bool> stop{false};
  std::string outcome;
  std::string data;
  double cpu = 0;
  Clock::time_point end;
};

// Registers the facade's fd for the harness to stop; declared after the socket that owns the
// fd, so it is unregistered before that socket closes it.
class FdGuard {
 public:
  FdGuard(Shared& shared, int fd) : shared_(shared) {
    std::lock_guard lock(shared_.mutex);
    shared_.fd = fd;
  }
  ~FdGuard() {
    std::lock_guard lock(shared_.mutex);
    shared_.fd = -1;
  }
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;

 private:
  Shared& shared_;
};

std::string describe(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const SSLCertVerificationError&) {
    return "SSLCertVerificationError";
  } catch (const SSLEOFError&) {
    return "SSLEOFError";
  } catch (const SSLZeroReturnError&) {
    return "SSLZeroReturnError";
  } catch (const SSLSyscallError&) {
    return "SSLSyscallError";
  } catch (const SSLWantReadError&) {
    return "SSLWantReadError";
  } catch (const SSLWantWriteError&) {
    return "SSLWantWriteError";
  } catch (const SSLError& x) {
    return "SSLError[" + x.reason().value_or("") + "] " + x.what();
  } catch (const TimeoutError& x) {
    return std::string("TimeoutError: ") + x.what();
  } catch (const std::system_error& x) {
    return "OSError(" + std::to_string(x.code().value()) + ") " + x.what();
  } catch (const std::exception& x) {
    return std::string("exception: ") + x.what();
  }
  return "unknown exception";
}

// Waits (in slices, so a stop request is seen) until fd is ready for `events`.
void wait_fd(const Shared& shared, int fd, short events) {
  while (!shared.stop.load()) {
    pollfd p{fd, events, 0};
    if (::poll(&p, 1, 100) != 0) return;
  }
  throw std::runtime_error("stopped by the harness");
}

// Calls op until it stops asking for I/O (non-blocking mode; the other modes never ask).
template <typename F>
auto retry(const Shared& shared, int fd, F&& op) -> decltype(op()) {
  for (;;) {
    if (shared.stop.load()) throw std::runtime_error("stopped by the harness");
    try {
      return op();
    } catch (const SSLWantReadError&) {
      wait_fd(shared, fd, POLLIN);
    } catch (const SSLWantWriteError&) {
      wait_fd(shared, fd, POLLOUT);
    }
  }
}

SSLContext make_context(const FacadeSpec& spec) {
  SSLContext ctx = spec.role == Role::server ? testing::server_context() : testing::client_context();
  if (spec.setup) spec.setup(ctx);
  return ctx;
}

// SSLSocket::unwrap() hands back the plain socket, kept open until the action ends;
// SSLObject::unwrap() returns nothing.
template <typename Conn>
void unwrap(Conn& conn, std::optional<Socket>& plain) {
  if constexpr (std::is_void_v<decltype(conn.unwrap())>) {
    conn.unwrap();
  } else {
    plain.emplace(conn.unwrap());
  }
}

template <typename Conn, typename Run>
std::string act(const FacadeSpec& spec, Shared& shared, Conn& conn, Run&& run) {
  std::optional<Socket> plain;
  run([&] { conn.do_handshake(); });
  switch (spec.action) {
    case FacadeAction::handshake:
      return "ok";
    case FacadeAction::unwrap:
      run([&] { unwrap(conn, plain); });
      return "ok";
    case FacadeAction::read_all:
      for (;;) {
        std::string chunk;
        run([&] { chunk = conn.read(16384); });
        if (chunk.empty()) return "ok:eof";
        if (shared.data.size() < 4096) shared.data += chunk;
      }
  }
  return "?";
}

std::string run_ssl_socket(const FacadeSpec& spec, Shared& shared, Socket conn, SSLContext& ctx,
                           std::optional<SSLSession>& session) {
  if (spec.mode == Mode::blocking) conn.settimeout(std::nullopt);
  if (spec.mode == Mode::timeout) conn.settimeout(spec.timeout);
  if (spec.mode == Mode::nonblocking) conn.settimeout(0.0);
  WrapSocketOptions options{.server_side = spec.role == Role::server, .do_handshake_on_connect = false};
  if (spec.role == Role::client) options.server_hostname = "localhost";
  options.session = session;
  SSLSocket ssl = ctx.wrap_socket(std::move(conn), options);
  FdGuard guard(shared, ssl.fileno());
  int fd = ssl.fileno();
  std::string outcome = act(spec, shared, ssl, [&](auto&& op) { retry(shared, fd, op); });
  session = ssl.session();
  return outcome;
}

// Python's event-loop pattern over a socket: the SSLObject's output goes to the socket, what
// arrives goes into its incoming BIO, EOF becomes write_eof().
std::string run_memory_bio(const FacadeSpec& spec, Shared& shared, Socket conn, SSLContext& ctx,
                           std::optional<SSLSession>& session) {
  conn.settimeout(std::nullopt);
  MemoryBIO incoming, outgoing;
  WrapBioOptions options{.server_side = spec.role == Role::server};
  if (spec.role == Role::client) options.server_hostname = "localhost";
  options.session = session;
  SSLObject obj = ctx.wrap_bio(incoming, outgoing, options);
  FdGuard guard(shared, conn.fileno());
  bool eof = false;
  auto flush = [&] {
    std::string out = outgoing.read();
    if (!out.empty()) conn.sendall(as_bytes(out));
  };
  auto run = [&](auto&& op) {
    for (;;) {
      if (shared.stop.load()) throw std::runtime_error("stopped by the harness");
      try {
        op();
        flush();
        return;
      } catch (const SSLWantReadError&) {
        flush();
      } catch (...) {
        try {
          flush();
        } catch (...) {
        }
        throw;
      }
      if (eof) throw std::runtime_error("SSLObject wants to read after write_eof()");
      wait_fd(shared, conn.fileno(), POLLIN);
      std::string in = conn.recv(65536);
      if (in.empty()) {
        incoming.write_eof();
        eof = true;
      } else {
        incoming.write(as_bytes(in));
      }
    }
  };
  std::string outcome = act(spec, shared, obj, run);
  session = obj.session();
  return outcome;
}

// SSLSocket.accept() on a wrapped listener: the handshake runs inside accept().
std::string run_accepting(const FacadeSpec& spec, Shared& shared, Socket& listener, SSLContext& ctx) {
  listener.settimeout(spec.mode == Mode::timeout ? std::optional<double>(spec.timeout) : std::nullopt);
  SSLSocket wrapped = ctx.wrap_socket(std::move(listener), {.server_side = true});
  std::optional<SSLSocket> ssl;
  {
    // Stops a wait for the connection; a hang or spin in the handshake after it is ended by
    // the peer's reset (the accepted fd is not known until accept() returns).
    FdGuard guard(shared, wrapped.fileno());
    ssl.emplace(wrapped.accept().first);
  }
  FdGuard guard(shared, ssl->fileno());
  int fd = ssl->fileno();
  return act(spec, shared, *ssl, [&](auto&& op) { retry(shared, fd, op); });
}

std::string run_connected(const FacadeSpec& spec, Shared& shared, Socket conn, SSLContext& ctx,
                          std::optional<SSLSession>& session) {
  if (spec.mode == Mode::memory_bio) return run_memory_bio(spec, shared, std::move(conn), ctx, session);
  return run_ssl_socket(spec, shared, std::move(conn), ctx, session);
}

// Puts a dead socket in place of `fd`: shutdown wakes a blocked call, and every later call
// on the fd fails (ENOTCONN), even one that only peeks at bytes already received.
void kill_fd(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  int dead = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (dead >= 0) {
    ::dup2(dead, fd);
    ::close(dead);
  }
}

// Stops a facade that overran its bound, through the fd it registered.
void stop_facade(Shared& shared) {
  shared.stop.store(true);
  std::lock_guard lock(shared.mutex);
  if (shared.fd < 0) return;
  kill_fd(shared.fd);
}

// The facade's end of the peer's connection, found among this process's fds by its addresses
// (for a socket the facade made itself, as accept() does): -1 when none.
int facade_end_of(const Socket& peer) {
  sockaddr_storage local{}, remote{};
  socklen_t local_len = sizeof local, remote_len = sizeof remote;
  if (::getsockname(peer.fileno(), reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
      ::getpeername(peer.fileno(), reinterpret_cast<sockaddr*>(&remote), &remote_len) != 0)
    return -1;
  for (int fd = 0; fd < 4096; ++fd) {
    sockaddr_storage a{}, b{};
    socklen_t a_len = sizeof a, b_len = sizeof b;
    if (fd == peer.fileno() || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &a_len) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&b), &b_len) != 0)
      continue;
    if (a_len == remote_len && b_len == local_len && std::memcmp(&a, &remote, a_len) == 0 &&
        std::memcmp(&b, &local, b_len) == 0)
      return fd;
  }
  return -1;
}

}  // namespace

FacadeResult run_facade(const FacadeSpec& spec, double wall_bound, const PeerSide& peer,
                        std::string& observed) {
  auto shared = std::make_shared<Shared>();
  Socket listener = testing::make_listener();
  listener.settimeout(wall_bound);
  Address address = listener.getsockname();
  Clock::time_point start = Clock::now();
  std::shared_ptr<Socket> facade_listener;
  if (spec.role == Role::server) facade_listener = std::make_shared<Socket>(std::move(listener));

  std::thread thread([shared, spec, facade_listener, address, start] {
    clockid_t clock;
    pthread_getcpuclockid(pthread_self(), &clock);
    double cpu0 = cpu_seconds(clock);
    std::string outcome;
    try {
      SSLContext ctx = make_context(spec);
      std::optional<SSLSession> session;
      auto connection = [&](const FacadeSpec& how) {
        Socket conn;
        if (facade_listener) {
          conn = facade_listener->accept().first;
        } else {
          conn.settimeout(2.0);
          conn.connect(address);
        }
        return run_connected(how, *shared, std::move(conn), ctx, session);
      };
      if (spec.handshake_in_accept) {
        outcome = run_accepting(spec, *shared, *facade_listener, ctx);
      } else if (spec.resume) {
        // The first connection makes the session; the peer closes it after its handshake.
        FacadeSpec first = spec;
        first.action = FacadeAction::read_all;
        outcome = connection(first);
        if (outcome != "ok:eof") throw std::runtime_error("first connection: " + outcome);
      }
      if (!spec.handshake_in_accept) outcome = connection(spec);
    } catch (...) {
      outcome = describe(std::current_exception());
    }
    double cpu = cpu_seconds(clock) - cpu0;
    std::lock_guard lock(shared->mutex);
    shared->outcome = outcome;
    shared->cpu = cpu;
    shared->end = Clock::now();
    shared->done = true;
    shared->cv.notify_all();
  });

  Clock::time_point deadline = start + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(wall_bound));
  std::deque<Socket> more_sockets;  // the peer's connections (stable addresses), open until the end
  auto connect_peer = [&]() -> Socket& {
    Socket& s = more_sockets.emplace_back();
    if (spec.role == Role::server) {
      s.settimeout(wall_bound);
      s.connect(address);
    } else {
      s = listener.accept().first;
    }
    return s;
  };
  try {
    observed = peer(connect_peer(), deadline, connect_peer);
  } catch (const std::exception& e) {
    observed = std::string("peer error: ") + e.what();
  }

  FacadeResult result;
  std::unique_lock lock(shared->mutex);
  result.finished = shared->cv.wait_until(lock, deadline, [&] { return shared->done; });
  if (!result.finished) {
    clockid_t clock;
    double cpu_at_bound = 0;
    if (pthread_getcpuclockid(thread.native_handle(), &clock) == 0) cpu_at_bound = cpu_seconds(clock);
    lock.unlock();
    stop_facade(*shared);
    lock.lock();
    bool ended = shared->cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return shared->done; });
    if (!ended) {
      lock.unlock();
      for (const Socket& s : more_sockets)
        if (int fd = s.fileno() >= 0 ? facade_end_of(s) : -1; fd >= 0) kill_fd(fd);
      lock.lock();
      ended = shared->cv.wait_for(lock, std::chrono::seconds(1), [&] { return shared->done; });
    }
    result.outcome = "overran " + std::to_string(wall_bound) + " s, then: " +
                     (ended ? shared->outcome : std::string("still running (hung)"));
    result.wall = std::chrono::duration<double>(Clock::now() - start).count();
    // The thread's CPU clock keeps counting after the bound; report it at the bound, or the
    // whole run if it ended (whichever is larger shows a spin best).
    result.cpu = ended ? std::max(shared->cpu, cpu_at_bound) : cpu_at_bound;
    result.data = shared->data;
    lock.unlock();
    if (ended) {
      thread.join();
    } else {
      thread.detach();
    }
    return result;
  }
  result.outcome = shared->outcome;
  result.cpu = shared->cpu;
  result.wall = std::chrono::duration<double>(shared->end - start).count();
  result.data = shared->data;
  lock.unlock();
  thread.join();
  return result;
}

}  // namespace tlsock::hostile
