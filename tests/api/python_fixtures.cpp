#include "api/python_fixtures.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <utility>

#include "api/tls_contexts.hpp"
#include "tlsock/cert_utils.hpp"

namespace tlsock::testing {

TestingContext testing_context() {
  SSLContext server = server_context();
  server.load_verify_locations({.cafile = engine_vector("ca.pem")});
  return {client_context(), server, "localhost"};
}

ParamsStats server_params_test(const SSLContext& client_context, const SSLContext& server_context,
                               std::optional<std::string> sni_name,
                               std::optional<SSLSession> session) {
  ParamsStats stats;
  PythonEchoServer server(server_context);
  {
    SSLSocket s = wrap_and_connect(client_context, server.address(),
                                   {.server_hostname = std::move(sni_name), .session = session});
    const std::string indata = "FOO\n";
    for (int i = 0; i < 3; ++i) {
      s.write(indata);
      CHECK(s.read() == "foo\n");
    }
    s.write("over\n");
    stats.compression = s.compression();
    stats.cipher = s.cipher();
    stats.peercert = s.getpeercert();
    stats.client_alpn_protocol = s.selected_alpn_protocol();
    stats.client_npn_protocol = s.selected_npn_protocol();
    stats.version = s.version();
    stats.session_reused = s.session_reused();
    stats.session = s.session();
    s.close();
  }
  server.stop();
  stats.server_alpn_protocols = server.selected_alpn_protocols();
  stats.server_shared_ciphers = server.shared_ciphers();
  return stats;
}

EchoConnection::EchoConnection(const SSLContext& client_context, const SSLContext& server_context,
                               const std::string& hostname)
    : server_(server_context),
      client_(wrap_and_connect(client_context, server_.address(), {.server_hostname = hostname})) {}

std::string EchoConnection::ask(const std::string& command) {
  client_.write(command);
  return client_.recv(4096);
}

TestingContext pha_contexts(const PhaSettings& settings) {
  TestingContext t = testing_context();
  t.server.set_post_handshake_auth(settings.server_pha);
  t.server.set_verify_mode(settings.server_verify);
  t.client.set_post_handshake_auth(settings.client_pha);
  if (settings.client_cert) {
    t.client.load_cert_chain(engine_vector("client-p256.pem"), engine_vector("client-p256.key.pem"));
  }
  t.client.set_maximum_version(settings.client_maximum);
  return t;
}

std::string pem_file_der(const std::string& path) {
  std::ifstream in(path);
  std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return PEM_cert_to_DER_cert(pem);
}

}  // namespace tlsock::testing
