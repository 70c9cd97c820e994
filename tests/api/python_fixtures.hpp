// The fixtures of CPython's Lib/test/test_ssl.py that the ported ThreadedTests share:
// testing_context() and server_params_test(), over the engine's test certificates (an ECDSA
// P-256 CA, a localhost server leaf, a client leaf; vectors/engine/make_vectors.sh).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/python_echo_server.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock::testing {

// Python's testing_context(): a client that trusts the CA (CERT_REQUIRED, check_hostname), a
// server with the localhost certificate that also trusts the CA (for client certificates), and
// the hostname to verify.
struct TestingContext {
  SSLContext client;
  SSLContext server;
  std::string hostname;
};
TestingContext testing_context();

// What server_params_test() reports: the client's view after the echo exchange, and the
// server's observations.
struct ParamsStats {
  std::optional<std::string> compression;
  std::optional<Cipher> cipher;
  std::optional<PeerCertificate> peercert;
  std::optional<std::string> client_alpn_protocol;
  std::optional<std::string> client_npn_protocol;
  std::optional<std::string> version;
  std::optional<bool> session_reused;
  std::optional<SSLSession> session;
  std::vector<std::optional<std::string>> server_alpn_protocols;
  std::vector<std::optional<std::vector<Cipher>>> server_shared_ciphers;
};

// Python's server_params_test(): a PythonEchoServer with server_context, a client that
// connects with sni_name and session, writes "FOO\n" three times (and checks each echo), says
// "over", and reports. What the client throws propagates.
ParamsStats server_params_test(const SSLContext& client_context, const SSLContext& server_context,
                               std::optional<std::string> sni_name = std::nullopt,
                               std::optional<SSLSession> session = std::nullopt);

// An echo server and a client connected to it (Python's `with server: with
// ctx.wrap_socket(...) as s: s.connect(...)`); ask() sends a command and returns the reply.
class EchoConnection {
 public:
  EchoConnection(const SSLContext& client_context, const SSLContext& server_context,
                 const std::string& hostname = "localhost");
  SSLSocket& socket() { return client_; }
  std::string ask(const std::string& command);

 private:
  PythonEchoServer server_;
  SSLSocket client_;
};

// The settings TestPostHandshakeAuth's tests vary, on top of testing_context().
struct PhaSettings {
  bool server_pha = true;                 // server_context.post_handshake_auth
  VerifyMode server_verify = CERT_REQUIRED;
  bool client_pha = true;                 // client_context.post_handshake_auth
  bool client_cert = true;                // client_context.load_cert_chain(client leaf)
  TLSVersion client_maximum = TLSVersion::MAXIMUM_SUPPORTED;
};
TestingContext pha_contexts(const PhaSettings& settings);

// The DER of the first certificate of a PEM file.
std::string pem_file_der(const std::string& path);

}  // namespace tlsock::testing
