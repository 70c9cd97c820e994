// The `tlsock` command (src/cli) as a user runs it: `tlsock server` and `tlsock client` against
// each other and against openssl s_server / s_client, over 127.0.0.1 with ports from bind(0)
// (the server prints "ACCEPT HOST:PORT"). Checks the summary line, the echoed data, exit
// statuses, --trace's decoded messages, --www / --WWW, and that a failed verification exits
// non-zero with its reason while the server carries on, and that the server serves clients
// concurrently: a hostile or silent client delays no one.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "openssl_peer.hpp"
#include "tlsock/ssl_socket.hpp"
#include "unit/engine/engine_test_support.hpp"

namespace tlsock::interop {
namespace {

using namespace std::chrono_literals;
using test::engine_vector_path;

std::string tlsock_binary() { return TLSOCK_BINARY_DIR "/tlsock"; }

std::vector<std::string> server_identity() {
  return {"--cert", engine_vector_path("server-p256.pem"), "--key",
          engine_vector_path("server-p256.key.pem")};
}

// A `tlsock server` child, started with `args`, and the port it listens on.
struct TlsockServer {
  explicit TlsockServer(std::vector<std::string> args)
      : process([&] {
          std::vector<std::string> argv = {tlsock_binary(), "server", "--accept", "127.0.0.1:0"};
          argv.insert(argv.end(), args.begin(), args.end());
          return argv;
        }()) {
    REQUIRE(process.wait_for_output("ACCEPT 127.0.0.1:", 10s));
    std::string out = process.output();
    size_t at = out.find("ACCEPT 127.0.0.1:") + std::string("ACCEPT 127.0.0.1:").size();
    port = std::stoi(out.substr(at));
  }
  ChildProcess process;
  int port = 0;
};

// Runs `tlsock client` to completion with `input` on stdin; its exit status and output.
struct ClientResult {
  int status = -1;
  std::string output;
};
ClientResult run_client(int port, std::vector<std::string> args, std::string_view input) {
  std::vector<std::string> argv = {tlsock_binary(), "client",
                                   "127.0.0.1:" + std::to_string(port)};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess client(argv);
  REQUIRE(client.started());
  client.write_stdin(input);
  client.close_stdin();
  REQUIRE(client.wait_exit(15s));
  return {client.exit_status(), client.output()};
}

std::vector<std::string> trusting_ca(std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"--cafile", engine_vector_path("ca.pem"), "--servername",
                                   "localhost"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

// The summary line of `output` (the first one).
std::string summary_of(const std::string& output) {
  size_t at = output.find("tlsock: version=");
  if (at == std::string::npos) return "";
  return output.substr(at, output.find('\n', at) - at);
}

TEST_CASE("cli: tlsock client <-> tlsock server over TLS 1.3 and TLS 1.2, echo and summary") {
  REQUIRE_MESSAGE(std::filesystem::exists(tlsock_binary()), "build the tlsock_cli target");
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--echo", "--alpn", "http/1.1", "--max-conns", "2"});
  TlsockServer server(args);

  ClientResult r13 = run_client(server.port, trusting_ca({"--tls1_3"}), "hello over 1.3\n");
  CAPTURE(r13.output);
  CHECK(r13.status == 0);
  CHECK(contains(r13.output, "hello over 1.3\n"));  // echoed back to stdout
  CHECK(summary_of(r13.output) ==
        "tlsock: version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 group=x25519 "
        "sigalg=ecdsa_secp256r1_sha256 alpn=- resumed=no verify=ok");
  CHECK(contains(r13.output, "subject=O=tlsock tests, CN=server-p256\n"));
  CHECK(contains(r13.output, "issuer=O=tlsock tests, CN=tlsock engine test CA\n"));

  ClientResult r12 = run_client(
      server.port,
      trusting_ca({"--tls1_2", "--alpn", "h2,http/1.1", "--groups", "P-256", "--ciphers",
                   "ECDHE-ECDSA-CHACHA20-POLY1305"}),
      "hello over 1.2\n");
  CAPTURE(r12.output);
  CHECK(r12.status == 0);
  CHECK(contains(r12.output, "hello over 1.2\n"));
  CHECK(summary_of(r12.output) ==
        "tlsock: version=TLSv1.2 cipher=ECDHE-ECDSA-CHACHA20-POLY1305 group=secp256r1 "
        "sigalg=ecdsa_secp256r1_sha256 alpn=http/1.1 resumed=no verify=ok");

  // --max-conns 2: the server is done and says what it saw of each client.
  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);
  std::string log = server.process.output();
  CAPTURE(log);
  CHECK(contains(log, "tlsock: version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 group=x25519 "
                      "sigalg=- alpn=- resumed=no verify=-"));
  CHECK(contains(log, "tlsock: version=TLSv1.2 cipher=ECDHE-ECDSA-CHACHA20-POLY1305 "
                      "group=secp256r1 sigalg=- alpn=http/1.1"));
}

TEST_CASE("cli: --sess-out then --sess-in resumes, over TLS 1.3 and TLS 1.2") {
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--echo", "--max-conns", "4"});
  TlsockServer server(args);
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("tlsock-cli-sess-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* version : {"--tls1_3", "--tls1_2"}) {
    CAPTURE(version);
    std::string file = (dir / (std::string(version + 2) + ".pem")).string();
    ClientResult first = run_client(server.port, trusting_ca({version, "--sess-out", file}), "1\n");
    CAPTURE(first.output);
    CHECK(first.status == 0);
    CHECK(contains(summary_of(first.output), " resumed=no "));
    // The file holds the resumption secret: its owner alone may read it.
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    ClientResult again = run_client(server.port, trusting_ca({version, "--sess-in", file}), "2\n");
    CAPTURE(again.output);
    CHECK(again.status == 0);
    CHECK(contains(again.output, "2\n"));
    CHECK(contains(summary_of(again.output), " resumed=yes "));
  }
  std::filesystem::remove_all(dir);
  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);
}

TEST_CASE("cli: a failed verification exits non-zero with the reason; the server carries on") {
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--max-conns", "2"});
  TlsockServer server(args);

  ClientResult bad = run_client(
      server.port, {"--cafile", engine_vector_path("other-ca.pem"), "--servername", "localhost"},
      "");
  CAPTURE(bad.output);
  CHECK(bad.status == 1);
  CHECK(contains(bad.output, "tlsock: error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                             "verify failed"));
  CHECK(summary_of(bad.output).empty());

  ClientResult wrong_name = run_client(
      server.port, {"--cafile", engine_vector_path("ca.pem"), "--servername", "other.test"}, "");
  CAPTURE(wrong_name.output);
  CHECK(wrong_name.status == 1);
  CHECK(contains(wrong_name.output, "Hostname mismatch"));

  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);  // both failures were reported, not fatal
  CHECK(contains(server.process.output(), "tlsock: connection from 127.0.0.1:"));

  // A usage error is status 2.
  ClientResult usage = run_client(server.port, {"--no-such-option"}, "");
  CHECK(usage.status == 2);
  // --help lists the options and succeeds.
  ClientResult help = run_client(server.port, {"--help"}, "");
  CHECK(help.status == 0);
  CHECK(contains(help.output, "--ciphersuites LIST"));
}

TEST_CASE("cli: tlsock client --trace against openssl s_server -www") {
  require_openssl();
  std::vector<std::string> argv = {"openssl", "s_server", "-accept", "127.0.0.1:0",
                                   "-naccept", "1", "-www", "-alpn", "http/1.1"};
  std::vector<std::string> id =
      identity_args("-cert", "-key", "server-p256");
  argv.insert(argv.end(), id.begin(), id.end());
  ChildProcess s_server(argv);
  REQUIRE(s_server.wait_for_output("ACCEPT 127.0.0.1:", 10s));
  std::string out = s_server.output();
  int port = std::stoi(out.substr(out.find("ACCEPT 127.0.0.1:") + 17));

  ClientResult r = run_client(
      port,
      trusting_ca({"--trace", "--alpn", "http/1.1", "--ciphersuites", "TLS_AES_128_GCM_SHA256"}),
      "GET / HTTP/1.0\r\n\r\n");
  CAPTURE(r.output);
  CHECK(r.status == 0);
  CHECK(contains(r.output, "HTTP/1.0 200 ok"));
  CHECK(summary_of(r.output) ==
        "tlsock: version=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 group=x25519 "
        "sigalg=ecdsa_secp256r1_sha256 alpn=http/1.1 resumed=no verify=ok");
  // --trace: the messages both ways, with their extensions by name and value.
  CHECK(contains(r.output, ">>> ClientHello (client_hello, 1), "));
  CHECK(contains(r.output, "<<< ServerHello (server_hello, 2), "));
  CHECK(contains(r.output, "extension server_name (0), 14 bytes: localhost"));
  CHECK(contains(r.output, "extension application_layer_protocol_negotiation (16), "));
  CHECK(contains(r.output, "extension supported_versions (43), 2 bytes: tls1_3"));
  CHECK(contains(r.output, "extension key_share (51), 36 bytes: x25519 (32 bytes)"));
  CHECK(contains(r.output, "<<< EncryptedExtensions (encrypted_extensions, 8)"));
  CHECK(contains(r.output, "<<< Certificate (certificate, 11)"));
  CHECK(contains(r.output, "subject O=tlsock tests, CN=server-p256"));
  CHECK(contains(r.output, "<<< CertificateVerify (certificate_verify, 15)"));
  CHECK(contains(r.output, ">>> Finished (finished, 20), 32 bytes"));
  CHECK(contains(r.output, ">>> Alert warning close_notify (0): "));
  CHECK_FALSE(contains(r.output, "malformed"));
}

TEST_CASE("cli: openssl s_client -> tlsock server --echo --trace") {
  require_openssl();
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--echo", "--trace", "--max-conns", "1"});
  TlsockServer server(args);
  ChildProcess s_client({"openssl", "s_client", "-connect",
                         "127.0.0.1:" + std::to_string(server.port), "-servername", "localhost",
                         "-CAfile", engine_vector_path("ca.pem"), "-verify_return_error",
                         "-tls1_2", "-brief"});
  s_client.write_stdin("echo-check-4711\n");
  CHECK(s_client.wait_for_output("echo-check-4711", 10s));
  s_client.close_stdin();
  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);
  std::string log = server.process.output();
  CAPTURE(log);
  CHECK(contains(log, "tlsock: version=TLSv1.2 "));
  CHECK(contains(log, "<<< ClientHello (client_hello, 1)"));
  CHECK(contains(log, ">>> ServerHello (server_hello, 2)"));
  CHECK(contains(log, ">>> ServerKeyExchange (server_key_exchange, 12)"));
  CHECK(contains(log, "<<< ClientKeyExchange (client_key_exchange, 16)"));
  CHECK(contains(log, "<<< ChangeCipherSpec"));
  CHECK(contains(log, "extension extended_master_secret (23)"));
  CHECK_FALSE(contains(log, "malformed"));
}

TEST_CASE("cli: tlsock server --www describes the connection; --WWW serves files, not ../") {
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--www", "--max-conns", "1"});
  TlsockServer www(args);
  ClientResult page = run_client(www.port, trusting_ca(), "GET / HTTP/1.0\r\n\r\n");
  CAPTURE(page.output);
  CHECK(page.status == 0);
  CHECK(contains(page.output, "HTTP/1.0 200 OK"));
  CHECK(contains(page.output, "Protocol              TLSv1.3"));
  CHECK(contains(page.output, "Key exchange group    x25519"));

  // --WWW from a directory of its own (the shell changes to it first).
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("tlsock-cli-www-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "hello.txt") << "served by tlsock\n";
  std::string command = "cd '" + dir.string() + "' && exec '" + tlsock_binary() +
                        "' server --accept 127.0.0.1:0 --WWW --max-conns 3";
  for (const std::string& a : server_identity()) command += " '" + a + "'";
  ChildProcess files({"sh", "-c", command});
  REQUIRE(files.wait_for_output("ACCEPT 127.0.0.1:", 10s));
  std::string out = files.output();
  int port = std::stoi(out.substr(out.find("ACCEPT 127.0.0.1:") + 17));

  ClientResult ok = run_client(port, trusting_ca(), "GET /sub/hello.txt HTTP/1.0\r\n\r\n");
  CHECK(contains(ok.output, "HTTP/1.0 200 OK"));
  CHECK(contains(ok.output, "served by tlsock\n"));
  ClientResult escape = run_client(port, trusting_ca(), "GET /../../etc/passwd HTTP/1.0\r\n\r\n");
  CHECK(contains(escape.output, "HTTP/1.0 403 Forbidden"));
  CHECK_FALSE(contains(escape.output, "root:"));
  ClientResult missing = run_client(port, trusting_ca(), "GET /nothing.txt HTTP/1.0\r\n\r\n");
  CHECK(contains(missing.output, "HTTP/1.0 404 Not Found"));
  REQUIRE(files.wait_exit(10s));
  CHECK(files.exit_status() == 0);
  std::filesystem::remove_all(dir);
}

// The server serves clients concurrently, and a hostile or silent one delays no one.

// A plain TCP connection to the server that has sent `bytes` and stays open.
Socket raw_client(int port, const std::string& bytes) {
  Socket s(AF_INET, SOCK_STREAM);
  s.settimeout(10.0);
  s.connect(Address{"127.0.0.1", port});
  if (!bytes.empty()) s.sendall(bytes);
  return s;
}

// A real client through the API: handshake and one echo. Returns the seconds it took.
double timed_echo(int port) {
  auto start = Clock::now();
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cafile = engine_vector_path("ca.pem")});
  Socket plain(AF_INET, SOCK_STREAM);
  plain.settimeout(5.0);
  plain.connect(Address{"127.0.0.1", port});
  SSLSocket tls = ctx.wrap_socket(std::move(plain), {.server_hostname = "localhost"});
  tls.sendall("ping\n");
  std::string echoed;
  while (echoed.size() < 5) {
    std::string more = tls.recv(16);
    if (more.empty()) break;
    echoed += more;
  }
  CHECK(echoed == "ping\n");
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The fastest of three timed_echo() runs: what the client needs, without the machine's noise.
double best_echo(int port) {
  double best = timed_echo(port);
  for (int i = 0; i < 2; ++i) best = std::min(best, timed_echo(port));
  return best;
}

TEST_CASE("cli: tlsock server --echo: a plaintext close_notify and a byte fail that client only") {
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--echo", "--max-conns", "2"});
  TlsockServer server(args);
  // The server used to spin on the byte after the close_notify.
  Socket hostile = raw_client(server.port, std::string("\x15\x03\x01\x00\x02\x01\x00x", 8));
  ClientResult next = run_client(server.port, trusting_ca(), "served next\n");
  CAPTURE(next.output);
  CHECK(next.status == 0);
  CHECK(contains(next.output, "served next\n"));
  // Both connections ended (the hostile one is still open on our side): the server exits.
  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);
  CHECK(contains(server.process.output(), "tlsock: connection from 127.0.0.1:"));
}

