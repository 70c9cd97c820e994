// Interop with OpenSSL over loopback: tlsock's client against `openssl s_server -tls1_3`, and
// `openssl s_client -tls1_3` against tlsock's server, across suites, groups and certificate
// types, plus HRR, resumption, client authentication, post-handshake authentication,
// KeyUpdate, ALPN and SNI; then TLS 1.2 (`-tls1_2` among a test's OpenSSL arguments replaces
// -tls1_3; -min_protocol gives OpenSSL a 1.2-1.3 range instead): the six 1.2 suites both ways,
// version negotiation, resumption by session ID and ticket, client authentication, ALPN, NPN,
// and a refused renegotiation. OpenSSL runs as a child process (killed when each
// test ends); ports come from bind(0); every wait is bounded.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "child_process.hpp"
#include "crypto/provider.hpp"
#include "engine/connection.hpp"
#include "socket_pump.hpp"
#include "unit/engine/engine_test_support.hpp"

namespace tlsock::interop {
namespace {

using namespace std::chrono_literals;
using test::engine_vector_path;
using test::load_identity;
using test::policy_trusting;

constexpr auto kWait = 10s;

bool have_openssl() {
  static const bool found = [] {
    ChildProcess p({"openssl", "version"});
    return p.started() && p.wait_for_output("OpenSSL", kWait);
  }();
  return found;
}

const char* openssl_suite(CipherSuite s) {
  switch (s) {
    case CipherSuite::TLS_AES_128_GCM_SHA256: return "TLS_AES_128_GCM_SHA256";
    case CipherSuite::TLS_AES_256_GCM_SHA384: return "TLS_AES_256_GCM_SHA384";
    default: return "TLS_CHACHA20_POLY1305_SHA256";
  }
}
const char* openssl_group(NamedGroup g) {
  switch (g) {
    case NamedGroup::x25519: return "X25519";
    case NamedGroup::secp256r1: return "P-256";
    default: return "P-384";
  }
}

struct CertCase {
  const char* identity;
  SignatureScheme scheme;
};
const CertCase kCerts[] = {{"server-p256", SignatureScheme::ecdsa_secp256r1_sha256},
                           {"server-p384", SignatureScheme::ecdsa_secp384r1_sha384},
                           {"server-rsa2048", SignatureScheme::rsa_pss_rsae_sha256},
                           {"server-ed25519", SignatureScheme::ed25519}};
const CipherSuite kSuites[] = {CipherSuite::TLS_AES_128_GCM_SHA256, CipherSuite::TLS_AES_256_GCM_SHA384,
                               CipherSuite::TLS_CHACHA20_POLY1305_SHA256};
const NamedGroup kGroups[] = {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};

std::vector<std::string> identity_args(const std::string& flag_cert, const std::string& flag_key,
                                       const std::string& identity) {
  return {flag_cert, engine_vector_path(identity + ".pem"), flag_key,
          engine_vector_path(identity + ".key.pem")};
}

size_t count_of(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Polls the child's output until `needle` occurs at least `times` times.
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

bool wait_for_count(const ChildProcess& child, std::string_view needle, size_t times) {
  auto deadline = Clock::now() + kWait;
  while (count_of(child.output(), needle) < times) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// An s_server / s_client stdin command ("K\n", "c\n"...). OpenSSL reads stdin in one read(),
// so the command is only recognised alone: wait until the child acknowledges it (`ack`
// printed once more) before writing anything else.
void command(ChildProcess& child, const std::string& line, std::string_view ack) {
  size_t before = count_of(child.output(), ack);
  REQUIRE(child.write_stdin(line));
  CHECK(wait_for_count(child, ack, before + 1));
}

// --- tlsock client vs openssl s_server ---------------------------------------------------------

struct SServer {
  std::unique_ptr<ChildProcess> child;
  uint16_t port = 0;
};

// s_server on a free port; retried on another port when the one picked was taken meanwhile.
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

struct ClientRun {
  SServer server;
  std::optional<Connection> conn;
  std::unique_ptr<SocketPump> pump;
};

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

// Connects `config` to a fresh s_server and completes the handshake.
void connect(ClientRun& run, const std::vector<std::string>& server_args, ClientConfig config,
             ConnectionOptions options = client_options()) {
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

// Data both ways: ours reaches s_server's stdout, s_server's stdin reaches us.
void exchange(ClientRun& run, const std::string& tag = "") {
  std::string ours = "hello from tlsock" + tag + "\n";
  REQUIRE(run.pump->write(ours).ok());
  CHECK(run.server.child->wait_for_output(ours, kWait));
  std::string theirs = "hello from openssl" + tag + "\n";
  REQUIRE(run.server.child->write_stdin(theirs));
  Status s = run.pump->read_until(theirs);
  if (!s.ok()) FAIL("read: " << s.error().message() << "\ns_server said:\n" << run.server.child->output());
}

TEST_CASE("interop client: every suite x group x certificate against s_server") {
  if (!have_openssl()) return;
  for (CipherSuite suite : kSuites) {
    for (NamedGroup group : kGroups) {
      for (const CertCase& cert : kCerts) {
        CAPTURE(name(suite));
        CAPTURE(name(group));
        CAPTURE(cert.identity);
        ClientRun run;
        std::vector<std::string> args = identity_args("-cert", "-key", cert.identity);
        args.insert(args.end(), {"-ciphersuites", openssl_suite(suite), "-groups", openssl_group(group)});
        ClientConfig config = base_client_config();
        config.groups = {group};
        config.key_share_groups = {group};
        connect(run, args, config);
        CHECK(run.conn->cipher_suite() == suite);
        CHECK(run.conn->group() == group);
        CHECK(run.conn->peer_signature_scheme() == cert.scheme);
        REQUIRE(run.conn->verify_outcome() != nullptr);
        CHECK(run.conn->verify_outcome()->ok());
        exchange(run);
        CHECK(run.pump->close().ok());
      }
    }
  }
}

TEST_CASE("interop client: HelloRetryRequest (s_server wants P-384, we share x25519)") {
  if (!have_openssl()) return;
  ClientRun run;
  ClientConfig config = base_client_config();  // groups x25519, P-256, P-384; share x25519
  connect(run, {"-groups", "P-384"}, config);
  CHECK(run.conn->group() == NamedGroup::secp384r1);
  exchange(run);
}

TEST_CASE("interop client: resumption with s_server's ticket") {
  if (!have_openssl()) return;
  ClientRun first;
  first.server = start_s_server({"-naccept", "2"});
  connect(first, {}, base_client_config());
  exchange(first);  // reading also takes in the NewSessionTickets
  REQUIRE(first.conn->latest_session());
  ClientSession13 session = *first.conn->latest_session();
  CHECK(first.pump->close().ok());

  ClientRun second;
  second.server.port = first.server.port;
  second.server.child = std::move(first.server.child);
  ConnectionOptions options = client_options();
  options.session = session;
  connect(second, {}, base_client_config(), options);
  CHECK(second.conn->resumed());
  exchange(second);
}

TEST_CASE("interop client: client authentication required by s_server (1.3, then 1.2)") {
  if (!have_openssl()) return;
  for (bool tls12 : {false, true}) {
    CAPTURE(tls12);
    ClientRun run;
    ClientConfig config = base_client_config();
    config.certificate = load_identity("client-p256");
    std::vector<std::string> args = {"-Verify", "1", "-CAfile", engine_vector_path("ca.pem"),
                                     "-verify_return_error"};
    ConnectionOptions options = client_options();
    if (tls12) {
      args.push_back("-tls1_2");
      options.min_version = ProtocolVersion::tls1_2;
    }
    connect(run, args, config, std::move(options));
    CHECK(run.conn->version() == (tls12 ? ProtocolVersion::tls1_2 : ProtocolVersion::tls1_3));
    exchange(run);
    CHECK(run.server.child->output().find("client-p256") != std::string::npos);
  }
}

TEST_CASE("interop client: post-handshake authentication (s_server 'c')") {
  if (!have_openssl()) return;
  ClientRun run;
  ClientConfig config = base_client_config();
  config.post_handshake_auth = true;
  config.certificate = load_identity("client-p256");
  connect(run, {"-verify", "1", "-CAfile", engine_vector_path("ca.pem"), "-verify_return_error"}, config);
  exchange(run, " before");
  const std::string client_cert = "depth=0 O = tlsock tests, CN = client-p256";
  CHECK(count_of(run.server.child->output(), client_cert) == 1);  // in the handshake
  command(*run.server.child, "c\n", "SSL_do_handshake -> 1");
  // The CertificateRequest arrives; the pump answers it while reading; s_server verifies the
  // certificate again when it reads the answer.
  exchange(run, " after");
  CHECK(wait_for_count(*run.server.child, client_cert, 2));
  CHECK(!run.conn->failed());
  CHECK(run.server.child->output().find("Failed to initiate request") == std::string::npos);
}

TEST_CASE("interop client: KeyUpdate both ways") {
  if (!have_openssl()) return;
  ClientRun run;
  connect(run, {}, base_client_config());
  exchange(run, " 0");
  REQUIRE(run.conn->key_update(true).ok());  // we update and ask s_server to
  exchange(run, " 1");
  command(*run.server.child, "K\n", "SSL_do_handshake -> 1");  // s_server updates, asks us to
  exchange(run, " 2");
  command(*run.server.child, "k\n", "SSL_do_handshake -> 1");
  exchange(run, " 3");
}

TEST_CASE("interop client: ALPN (1.3, then 1.2)") {
  if (!have_openssl()) return;
  for (bool tls12 : {false, true}) {
    CAPTURE(tls12);
    ClientRun run;
    ClientConfig config = base_client_config();
    config.alpn = {"h2", "http/1.1"};
    std::vector<std::string> args = {"-alpn", "http/1.1"};
    ConnectionOptions options = client_options();
    if (tls12) {
      args.push_back("-tls1_2");
      options.min_version = ProtocolVersion::tls1_2;
    }
    connect(run, args, config, std::move(options));
    CHECK(run.conn->alpn() == "http/1.1");
    exchange(run);
  }
}

TEST_CASE("interop client 1.2: NPN against s_server -nextprotoneg") {
  if (!have_openssl()) return;
  ClientRun run;
  ConnectionOptions options = client_options();
  options.min_version = ProtocolVersion::tls1_2;
  options.client12.npn = {"spdy/3", "http/1.1"};
  connect(run, {"-tls1_2", "-nextprotoneg", "http/1.1"}, base_client_config(),
          std::move(options));
  CHECK(run.conn->npn() == "http/1.1");
  exchange(run);
}

TEST_CASE("interop client: SNI selects s_server's second identity") {
  if (!have_openssl()) return;
  ClientRun run;
  ClientConfig config = base_client_config();
  config.server_name = "example.test";
  ConnectionOptions options = client_options();
  options.verify->hostname = "example.test";
  std::vector<std::string> args = {"-servername", "example.test"};
  for (auto& a : identity_args("-cert2", "-key2", "server-ed25519")) args.push_back(a);
  connect(run, args, config, options);
  CHECK(run.conn->peer_signature_scheme() == SignatureScheme::ed25519);  // the SNI identity
  exchange(run);
}

TEST_CASE("interop client: s_server's certificate from an unknown CA is refused") {
  if (!have_openssl()) return;
  SServer server = start_s_server({});
  int fd = connect_loopback(server.port);
  REQUIRE(fd >= 0);
  ConnectionOptions options = client_options();
  options.verify = policy_trusting("other-ca.pem", std::string("localhost"));
  auto c = Connection::client(base_client_config(), default_provider(), options);
  REQUIRE(c.ok());
  SocketPump pump(*c, fd);
  Status s = pump.handshake();
  REQUIRE(!s.ok());
  CHECK(s.error().alert == AlertDescription::unknown_ca);
  REQUIRE(c->verify_outcome() != nullptr);
  CHECK(c->verify_outcome()->verify_code == x509::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  CHECK(pump.flush().ok());  // our alert goes out
  CHECK(server.child->wait_for_output("alert unknown ca", kWait));
}

// --- openssl s_client vs tlsock server ---------------------------------------------------------

struct ServerRun {
  Listener listener;
  std::unique_ptr<ChildProcess> client;
  std::optional<Connection> conn;
  std::unique_ptr<SocketPump> pump;
};

ServerConfig server_config(const std::string& identity = "server-p256") {
  ServerConfig c;
  auto id = load_identity(identity);
  REQUIRE(id);
  c.certificates.push_back(std::move(*id));
  return c;
}

// Starts s_client with `args` against a fresh tlsock server and completes the handshake.
void accept(ServerRun& run, const std::vector<std::string>& args, ServerConfig config,
            ConnectionOptions options = {}) {
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
  auto c = Connection::server(std::move(config), default_provider(), std::move(options));
  REQUIRE(c.ok());
  run.conn.emplace(std::move(*c));
  run.pump = std::make_unique<SocketPump>(*run.conn, fd);
  Status s = run.pump->handshake();
  if (!s.ok()) FAIL("handshake: " << s.error().message() << "\ns_client said:\n" << run.client->output());
  CHECK(run.client->wait_for_output("Verify return code: 0 (ok)", kWait));
}

void exchange(ServerRun& run, const std::string& tag = "") {
  std::string theirs = "hello from openssl" + tag + "\n";
  REQUIRE(run.client->write_stdin(theirs));
  Status s = run.pump->read_until(theirs);
  if (!s.ok()) FAIL("read: " << s.error().message() << "\ns_client said:\n" << run.client->output());
  std::string ours = "hello from tlsock" + tag + "\n";
  REQUIRE(run.pump->write(ours).ok());
  CHECK(run.client->wait_for_output(ours, kWait));
}

TEST_CASE("interop server: s_client over every suite x group x certificate") {
  if (!have_openssl()) return;
  for (CipherSuite suite : kSuites) {
    for (NamedGroup group : kGroups) {
      for (const CertCase& cert : kCerts) {
        CAPTURE(name(suite));
        CAPTURE(name(group));
        CAPTURE(cert.identity);
        ServerRun run;
        accept(run, {"-ciphersuites", openssl_suite(suite), "-groups", openssl_group(group)},
               server_config(cert.identity));
        CHECK(run.conn->cipher_suite() == suite);
        CHECK(run.conn->group() == group);
        exchange(run);
        CHECK(run.pump->close().ok());
      }
    }
  }
}

TEST_CASE("interop server: HelloRetryRequest (we want P-384, s_client shares x25519)") {
  if (!have_openssl()) return;
  ServerRun run;
  ServerConfig config = server_config();
  config.groups = {NamedGroup::secp384r1};
  accept(run, {"-groups", "X25519:P-384"}, config);
  CHECK(run.conn->group() == NamedGroup::secp384r1);
  exchange(run);
}

TEST_CASE("interop server: resumption (s_client -sess_out / -sess_in)") {
  if (!have_openssl()) return;
  TicketSealer sealer(system_rng());
  std::string sess = std::filesystem::temp_directory_path() /
                     ("tlsock-sess-" + std::to_string(::getpid()) + ".pem");
  {
    ServerRun run;
    ServerConfig config = server_config();
    config.tickets = &sealer;
    accept(run, {"-sess_out", sess}, config);
    CHECK(!run.conn->resumed());
    exchange(run);
    // s_client writes the session file when a ticket arrives.
    for (int i = 0; i < 200 && !std::filesystem::exists(sess); ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(std::filesystem::exists(sess));
  }
  ServerRun run;
  ServerConfig config = server_config();
  config.tickets = &sealer;
  accept(run, {"-sess_in", sess}, config);
  CHECK(run.conn->resumed());
  CHECK(run.client->wait_for_output("Reused, TLSv1.3", kWait));
  exchange(run);
  std::filesystem::remove(sess);
}

TEST_CASE("interop server: client authentication (s_client -cert; 1.3, then 1.2)") {
  if (!have_openssl()) return;
  for (bool tls12 : {false, true}) {
    CAPTURE(tls12);
    ServerRun run;
    ServerConfig config = server_config();
    config.client_auth = ClientAuth::required;
    ConnectionOptions options;
    options.verify = policy_trusting("ca.pem", std::nullopt);
    std::vector<std::string> args = identity_args("-cert", "-key", "client-p256");
    if (tls12) {
      args.push_back("-tls1_2");
      options.min_version = ProtocolVersion::tls1_2;
    }
    accept(run, args, config, options);
    CHECK(run.conn->version() == (tls12 ? ProtocolVersion::tls1_2 : ProtocolVersion::tls1_3));
    CHECK(run.conn->peer_authenticated());
    REQUIRE(run.conn->verify_outcome() != nullptr);
    CHECK(run.conn->verify_outcome()->ok());
    // s_client sends the leaf and, as OpenSSL builds chains from its CAfile, the CA.
    REQUIRE(!run.conn->peer_chain().empty());
    CHECK(run.conn->peer_chain()[0] == load_identity("client-p256")->chain[0]);
    exchange(run);
  }
}

TEST_CASE("interop server: post-handshake authentication (s_client -enable_pha)") {
  if (!have_openssl()) return;
  ServerRun run;
  ConnectionOptions options;
  options.verify = policy_trusting("ca.pem", std::nullopt);
  std::vector<std::string> args = identity_args("-cert", "-key", "client-p256");
  args.push_back("-enable_pha");
  accept(run, args, server_config(), options);
  exchange(run, " before");
  CHECK(run.conn->peer_chain().empty());
  REQUIRE(run.conn->request_client_certificate().ok());
  REQUIRE(run.pump->flush().ok());
  // s_client answers when it reads, which it does when data arrives: send some.
  exchange(run, " after");
  for (int i = 0; i < 100 && run.conn->post_handshake_auth_pending(); ++i) {
    REQUIRE(run.pump->read_once(50ms).ok());
  }
  CHECK(!run.conn->post_handshake_auth_pending());
  REQUIRE(!run.conn->peer_chain().empty());
  CHECK(run.conn->peer_chain()[0] == load_identity("client-p256")->chain[0]);
  REQUIRE(run.conn->verify_outcome() != nullptr);
  CHECK(run.conn->verify_outcome()->ok());
}

TEST_CASE("interop server: KeyUpdate both ways") {
  if (!have_openssl()) return;
  ServerRun run;
  accept(run, {}, server_config());
  exchange(run, " 0");
  REQUIRE(run.conn->key_update(true).ok());
  exchange(run, " 1");
  command(*run.client, "K\n", "KEYUPDATE");
  exchange(run, " 2");
  command(*run.client, "k\n", "KEYUPDATE");
  exchange(run, " 3");
}

TEST_CASE("interop server: ALPN and SNI") {
  if (!have_openssl()) return;
  ServerRun run;
  ServerConfig config = server_config();
  config.alpn = {"http/1.1", "h2"};
  accept(run, {"-alpn", "h2,http/1.1", "-servername", "example.test"}, config);
  CHECK(run.conn->alpn() == "http/1.1");
  CHECK(run.conn->server_name() == "example.test");
  CHECK(run.client->wait_for_output("ALPN protocol: http/1.1", kWait));
  exchange(run);
}

TEST_CASE("interop server: s_client closes with close_notify") {
  if (!have_openssl()) return;
  ServerRun run;
  accept(run, {}, server_config());
  exchange(run);
  REQUIRE(run.client->write_stdin("Q\n"));
  for (int i = 0; i < 200 && !run.conn->peer_closed(); ++i) {
    Status s = run.pump->read_once(50ms);
    if (!s.ok()) break;
  }
  CHECK(run.conn->peer_closed());
  CHECK(!run.conn->failed());
}

}  // namespace
}  // namespace tlsock::interop

// --- TLS 1.2 -----------------------------------------------------------------------------------
namespace tlsock::interop {
namespace {

struct Suite12Case {
  CipherSuite suite;
  const char* openssl_name;
  const char* identity;
};
const Suite12Case kSuites12[] = {
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256",
     "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE-ECDSA-AES256-GCM-SHA384",
     "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-ECDSA-CHACHA20-POLY1305",
     "server-p256"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256",
     "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE-RSA-AES256-GCM-SHA384",
     "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-RSA-CHACHA20-POLY1305",
     "server-rsa2048"},
};

// Our endpoint offers 1.2 and 1.3; OpenSSL speaks only 1.2, so 1.2 is negotiated.
ConnectionOptions with_tls12(ConnectionOptions o) {
  o.min_version = ProtocolVersion::tls1_2;
  o.max_version = ProtocolVersion::tls1_3;
  return o;
}

}  // namespace

TEST_CASE("interop client 1.2: the six suites against s_server -tls1_2") {
  if (!have_openssl()) return;
  for (const Suite12Case& c : kSuites12) {
    for (bool only12 : {false, true}) {
      CAPTURE(std::string(c.openssl_name));
      CAPTURE(only12);
      ClientRun run;
      std::vector<std::string> args = identity_args("-cert", "-key", c.identity);
      args.insert(args.end(), {"-tls1_2", "-cipher", c.openssl_name});
      ConnectionOptions options = with_tls12(client_options());
      if (only12) options.max_version = ProtocolVersion::tls1_2;
      connect(run, args, base_client_config(), std::move(options));
      CHECK(run.conn->version() == ProtocolVersion::tls1_2);
      CHECK(run.conn->cipher_suite() == c.suite);
      REQUIRE(run.conn->verify_outcome() != nullptr);
      CHECK(run.conn->verify_outcome()->ok());
      exchange(run);
      CHECK(run.pump->close().ok());
    }
  }
}

TEST_CASE("interop server 1.2: s_client -tls1_2 over the six suites") {
  if (!have_openssl()) return;
  for (const Suite12Case& c : kSuites12) {
    CAPTURE(std::string(c.openssl_name));
    ServerRun run;
    accept(run, {"-tls1_2", "-cipher", c.openssl_name}, server_config(c.identity),
           with_tls12({}));
    CHECK(run.conn->version() == ProtocolVersion::tls1_2);
    CHECK(run.conn->cipher_suite() == c.suite);
    CHECK(run.client->wait_for_output("Protocol  : TLSv1.2", kWait));
    exchange(run);
    CHECK(run.pump->close().ok());
  }
}

TEST_CASE("interop client 1.2: resumption against s_server -tls1_2, by session ID and ticket") {
  if (!have_openssl()) return;
  for (bool tickets : {false, true}) {
    CAPTURE(tickets);
    std::vector<std::string> args = {"-tls1_2", "-naccept", "2"};
    if (!tickets) args.push_back("-no_ticket");
    ClientRun first;
    first.server = start_s_server(args);
    connect(first, {}, base_client_config(), with_tls12(client_options()));
    CHECK(!first.conn->resumed());
    exchange(first);
    REQUIRE(first.conn->latest_session12());
    ClientSession12 session = *first.conn->latest_session12();
    CHECK(session.ticket.empty() == !tickets);
    CHECK(first.pump->close().ok());

    ClientRun second;
    second.server.port = first.server.port;
    second.server.child = std::move(first.server.child);
    ConnectionOptions options = with_tls12(client_options());
    options.session12 = session;
    connect(second, {}, base_client_config(), options);
    CHECK(second.conn->resumed());
    CHECK(second.conn->version() == ProtocolVersion::tls1_2);
    exchange(second, " again");
    CHECK(second.pump->close().ok());
  }
}

TEST_CASE("interop server 1.2: resumption (s_client -tls1_2 -sess_out / -sess_in)") {
  if (!have_openssl()) return;
  SessionCache12 cache(16, 3600);
  std::string sess = std::filesystem::temp_directory_path() /
                     ("tlsock-sess12-" + std::to_string(::getpid()) + ".pem");
  ConnectionOptions options = with_tls12({});
  options.server12.session_cache = &cache;
  {
    ServerRun run;
    accept(run, {"-tls1_2", "-sess_out", sess}, server_config(), options);
    CHECK(!run.conn->resumed());
    exchange(run);
    for (int i = 0; i < 200 && !std::filesystem::exists(sess); ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(std::filesystem::exists(sess));
  }
  ServerRun run;
  accept(run, {"-tls1_2", "-sess_in", sess}, server_config(), options);
  CHECK(run.conn->resumed());
  CHECK(run.client->wait_for_output("Reused, TLSv1.2", kWait));
  exchange(run);
  std::filesystem::remove(sess);
}

}  // namespace tlsock::interop

namespace tlsock::interop {

// RFC 8446 §4.1.3: a 1.3-capable OpenSSL that negotiates 1.2 writes the downgrade sentinel; a
// 1.2-only tlsock client did not offer 1.3 and accepts it. And the reverse: a 1.3-capable
// s_client against a 1.2-only tlsock server.
TEST_CASE("interop 1.2: version negotiation with a 1.3-capable OpenSSL") {
  if (!have_openssl()) return;
  const std::vector<std::string> both = {"-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.3"};
  SUBCASE("tlsock client 1.2-only vs s_server 1.2-1.3") {
    ClientRun run;
    ConnectionOptions options = client_options();
    options.min_version = options.max_version = ProtocolVersion::tls1_2;
    connect(run, both, base_client_config(), std::move(options));
    CHECK(run.conn->version() == ProtocolVersion::tls1_2);
    exchange(run);
    CHECK(run.pump->close().ok());
  }
  SUBCASE("tlsock client 1.2-1.3 vs s_server 1.2-1.3 picks 1.3") {
    ClientRun run;
    ConnectionOptions options = client_options();
    options.min_version = ProtocolVersion::tls1_2;
    connect(run, both, base_client_config(), std::move(options));
    CHECK(run.conn->version() == ProtocolVersion::tls1_3);
    exchange(run);
    CHECK(run.pump->close().ok());
  }
  SUBCASE("s_client 1.2-1.3 vs tlsock server 1.2-only") {
    ServerRun run;
    ConnectionOptions options;
    options.min_version = options.max_version = ProtocolVersion::tls1_2;
    accept(run, both, server_config(), std::move(options));
    CHECK(run.conn->version() == ProtocolVersion::tls1_2);
    CHECK(run.client->wait_for_output("Protocol  : TLSv1.2", kWait));
    exchange(run);
    CHECK(run.pump->close().ok());
  }
}

}  // namespace tlsock::interop

namespace tlsock::interop {

// RFC 5746 §4.4: our server answers a renegotiating ClientHello (s_client's R command) with a
// no_renegotiation warning and keeps its connection state; what the peer does with the refusal
// is its business (OpenSSL gives up on the connection with a fatal handshake_failure).
TEST_CASE("interop server 1.2: s_client R (renegotiation) is refused with a warning") {
  if (!have_openssl()) return;
  ServerRun run;
  ConnectionOptions options;
  options.min_version = ProtocolVersion::tls1_2;
  accept(run, {"-tls1_2"}, server_config(), std::move(options));
  exchange(run);
  REQUIRE(run.client->write_stdin("R\n"));
  CHECK(run.client->wait_for_output("RENEGOTIATING", kWait));
  // settle() reports the peer's fatal alert, if it sends one, as an error: expected here.
  Status s = run.pump->settle(std::chrono::milliseconds(500));
  // s_client reports our warning ("SSL3 alert read:warning:no renegotiation").
  CHECK(run.client->wait_for_output("no renegotiation", kWait));
  // Our side never failed on its own account: either still up, or ended by the peer's alert.
  if (run.conn->failed()) {
    CHECK(run.conn->error()->kind == ErrorKind::peer_alert);
  }
  (void)s;
}

}  // namespace tlsock::interop
