#include "openssl_peer.hpp"

#include <doctest/doctest.h>

#include <thread>

#include "crypto/provider.hpp"

namespace tlsock::interop {

namespace {

// The protocol flag for OpenSSL: -tls1_2 when a test asks for it in `args`, none when the test
// gives a version range (-min_protocol ...: a 1.2+1.3 OpenSSL), else -tls1_3. OpenSSL refuses
// two protocol flags, so append_args() leaves -tls1_2 out of the rest.
void add_version_flag(std::vector<std::string>& argv, const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "-min_protocol") return;
    if (a == "-tls1_2") {
      argv.push_back(a);
      return;
    }
  }
  argv.push_back("-tls1_3");
}
void append_args(std::vector<std::string>& argv, const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a != "-tls1_2") argv.push_back(a);
  }
}

// Whether the version command `argv` runs and prints `banner`.
bool runs(const std::vector<std::string>& argv, std::string_view banner) {
  ChildProcess p(argv);
  return p.started() && p.wait_for_output(banner, kWait);
}

}  // namespace

void require_openssl() {
  static const bool found = runs({"openssl", "version"}, "OpenSSL");
  REQUIRE_MESSAGE(found, "openssl cannot be run: scripts/install-deps.sh installs it");
}

void require_gnutls() {
  static const bool found = runs({"gnutls-serv", "--version"}, "gnutls");
  REQUIRE_MESSAGE(found, "gnutls-serv cannot be run: scripts/install-deps.sh installs it "
                         "(gnutls-bin)");
}

std::vector<std::string> identity_args(const std::string& flag_cert, const std::string& flag_key,
                                       const std::string& identity) {
  return {flag_cert, engine_vector_path(identity + ".pem"), flag_key,
          engine_vector_path(identity + ".key.pem")};
}

const char* openssl_group(NamedGroup group) {
  switch (group) {
    case NamedGroup::x25519: return "X25519";
    case NamedGroup::secp256r1: return "P-256";
    default: return "P-384";
  }
}

size_t count_of(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

bool wait_for_count(const ChildProcess& child, std::string_view needle, size_t times) {
  auto deadline = Clock::now() + kWait;
  while (count_of(child.output(), needle) < times) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void command(ChildProcess& child, const std::string& line, std::string_view ack) {
  size_t before = count_of(child.output(), ack);
  REQUIRE(child.write_stdin(line));
  CHECK(wait_for_count(child, ack, before + 1));
}

// --- tlsock client vs openssl s_server ---------------------------------------------------------

SServer start_s_server(const std::vector<std::string>& extra) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    SServer s;
    s.port = pick_free_port();
    std::vector<std::string> argv = {"openssl", "s_server"};
    add_version_flag(argv, extra);
    argv.insert(argv.end(), {"-accept", std::to_string(s.port), "-naccept", "1"});
    bool has_cert = false;
    for (const auto& a : extra) has_cert = has_cert || a == "-cert";
    if (!has_cert) {
      for (auto& a : identity_args("-cert", "-key", "server-p256")) argv.push_back(a);
    }
    append_args(argv, extra);
    s.child = std::make_unique<ChildProcess>(argv);
    if (s.child->started() && s.child->wait_for_output("ACCEPT", kWait)) return s;
  }
  FAIL("openssl s_server did not start");
  return {};
}

ClientConfig base_client_config() {
  ClientConfig c;
  c.server_name = "localhost";
  return c;
}

ConnectionOptions client_options() {
  ConnectionOptions o;
  o.verify = policy_trusting("ca.pem", std::string("localhost"));
  return o;
}

void connect(ClientRun& run, const std::vector<std::string>& server_args, ClientConfig config,
             ConnectionOptions options) {
  if (run.server.child == nullptr) run.server = start_s_server(server_args);
  int fd = connect_loopback(run.server.port);
  REQUIRE(fd >= 0);
  auto c = Connection::client(std::move(config), default_provider(), std::move(options));
  REQUIRE(c.ok());
  run.conn.emplace(std::move(*c));
  run.pump = std::make_unique<SocketPump>(*run.conn, fd);
  Status s = run.pump->handshake();
  if (!s.ok()) FAIL("handshake: " << s.error().message() << "\ns_server said:\n" << run.server.child->output());
}

void exchange(ClientRun& run, const std::string& tag) {
  std::string ours = "hello from tlsock" + tag + "\n";
  REQUIRE(run.pump->write(ours).ok());
  CHECK(run.server.child->wait_for_output(ours, kWait));
  std::string theirs = "hello from openssl" + tag + "\n";
  REQUIRE(run.server.child->write_stdin(theirs));
  Status s = run.pump->read_until(theirs);
  if (!s.ok()) FAIL("read: " << s.error().message() << "\ns_server said:\n" << run.server.child->output());
}

// --- openssl s_client vs tlsock server ---------------------------------------------------------

ServerConfig server_config(const std::string& identity) {
  ServerConfig c;
  auto id = load_identity(identity);
  REQUIRE(id);
  c.certificates.push_back(std::move(*id));
  return c;
}

int launch_s_client(ServerRun& run, const std::vector<std::string>& args) {
  REQUIRE(run.listener.fd >= 0);
  std::vector<std::string> argv = {"openssl", "s_client"};
  add_version_flag(argv, args);
  argv.insert(argv.end(), {"-connect", "127.0.0.1:" + std::to_string(run.listener.port),
                           "-CAfile", engine_vector_path("ca.pem"), "-verify_return_error",
                           "-verify_hostname", "localhost"});
  append_args(argv, args);
  run.client = std::make_unique<ChildProcess>(argv);
  REQUIRE(run.client->started());
  int fd = run.listener.accept_one(kWait);
  if (fd < 0) FAIL("s_client did not connect:\n" << run.client->output());
  return fd;
}

void accept(ServerRun& run, const std::vector<std::string>& args, ServerConfig config,
            ConnectionOptions options) {
  int fd = launch_s_client(run, args);
  auto c = Connection::server(std::move(config), default_provider(), std::move(options));
  REQUIRE(c.ok());
  run.conn.emplace(std::move(*c));
  run.pump = std::make_unique<SocketPump>(*run.conn, fd);
  Status s = run.pump->handshake();
  if (!s.ok()) FAIL("handshake: " << s.error().message() << "\ns_client said:\n" << run.client->output());
  CHECK(run.client->wait_for_output("Verify return code: 0 (ok)", kWait));
}

void exchange(ServerRun& run, const std::string& tag) {
  std::string theirs = "hello from openssl" + tag + "\n";
  REQUIRE(run.client->write_stdin(theirs));
  Status s = run.pump->read_until(theirs);
  if (!s.ok()) FAIL("read: " << s.error().message() << "\ns_client said:\n" << run.client->output());
  std::string ours = "hello from tlsock" + tag + "\n";
  REQUIRE(run.pump->write(ours).ok());
  CHECK(run.client->wait_for_output(ours, kWait));
}

}  // namespace tlsock::interop
