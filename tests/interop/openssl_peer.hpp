// OpenSSL as the peer of tlsock's engine in the interop tests: `openssl s_server` for our
// client (ClientRun), `openssl s_client` for our server (ServerRun), each a child process on
// loopback, with a SocketPump driving our Connection. Shared by the TLS 1.3 and TLS 1.2 interop
// files. Every wait is bounded (kWait).
//
// Version flags: a test's OpenSSL arguments may contain -tls1_2 (it replaces the default
// -tls1_3) or -min_protocol ... (a version range: no version flag is added).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "child_process.hpp"
#include "engine/connection.hpp"
#include "socket_pump.hpp"
#include "unit/engine/engine_test_support.hpp"

namespace tlsock::interop {

using namespace std::chrono_literals;
// The engine tests' identities (vectors/engine) and verification policy.
using test::engine_vector_path;
using test::load_identity;
using test::policy_trusting;

inline constexpr std::chrono::seconds kWait{10};

// Fail the test, saying how to get it, when the peer program cannot be run: a missing peer is
// a failure, never a silent pass (scripts/install-deps.sh installs both).
void require_openssl();
void require_gnutls();

// {flag_cert, <identity>.pem, flag_key, <identity>.key.pem} from the engine test vectors.
std::vector<std::string> identity_args(const std::string& flag_cert, const std::string& flag_key,
                                       const std::string& identity);

// OpenSSL's name of a group (-groups): X25519, P-256, P-384.
const char* openssl_group(NamedGroup group);

size_t count_of(const std::string& haystack, std::string_view needle);
// Polls the child's output until `needle` occurs at least `times` times.
bool wait_for_count(const ChildProcess& child, std::string_view needle, size_t times);
// An s_server / s_client stdin command ("K\n", "c\n"...). OpenSSL reads stdin in one read(),
// so the command is only recognised alone: wait until the child acknowledges it (`ack`
// printed once more) before writing anything else.
void command(ChildProcess& child, const std::string& line, std::string_view ack);

// --- tlsock client vs openssl s_server -------------------------------------------------------

struct SServer {
  std::unique_ptr<ChildProcess> child;
  uint16_t port = 0;
};

// s_server on a free port (server-p256 unless `extra` has -cert); retried on another port when
// the one picked was taken meanwhile.
SServer start_s_server(const std::vector<std::string>& extra);

struct ClientRun {
  SServer server;
  std::optional<Connection> conn;
  std::unique_ptr<SocketPump> pump;
};

ClientConfig base_client_config();  // SNI "localhost"
ConnectionOptions client_options();  // verifies against ca.pem, hostname localhost

// Connects `config` to run.server (started with `server_args` when not running yet) and
// completes the handshake.
void connect(ClientRun& run, const std::vector<std::string>& server_args, ClientConfig config,
             ConnectionOptions options = client_options());
// Data both ways: ours reaches s_server's stdout, s_server's stdin reaches us.
void exchange(ClientRun& run, const std::string& tag = "");

// --- openssl s_client vs tlsock server -------------------------------------------------------

struct ServerRun {
  Listener listener;
  std::unique_ptr<ChildProcess> client;
  std::optional<Connection> conn;
  std::unique_ptr<SocketPump> pump;
};

ServerConfig server_config(const std::string& identity = "server-p256");

// Starts s_client with `args` (verifying against ca.pem, hostname localhost) against
// run.listener; returns the accepted socket (REQUIREd).
int launch_s_client(ServerRun& run, const std::vector<std::string>& args);
// launch_s_client, then our server over the socket completes the handshake and s_client
// reports a verified certificate.
void accept(ServerRun& run, const std::vector<std::string>& args, ServerConfig config,
            ConnectionOptions options = {});
// Data both ways: s_client's stdin reaches us, ours reaches s_client's stdout.
void exchange(ServerRun& run, const std::string& tag = "");

}  // namespace tlsock::interop
