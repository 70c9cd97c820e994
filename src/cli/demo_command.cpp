// `tlsock demo`
//
// 1. The library and backend versions and the crypto self-test.
// 2. A chain made for the run with the openssl command (root CA -> intermediate -> leaf for
//    localhost, demo_chain.hpp), a tlsock echo server on 127.0.0.1 (port from bind(0)) in a
//    thread of this process, and one handshake per row:
//      tlsock -> tlsock over TLS 1.3 and TLS 1.2, tlsock -> openssl s_server,
//      openssl s_client -> tlsock, a TLS 1.3 resumption with the ticket of the first row, and
//      a client that trusts another root (the verification fails; the message is printed).
//    Each row: who, version, suite, group, handshake time (connect + handshake, measured by the
//    client; for s_client by the tlsock server, from accept to the end of its handshake).
// A row that cannot run (no openssl) says why; the demo fails only when a row that ran went
// other than expected.
#include "cli/demo_command.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/demo_chain.hpp"
#include "cli/subprocess.hpp"
#include "tlsock/tlsock.hpp"

namespace tlsock::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kRowTimeout = std::chrono::seconds(10);

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Row {
  std::string who;
  std::string version = "-";
  std::string suite = "-";
  std::string group = "-";
  double ms = 0;
  std::string note{};  // "resumed", the error of a failed handshake, why a row was skipped
  bool as_expected = true;
};

// What the server saw of one connection.
struct ServerSeen {
  std::string version = "-", suite = "-", group = "-";
  double handshake_ms = 0;
  std::string error{};
};

// The tlsock echo server: accepts on 127.0.0.1:0 in a thread, handshakes, echoes until the
// client closes, and queues what it saw of each connection.
class DemoServer {
 public:
  explicit DemoServer(SSLContext context) : context_(std::move(context)) {
    listener_.bind("127.0.0.1", 0);
    listener_.listen();
    port_ = listener_.getsockname().port;
    thread_ = std::thread([this] { serve(); });
  }
  ~DemoServer() {
    stop_ = true;
    try {
      Socket wake = create_connection("127.0.0.1", port_, 2.0);  // unblocks accept()
    } catch (const std::exception&) {
    }
    thread_.join();
  }
  int port() const { return port_; }

  // What the server saw of the next connection (waits for it).
  ServerSeen next() {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, kRowTimeout, [&] { return !seen_.empty(); })) {
      return ServerSeen{.error = "the server saw no connection"};
    }
    ServerSeen s = seen_.front();
    seen_.pop_front();
    return s;
  }

 private:
  void serve() {
    while (!stop_) {
      ServerSeen seen;
      try {
        auto [plain, peer] = listener_.accept();
        if (stop_) return;
        plain.settimeout(5.0);
        Clock::time_point start = Clock::now();
        SSLSocket tls = context_.wrap_socket(std::move(plain), {.server_side = true});
        seen.handshake_ms = ms_since(start);
        seen.version = tls.version().value_or("-");
        seen.suite = tls.cipher() ? tls.cipher()->name : "-";
        seen.group = tls.group().value_or("-");
        publish(seen);
        for (std::string data = tls.recv(4096); !data.empty(); data = tls.recv(4096)) {
          tls.sendall(data);
        }
      } catch (const std::exception& e) {
        if (seen.version == "-") {
          seen.error = e.what();
          publish(seen);
        }
      }
    }
  }
  void publish(const ServerSeen& s) {
    std::lock_guard lock(mutex_);
    seen_.push_back(s);
    ready_.notify_one();
  }

  SSLContext context_;
  Socket listener_{AF_INET, SOCK_STREAM};
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<ServerSeen> seen_;
};

SSLContext client_context(const std::string& cafile, TLSVersion version) {
  SSLContext context(PROTOCOL_TLS_CLIENT);
  context.load_verify_locations({.cafile = cafile});
  context.set_minimum_version(version);
  context.set_maximum_version(version);
  return context;
}

// A tlsock client handshake and one echoed message (which also brings the TLS 1.3 tickets).
Row tlsock_client_row(std::string who, SSLContext context, int port, std::string_view request,
                      std::optional<SSLSession>* session_out = nullptr,
                      std::optional<SSLSession> session_in = std::nullopt) {
  Row row{.who = std::move(who)};
  Clock::time_point start = Clock::now();
  try {
    Socket raw = create_connection("127.0.0.1", port, 5.0);
    SSLSocket tls = context.wrap_socket(std::move(raw), {.server_hostname = "localhost",
                                                         .session = std::move(session_in)});
    row.ms = ms_since(start);
    row.version = tls.version().value_or("-");
    row.suite = tls.cipher() ? tls.cipher()->name : "-";
    row.group = tls.group().value_or("-");
    if (tls.session_reused().value_or(false)) row.note = "resumed";
    tls.sendall(request);
    std::string reply = tls.recv(4096);
    if (reply.empty()) throw std::runtime_error("no reply from the server");
    if (session_out) *session_out = tls.session();
    tls.close();
  } catch (const std::exception& e) {
    if (row.ms == 0) row.ms = ms_since(start);  // how long it took to fail
    row.note = e.what();
    row.as_expected = false;
  }
  return row;
}

