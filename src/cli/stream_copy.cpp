#include "cli/stream_copy.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <string>
#include <system_error>

#include "tlsock/errors.hpp"

namespace tlsock::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kChunk = 16384;

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "writing the output");
    data.remove_prefix(static_cast<size_t>(n));
  }
}

enum class ReadOutcome { would_block, would_block_write, peer_closed };

// Everything the connection has now goes to out_fd.
ReadOutcome drain(SSLSocket& tls, int out_fd) {
  for (;;) {
    try {
      std::string data = tls.recv(kChunk);
      if (data.empty()) return ReadOutcome::peer_closed;
      write_all(out_fd, data);
    } catch (const SSLWantReadError&) {
      return ReadOutcome::would_block;
    } catch (const SSLWantWriteError&) {
      return ReadOutcome::would_block_write;
    } catch (const SSLZeroReturnError&) {
      return ReadOutcome::peer_closed;  // the peer's close_notify after ours
    }
  }
}

}  // namespace

bool copy_until_closed(SSLSocket& tls, int in_fd, int out_fd, double wait_seconds) {
  tls.settimeout(0.0);
  std::string outgoing;  // read from in_fd, not yet taken by the connection
  bool input_open = true;
  bool close_sent = false;
  std::optional<Clock::time_point> give_up;  // set when close_notify was sent
  for (;;) {
    ReadOutcome read = drain(tls, out_fd);
    if (read == ReadOutcome::peer_closed) return !close_sent;
    bool want_write = read == ReadOutcome::would_block_write;
    if (!outgoing.empty()) {
      try {
        tls.send(outgoing);
        outgoing.clear();
      } catch (const SSLWantWriteError&) {
        want_write = true;  // retried with the same data when the socket is writable
      }
    }
    if (!input_open && outgoing.empty() && !close_sent) {
      tls.close_notify();
      close_sent = true;
      give_up = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(wait_seconds));
      continue;  // the next drain() sends it
    }

    int timeout_ms = -1;
    if (give_up) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(*give_up - Clock::now());
      if (left.count() <= 0) return false;
      timeout_ms = static_cast<int>(left.count());
    }
    pollfd fds[2] = {{tls.fileno(), static_cast<short>(POLLIN | (want_write ? POLLOUT : 0)), 0},
                     {in_fd, POLLIN, 0}};
    nfds_t count = input_open && outgoing.empty() ? 2 : 1;
    int ready = ::poll(fds, count, timeout_ms);
    if (ready < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "poll");
    if (count == 2 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      char buf[kChunk];
      ssize_t n = ::read(in_fd, buf, sizeof buf);
      if (n > 0) {
        outgoing.assign(buf, static_cast<size_t>(n));
      } else if (n == 0) {
        input_open = false;
      } else if (errno != EINTR && errno != EAGAIN) {
        throw std::system_error(errno, std::generic_category(), "reading the input");
      }
    }
  }
}

}  // namespace tlsock::cli
