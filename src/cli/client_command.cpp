// `tlsock client HOST:PORT [options]`
//
// Connects, handshakes, prints the summary line and the server certificate's subject and
// issuer on stderr, then copies stdin to the connection and the connection to stdout as the
// bytes come (one poll() loop over a non-blocking SSLSocket; nothing is buffered beyond one
// chunk in flight). At stdin EOF it sends close_notify and keeps copying what still arrives
// until the server closes or --wait seconds pass. --sess-out saves the session at the end and
// --sess-in resumes one (tlsock/session_file.hpp). Exit status 0, or 1 with one line
// "tlsock: error: <reason>" on stderr (2 for a bad command line).
#include "cli/client_command.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "cli/arguments.hpp"
#include "cli/connection_report.hpp"
#include "cli/stream_copy.hpp"
#include "tlsock/session_file.hpp"
#include "tlsock/tlsock.hpp"

namespace tlsock::cli {
namespace {

constexpr double kConnectTimeoutSeconds = 10.0;

const char* const kUsage =
    "usage: tlsock client HOST:PORT [options]\n"
    "  --servername NAME          SNI and the name to verify (default: HOST)\n"
    "  --no-verify                do not verify the server's certificate\n"
    "  --enable-pha               offer post-handshake client authentication\n"
    "  --wait SECONDS             after stdin EOF, wait this long for the server (default 2)\n"
    "  --sess-out FILE            save the session at the end (mode 0600: it holds a secret)\n"
    "  --sess-in FILE             resume the session saved in FILE\n"
    "  --quiet                    no summary, no certificate lines\n";

struct ClientOptions {
  HostPort target;
  TlsSettings tls;
  std::optional<std::string> servername;
  bool verify = true;
  bool enable_pha = false;
  bool quiet = false;
  double wait_seconds = 2.0;
  std::optional<std::string> sess_in;   // a session to resume (session_to_pem text)
  std::optional<std::string> sess_out;  // where to save the session at the end
};

ClientOptions parse(int argc, char** argv) {
  Arguments args(argc - 1, argv + 1);
  ClientOptions o;
  std::optional<HostPort> target;
  while (!args.done()) {
    std::string_view word = args.next();
    if (take_shared_option(word, args, o.tls)) continue;
    if (word == "--servername") {
      o.servername = args.value_of(word);
    } else if (word == "--no-verify") {
      o.verify = false;
    } else if (word == "--enable-pha") {
      o.enable_pha = true;
    } else if (word == "--quiet") {
      o.quiet = true;
    } else if (word == "--wait") {
      o.wait_seconds = static_cast<double>(args.number_of(word, 0, 3600));
    } else if (word == "--sess-in") {
      o.sess_in = args.value_of(word);
    } else if (word == "--sess-out") {
      o.sess_out = args.value_of(word);
    } else if (!word.starts_with("--") && !target) {
      target = parse_host_port(word);
    } else {
      throw UsageError("unknown option '" + std::string(word) + "'");
    }
  }
  if (!target) throw UsageError("HOST:PORT is missing");
  o.target = *target;
  return o;
}

SSLContext make_context(const ClientOptions& o) {
  SSLContext context(PROTOCOL_TLS_CLIENT);
  if (!o.verify) {
    context.set_check_hostname(false);
    context.set_verify_mode(CERT_NONE);
  }
  if (o.enable_pha) context.set_post_handshake_auth(true);
  configure_context(context, o.tls, /*default_trust=*/o.verify);
  return context;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The session, readable by its owner only (it holds the resumption secret).
void save_session(const std::string& path, const SSLSession& session) {
  std::string pem = session_to_pem(session);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), path);
  ssize_t n = ::write(fd, pem.data(), pem.size());
  int error = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(pem.size())) {
    throw std::system_error(n < 0 ? error : EIO, std::generic_category(), path);
  }
}

int run(const ClientOptions& o) {
  SSLContext context = make_context(o);
  std::optional<SSLSession> session;
  if (o.sess_in) session = session_from_pem(context, read_text_file(*o.sess_in));
  Socket raw = create_connection(o.target.host, o.target.port, kConnectTimeoutSeconds);
  SSLSocket tls = context.wrap_socket(
      std::move(raw),
      {.server_hostname = o.servername.value_or(o.target.host), .session = session});
  if (!o.quiet) {
    std::string report = summary_line(tls, o.verify) + "\n" + peer_certificate_lines(tls);
    std::fwrite(report.data(), 1, report.size(), stderr);
    std::fflush(stderr);
  }
  bool peer_closed_first = copy_until_closed(tls, STDIN_FILENO, STDOUT_FILENO, o.wait_seconds);
  if (o.sess_out) {
    std::optional<SSLSession> latest = tls.session();
    if (!latest) throw std::runtime_error("--sess-out: the server gave no session to save");
    save_session(*o.sess_out, *latest);
  }
  if (peer_closed_first) {
    // Answer the server's close_notify with ours (best effort: it may be gone already).
    try {
      tls.unwrap();
    } catch (const std::exception&) {
    }
  }
  return 0;
}

}  // namespace
}  // namespace tlsock::cli

int run_client_command(int argc, char** argv) {
  using namespace tlsock::cli;
  return run_subcommand("client", kUsage, argc, argv, parse, run);
}
