#include "harness.hpp"

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace compare {

namespace {

double seconds_of(const timespec& ts) { return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9; }
double seconds_of(const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec * 1e-6; }

double process_cpu() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

double wall() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

size_t heap_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

[[noreturn]] void socket_failed(const char* what) {
  throw std::runtime_error(std::string("loopback ") + what + ": " + std::strerror(errno));
}

}  // namespace

std::string vector_file(const Options& o, const std::string& name) { return o.vectors + "/engine/" + name; }

double role_cpu() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return seconds_of(ts);
}

Negotiated expected(const HandshakeCase& c, const char* suite) {
  if (c.tls12) return {"TLSv1.2", kSuite12};
  return {"TLSv1.3", suite ? suite : kHandshakeSuite};
}

void check_negotiated(const char* who, const HandshakeCase& c, const char* suite, const Negotiated& got) {
  const Negotiated want = expected(c, suite);
  if (got.version != want.version || got.cipher != want.cipher) {
    throw std::runtime_error(std::string(who) + " negotiated " + got.version + " " + got.cipher + ", not " +
                             want.version + " " + want.cipher);
  }
}

HandshakeCost repeat_handshakes(const Options& o, const std::function<void(HandshakeCost&)>& one) {
  HandshakeCost setup, cost;
  one(setup);
  const double end = wall() + o.seconds;
  do {
    one(cost);
    ++cost.count;
  } while (wall() < end || cost.count < 3);
  return cost;
}

HeapPeak handshake_heap_peak(const std::function<void(HandshakeCost&)>& one) {
  HandshakeCost setup;
  one(setup);
  HeapPeak peak;
  heap_meter_on();
  for (int i = 0; i < 10; ++i) {
    HandshakeCost cost;
    one(cost);
    peak.client = std::max(peak.client, static_cast<double>(cost.client.heap_peak));
    peak.server = std::max(peak.server, static_cast<double>(cost.server.heap_peak));
  }
  heap_meter_off();
  return peak;
}

double handshake_rate(const Options& o, int threads, const std::function<void()>& one) {
  std::atomic<long> done{0};
  std::mutex error_mutex;
  std::string error;
  const double start = wall(), end = start + o.seconds;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      try {
        while (wall() < end) {
          one();
          ++done;
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(error_mutex);
        error = e.what();
      }
    });
  }
  for (std::thread& w : workers) w.join();
  if (!error.empty()) throw std::runtime_error(error);
  return static_cast<double>(done) / (wall() - start);
}

std::pair<int, int> tcp_pair() {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  if (listener < 0) socket_failed("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listener, 1) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(listener);
    socket_failed("listener");
  }
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  if (client < 0 || connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(listener);
    socket_failed("connect");
  }
  const int server = accept(listener, nullptr, nullptr);
  close(listener);
  if (server < 0) socket_failed("accept");
  return {client, server};
}

BulkResult run_bulk(size_t total, size_t write_size, const BulkEnds& ends) {
  std::latch ready(3), go(1);
  double start_wall = 0, start_cpu = 0, end_wall = 0, end_cpu = 0;
  std::mutex error_mutex;
  std::string error;
  // A failing end must still reach the latch, and wake the other end from its blocking call.
  auto fail = [&](const char* why) {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (error.empty()) error = why;
    shutdown(ends.client_fd, SHUT_RDWR);
    shutdown(ends.server_fd, SHUT_RDWR);
  };
  auto guarded = [&](const std::function<void()>& setup, const std::function<void()>& body) {
    bool set_up = false;
    try {
      setup();
      set_up = true;
    } catch (const std::exception& e) {
      fail(e.what());
    }
    ready.count_down();
    go.wait();
    if (!set_up) return;
    try {
      body();
    } catch (const std::exception& e) {
      fail(e.what());
    }
  };
  std::thread receiver([&] {
    guarded(ends.server_setup, [&] {
      std::vector<char> buf(16384);
      for (size_t got = 0; got < total;) {
        const size_t n = ends.receive(buf.data(), buf.size());
        if (n == 0) throw std::runtime_error("bulk: the connection ended early");
        got += n;
      }
      end_wall = wall();
      end_cpu = process_cpu();
    });
  });
  std::thread sender([&] {
    guarded(ends.client_setup, [&] {
      const std::vector<char> chunk(write_size, 'x');
      for (size_t sent = 0; sent < total; sent += write_size) {
        ends.send(chunk.data(), std::min(write_size, total - sent));
      }
    });
  });
  ready.arrive_and_wait();
  start_wall = wall();
  start_cpu = process_cpu();
  go.count_down();
  sender.join();
  receiver.join();
  if (!error.empty()) throw std::runtime_error(error);
  const double bytes = static_cast<double>(total);
  return {bytes / (end_wall - start_wall) / 1e6, (end_cpu - start_cpu) / (bytes / (1u << 30))};
}

IdleHeap idle_heap(int n, const std::function<void(int)>& make, const std::function<void()>& drop_clients) {
  malloc_trim(0);
  const double before = static_cast<double>(heap_in_use());
  for (int i = 0; i < n; ++i) make(i);
  const double both = static_cast<double>(heap_in_use());
  drop_clients();
  const double servers = static_cast<double>(heap_in_use());
  return {(both - servers) / n, (servers - before) / n};
}

}  // namespace compare
