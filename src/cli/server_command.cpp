// `tlsock server [--accept HOST:PORT] --cert FILE [--key FILE] ... [--echo|--www|--WWW]`
//
// Listens (default 127.0.0.1:4433; port 0 picks a free one) and prints "ACCEPT HOST:PORT" on
// stdout once it does, so that a script knows where to connect. Then serves connections, each
// on a thread of its own (at most --max-clients at once; client_threads.hpp), until killed or
// until --max-conns N connections have been accepted and have ended: handshake (within
// --handshake-timeout seconds; with the summary line and the client certificate's subject and
// issuer on stderr), then the mode:
//   --echo  sends back what it receives until the client closes (the default);
//   --www   answers any request with a 200 page describing the connection (s_server -www);
//   --WWW   serves the file the GET names from the current directory (s_server -WWW); paths
//           that leave the directory are refused with 403.
// Failed handshakes, bad requests and peer errors are one line on stderr each
// ("tlsock: connection from HOST:PORT: <reason>"); the server goes on with the next client,
// and no client, however slow or hostile, delays another one.
#include "cli/server_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "cli/arguments.hpp"
#include "cli/client_threads.hpp"
#include "cli/connection_report.hpp"
#include "tlsock/tlsock.hpp"

namespace tlsock::cli {
namespace {

// After the handshake, a client gets this long per read and write, so a silent one does not
// hold its thread for ever.
constexpr double kClientTimeoutSeconds = 30.0;
// An HTTP request head larger than this is refused (413).
constexpr size_t kMaxRequestHead = 16384;

const char* const kUsage =
    "usage: tlsock server --cert FILE [--key FILE] [options] [--echo | --www | --WWW]\n"
    "  --accept HOST:PORT         where to listen (default 127.0.0.1:4433)\n"
    "  --cert/--key               repeatable: one chain per key type\n"
    "  --verify | --Verify        request / require a client certificate (checked against --cafile)\n"
    "  --num-tickets N            TLS 1.3 session tickets per handshake (default 2)\n"
    "  --max-conns N              exit after N connections (once they have ended)\n"
    "  --max-clients N            serve at most N connections at once (default 64)\n"
    "  --handshake-timeout SECS   a client that has not finished its handshake by then is\n"
    "                             dropped (default 10)\n";

enum class Mode { echo, www, files };

struct ServerOptions {
  HostPort accept{"127.0.0.1", 4433};
  TlsSettings tls;
  VerifyMode verify = CERT_NONE;
  std::optional<int> num_tickets;
  std::optional<long> max_conns;
  long max_clients = 64;
  long handshake_timeout = 10;
  Mode mode = Mode::echo;
};

ServerOptions parse(int argc, char** argv) {
  Arguments args(argc - 1, argv + 1);
  ServerOptions o;
  while (!args.done()) {
    std::string_view word = args.next();
    if (take_shared_option(word, args, o.tls)) continue;
    if (word == "--accept") {
      o.accept = parse_host_port(args.value_of(word));
    } else if (word == "--verify") {
      o.verify = CERT_OPTIONAL;
    } else if (word == "--Verify") {
      o.verify = CERT_REQUIRED;
    } else if (word == "--num-tickets") {
      o.num_tickets = static_cast<int>(args.number_of(word, 0, 16));
    } else if (word == "--max-conns") {
      o.max_conns = args.number_of(word, 1, 1L << 30);
    } else if (word == "--max-clients") {
      o.max_clients = args.number_of(word, 1, 4096);
    } else if (word == "--handshake-timeout") {
      o.handshake_timeout = args.number_of(word, 1, 3600);
    } else if (word == "--echo") {
      o.mode = Mode::echo;
    } else if (word == "--www") {
      o.mode = Mode::www;
    } else if (word == "--WWW") {
      o.mode = Mode::files;
    } else {
      throw UsageError("unknown option '" + std::string(word) + "'");
    }
  }
  if (o.tls.certs.empty()) throw UsageError("--cert is required");
  return o;
}

SSLContext make_context(const ServerOptions& o) {
  SSLContext context(PROTOCOL_TLS_SERVER);
  configure_context(context, o.tls, /*default_trust=*/false);
  context.set_verify_mode(o.verify);
  if (o.num_tickets) context.set_num_tickets(*o.num_tickets);
  return context;
}

void serve_echo(SSLSocket& tls) {
  for (;;) {
    std::string data;
    try {
      data = tls.recv(16384);
    } catch (const SSLZeroReturnError&) {
      return;
    }
    if (data.empty()) return;
    tls.sendall(data);
  }
}

// The request head (up to the blank line), or what came before the client stopped.
std::string read_request_head(SSLSocket& tls) {
  std::string head;
  while (head.find("\r\n\r\n") == std::string::npos && head.find("\n\n") == std::string::npos) {
    if (head.size() > kMaxRequestHead) break;
    std::string more = tls.recv(4096);
    if (more.empty()) break;
    head += more;
  }
  return head;
}

void respond(SSLSocket& tls, std::string_view status, std::string_view type,
             std::string_view body) {
  std::string response = "HTTP/1.0 " + std::string(status) + "\r\nContent-Type: " +
                         std::string(type) + "\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
  tls.sendall(response);
}

// The path of "GET /path HTTP/1.x", or nullopt when the request line is not that.
std::optional<std::string> get_path(const std::string& head) {
  std::istringstream line(head.substr(0, head.find('\n')));
  std::string method, target, version;
  line >> method >> target >> version;
  if (method != "GET" || target.empty() || target.front() != '/' ||
      !version.starts_with("HTTP/")) {
    return std::nullopt;
  }
  return target.substr(0, target.find('?'));
}

// The file a path names under the current directory, or nullopt when it leaves it (.., an
// absolute path, a symbolic link that points out).
std::optional<std::filesystem::path> file_under_cwd(std::string_view path) {
  namespace fs = std::filesystem;
  fs::path relative = fs::path(std::string(path.substr(1))).lexically_normal();
  if (relative.empty() || relative == ".") relative = "index.html";
  if (relative.is_absolute() || *relative.begin() == "..") return std::nullopt;
  std::error_code ec;
  fs::path root = fs::canonical(fs::current_path(), ec);
  fs::path real = fs::weakly_canonical(root / relative, ec);
  if (ec) return std::nullopt;
  auto [end, _] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  if (end != root.end()) return std::nullopt;
  return real;
}

// Returns the problem to report, if any.
std::optional<std::string> serve_http(SSLSocket& tls, Mode mode, bool verified) {
  std::string head = read_request_head(tls);
  std::optional<std::string> path = get_path(head);
  if (!path) {
    respond(tls, "400 Bad Request", "text/plain", "tlsock: only GET is served\n");
    return "bad request";
  }
  if (mode == Mode::www) {
    std::string page = "<html><body><pre>\ntlsock server (like openssl s_server -www)\n\n" +
                       connection_description(tls, verified) + "</pre></body></html>\n";
    respond(tls, "200 OK", "text/html", page);
    return std::nullopt;
  }
  std::optional<std::filesystem::path> file = file_under_cwd(*path);
  if (!file) {
    respond(tls, "403 Forbidden", "text/plain", "tlsock: the path leaves the directory\n");
    return "refused path " + *path;
  }
  std::ifstream in(*file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(*file, ec)) {
    respond(tls, "404 Not Found", "text/plain", "tlsock: no such file\n");
    return "not found: " + *path;
  }
  std::ostringstream content;
  content << in.rdbuf();
  respond(tls, "200 OK", file->extension() == ".html" ? "text/html" : "text/plain",
          content.str());
  return std::nullopt;
}

void report(const std::string& who, const std::string& what) {
  std::fprintf(stderr, "tlsock: connection from %s: %s\n", who.c_str(), what.c_str());
  std::fflush(stderr);
}

// One connection, on its own thread: every error is reported, none escapes.
void serve_connection(Socket plain, const std::string& who, SSLContext context,
                      const ServerOptions& o) {
  try {
    plain.settimeout(static_cast<double>(o.handshake_timeout));
    SSLSocket tls = context.wrap_socket(std::move(plain), {.server_side = true});
    tls.settimeout(kClientTimeoutSeconds);
    bool verified = o.verify != CERT_NONE && tls.getpeercert_der().has_value();
    std::string summary = summary_line(tls, verified) + "\n" + peer_certificate_lines(tls);
    std::fwrite(summary.data(), 1, summary.size(), stderr);
    std::fflush(stderr);
    if (o.mode == Mode::echo) {
      serve_echo(tls);
    } else if (auto problem = serve_http(tls, o.mode, verified)) {
      report(who, *problem);
    }
    // close_notify both ways (the client's may have come already). A client that just
    // closes the TCP connection is no error worth reporting.
    try {
      tls.unwrap();
    } catch (const SSLEOFError&) {
    }
  } catch (const std::exception& e) {
    report(who, e.what());
  }
}

int run(const ServerOptions& o) {
  SSLContext context = make_context(o);
  int family = o.accept.host.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  Socket listener(family, SOCK_STREAM);
  listener.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  listener.bind(o.accept.host, o.accept.port);
  listener.listen();
  std::printf("ACCEPT %s\n", to_string(listener.getsockname()).c_str());
  std::fflush(stdout);
  ClientThreads clients(static_cast<size_t>(o.max_clients));
  for (long accepted = 0; !o.max_conns || accepted < *o.max_conns; ++accepted) {
    clients.wait_for_slot();
    try {
      auto [plain, peer] = listener.accept();
      clients.start([&context, &o, who = to_string(peer), plain = std::move(plain)]() mutable {
        serve_connection(std::move(plain), who, context, o);
      });
    } catch (const std::exception& e) {
      report("?", e.what());
      // An error that lasts (EMFILE: out of descriptors) must not make this loop spin.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  clients.wait_all();
  return 0;
}

}  // namespace
}  // namespace tlsock::cli

int run_server_command(int argc, char** argv) {
  using namespace tlsock::cli;
  return run_subcommand("server", kUsage, argc, argv, parse, run);
}