Row tlsock_to_openssl_row(const DemoChain& chain) {
  Row row{.who = "tlsock -> openssl s_server"};
  try {
    Subprocess server({"openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", chain.leaf,
                       "-cert_chain", chain.intermediate, "-key", chain.leaf_key, "-naccept",
                       "1", "-www"});
    std::optional<std::string> line = server.read_line_with("ACCEPT", kRowTimeout);
    if (!line) throw std::runtime_error("openssl s_server did not start: " + server.output());
    int port = std::stoi(line->substr(line->rfind(':') + 1));
    row = tlsock_client_row(row.who, client_context(chain.root, TLSVersion::MAXIMUM_SUPPORTED),
                            port, "GET / HTTP/1.0\r\n\r\n");
  } catch (const std::exception& e) {
    row.note = e.what();
    row.as_expected = false;
  }
  return row;
}

Row openssl_to_tlsock_row(const DemoChain& chain, DemoServer& server) {
  Row row{.who = "openssl s_client -> tlsock"};
  try {
    Subprocess client({"openssl", "s_client", "-connect",
                       "127.0.0.1:" + std::to_string(server.port()), "-servername", "localhost",
                       "-CAfile", chain.root, "-verify_return_error", "-brief"});
    ServerSeen seen = server.next();
    int status = client.finish(kRowTimeout);
    row.version = seen.version;
    row.suite = seen.suite;
    row.group = seen.group;
    row.ms = seen.handshake_ms;
    if (!seen.error.empty() || status != 0) {
      row.note = !seen.error.empty() ? seen.error : "s_client: " + client.output();
      row.as_expected = false;
    }
  } catch (const std::exception& e) {
    row.note = e.what();
    row.as_expected = false;
  }
  return row;
}

void print_table(const std::vector<Row>& rows) {
  std::printf("\n%-34s %-8s %-30s %-10s %9s\n", "who", "version", "suite", "group", "time");
  for (const Row& r : rows) {
    std::printf("%-34s %-8s %-30s %-10s %6.1f ms%s%s\n", r.who.c_str(), r.version.c_str(),
                r.suite.c_str(), r.group.c_str(), r.ms, r.note.empty() ? "" : "  ",
                r.note.c_str());
  }
}

bool have_openssl() {
  try {
    return run_command({"openssl", "version"}, nullptr) == 0;
  } catch (const std::exception&) {
    return false;
  }
}

bool run_handshakes() {
  if (!have_openssl()) {
    std::printf("\nhandshakes: skipped, the openssl command (used to make the demo certificates "
                "and as a peer) was not found; scripts/demo.sh installs it\n");
    return true;
  }
  DemoChain chain = make_demo_chain();
  std::vector<Row> rows;
  {
    SSLContext server_context(PROTOCOL_TLS_SERVER);
    server_context.load_cert_chain(chain.chain, chain.leaf_key);
    DemoServer server(server_context);
    const int port = server.port();

    SSLContext tls13 = client_context(chain.root, TLSVersion::TLSv1_3);
    std::optional<SSLSession> ticket;
    rows.push_back(tlsock_client_row("tlsock -> tlsock", tls13, port, "ping", &ticket));
    server.next();
    rows.push_back(tlsock_client_row("tlsock -> tlsock", client_context(chain.root,
                                     TLSVersion::TLSv1_2), port, "ping"));
    server.next();
    rows.push_back(tlsock_to_openssl_row(chain));
    rows.push_back(openssl_to_tlsock_row(chain, server));
    if (ticket) {
      rows.push_back(tlsock_client_row("tlsock -> tlsock, resumed", tls13, port, "ping",
                                       nullptr, ticket));
      server.next();
      if (rows.back().note != "resumed") rows.back().as_expected = false;
    } else {
      rows.push_back(Row{.who = "tlsock -> tlsock, resumed", .note = "no ticket arrived",
                         .as_expected = false});
    }
    Row wrong = tlsock_client_row("tlsock -> tlsock, untrusted root",
                                  client_context(chain.other_root, TLSVersion::TLSv1_3), port,
                                  "ping");
    server.next();
    // This row is meant to fail: the client trusts a root that did not sign the chain.
    wrong.as_expected = !wrong.note.empty() && wrong.version == "-";
    if (wrong.note.empty()) wrong.note = "the handshake succeeded, which it must not";
    rows.push_back(wrong);
  }
  remove_demo_chain(chain);
  print_table(rows);
  bool ok = true;
  for (const Row& r : rows) ok = ok && r.as_expected;
  return ok;
}

}  // namespace
}  // namespace tlsock::cli

int run_demo_command() {
  std::printf("tlsock %s\n", tlsock::version());
  std::printf("Botan %s, libsodium %s\n", tlsock::botan_version().c_str(),
              tlsock::sodium_version().c_str());
  tlsock::SelfTestReport report = tlsock::self_test();
  std::printf("crypto self-test:\n%s", report.text.c_str());
  std::printf("crypto self-test %s\n", report.ok ? "PASSED" : "FAILED");
  std::fflush(stdout);
  bool handshakes_ok = false;
  try {
    handshakes_ok = tlsock::cli::run_handshakes();
  } catch (const std::exception& e) {
    std::printf("handshakes: %s\n", e.what());
  }
  std::printf("\ndemo %s\n", report.ok && handshakes_ok ? "PASSED" : "FAILED");
  return report.ok && handshakes_ok ? 0 : 1;
}