TEST_CASE("cli: tlsock server: a silent client does not delay another one") {
  std::vector<std::string> args = server_identity();
  args.push_back("--echo");
  TlsockServer server(args);
  double alone = best_echo(server.port);
  Socket silent = raw_client(server.port, "");
  double beside_silent = best_echo(server.port);
  CAPTURE(alone);
  CAPTURE(beside_silent);
  CHECK(beside_silent < alone + 0.100);
}

TEST_CASE("cli: tlsock server --handshake-timeout drops a silent client; --max-clients 1 waits") {
  std::vector<std::string> args = server_identity();
  args.insert(args.end(), {"--echo", "--handshake-timeout", "1", "--max-clients", "1",
                           "--max-conns", "2"});
  TlsockServer server(args);
  auto start = Clock::now();
  Socket silent = raw_client(server.port, "");
  // The one slot is the silent client's until its handshake times out: the next client waits.
  std::future<double> next = std::async(std::launch::async, [&] { return timed_echo(server.port); });
  std::string got = "unset";
  try {
    got = silent.recv(100);  // the server's close
  } catch (const std::system_error& e) {
    got = e.what();  // or its reset
  }
  double dropped_after = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(got.empty());
  CHECK(dropped_after > 0.9);
  CHECK(dropped_after < 5.0);
  CHECK(next.get() > 0.5);
  REQUIRE(server.process.wait_exit(10s));
  CHECK(server.process.exit_status() == 0);
  CHECK(contains(server.process.output(), "The handshake operation timed out"));
}

}  // namespace
}  // namespace tlsock::interop
