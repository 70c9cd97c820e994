// Ports of CPython's Lib/test/test_ssl.py tests that talk to ThreadedEchoServer
// (SimpleBackgroundTests and ThreadedTests).
// Each TEST_CASE is named after the Python test it mirrors; Python's certificates are replaced
// by the engine's (CN server-p256, O "tlsock tests", SAN localhost; see python_fixtures.hpp).
// Python's sendto/recvfrom/dup... checks are compile-time ones in python_basic_test.cpp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include "api/loopback.hpp"
#include "api/python_echo_server.hpp"
#include "api/python_fixtures.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/cert_utils.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/get_server_certificate.hpp"
#include "tlsock/ssl_socket.hpp"
#include "socket/python_repr.hpp"

using namespace tlsock;
using namespace tlsock::testing;

namespace {

// Python's test_wrap_socket(sock, cert_reqs=CERT_NONE): a client that checks nothing.
SSLContext unverified_client_context() {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_NONE);
  return ctx;
}

bool has_rdn(const PeerCertificate::DistinguishedName& dn, const std::string& name,
             const std::string& value) {
  for (const PeerCertificate::RDN& rdn : dn) {
    if (rdn.size() == 1 && rdn[0].name == name && rdn[0].value == value) return true;
  }
  return false;
}

// Python's test_wrong_cert_*: the client presents a certificate the server does not trust (the
// server, CERT_REQUIRED, trusts another CA only).
TestingContext wrong_cert_contexts() {
  TestingContext t = testing_context();
  t.client.load_cert_chain(engine_vector("client-p256.pem"), engine_vector("client-p256.key.pem"));
  t.server = server_context();
  t.server.load_verify_locations({.cafile = engine_vector("other-ca.pem")});
  t.server.set_verify_mode(CERT_REQUIRED);
  return t;
}

// The suite the contexts' client negotiates with an echo server of their server context.
Cipher negotiated_cipher(TestingContext t) {
  EchoConnection c(t.client, t.server);
  REQUIRE(c.socket().cipher());
  return *c.socket().cipher();
}

}  // namespace

TEST_CASE("test_connect") {
  PythonEchoServer server(server_context());
  {
    SSLSocket s = wrap_and_connect(unverified_client_context(), server.address(), {});
    auto cert = s.getpeercert();
    REQUIRE(cert);
    CHECK(cert->empty());  // Python's {}: CERT_NONE
    CHECK_FALSE(s.server_side());
  }
  {
    // This should succeed because we specify the root cert.
    SSLSocket s = wrap_and_connect(client_context(), server.address());
    auto cert = s.getpeercert();
    REQUIRE(cert);
    CHECK_FALSE(cert->empty());
    CHECK_FALSE(s.server_side());
  }
}

TEST_CASE("test_connect_with_context") {
  PythonEchoServer server(server_context());
  SSLContext ctx = unverified_client_context();
  {
    SSLSocket s = wrap_and_connect(ctx, server.address(), {});
    auto cert = s.getpeercert();
    REQUIRE(cert);
    CHECK(cert->empty());
  }
  {
    // Same with a server hostname.
    SSLSocket s = wrap_and_connect(ctx, server.address(), {.server_hostname = "dummy"});
    CHECK(s.server_hostname() == "dummy");
    s.close();
  }
  // This should succeed because we specify the root cert.
  ctx.set_verify_mode(CERT_REQUIRED);
  ctx.load_verify_locations({.cafile = engine_vector("ca.pem")});
  SSLSocket s = wrap_and_connect(ctx, server.address(), {});
  auto cert = s.getpeercert();
  REQUIRE(cert);
  CHECK_FALSE(cert->empty());
}

TEST_CASE("test_connect_fail") {
  PythonEchoServer server(server_context());
  // No verification certificates: the handshake fails, and that stops the echo server.
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_check_hostname(false);
  CHECK_THROWS_WITH_AS(wrap_and_connect(ctx, server.address(), {}),
                       doctest::Contains("certificate verify failed"), SSLError);
  server.stop();
  CHECK(server.conn_errors().size() == 1);
}

TEST_CASE("test_tls_unique_channel_binding (ThreadedTests)") {
  PythonEchoServer server(server_context());
  std::optional<std::string> cb_data;
  for (int connection = 0; connection < 2; ++connection) {
    SSLSocket s = wrap_and_connect(client_context(), server.address());
    std::optional<std::string> data = s.get_channel_binding("tls-unique");
    REQUIRE(data);
    // TLS 1.3: the client Finished, as long as the suite's hash (Python: 48 with OpenSSL's
    // preferred TLS_AES_256_GCM_SHA384).
    REQUIRE(s.cipher());
    CHECK(data->size() == (s.cipher()->name.ends_with("SHA384") ? 48u : 32u));
    // The server's value is the same: it answers with repr(cb_data).
    s.write("CB tls-unique\n");
    CHECK(s.read() == detail::python_bytes_repr(*data) + "\n");
    if (connection == 1) CHECK(data != cb_data);  // is it really unique
    cb_data = data;
  }
}

TEST_CASE("test_context_setget") {
  PythonEchoServer server(server_context());
  SSLContext ctx1 = client_context();
  SSLContext ctx2 = client_context();
  SSLSocket ss = wrap_and_connect(ctx1, server.address());
  CHECK(ss.context() == ctx1);
  ss.set_context(ctx2);
  CHECK(ss.context() == ctx2);
  CHECK_FALSE(ss.context() == ctx1);
}

TEST_CASE("test_echo") {
  TestingContext t = testing_context();
  SUBCASE("client=PROTOCOL_TLS_CLIENT, server=PROTOCOL_TLS_SERVER") {
    ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
    CHECK(stats.version == "TLSv1.3");
    CHECK_FALSE(stats.compression);
    CHECK_FALSE(stats.client_npn_protocol);  // HAS_NPN is false
  }
  t.client.set_check_hostname(false);
  SUBCASE("client=PROTOCOL_TLS_SERVER, server=PROTOCOL_TLS_CLIENT") {
    CHECK_THROWS_WITH_AS(server_params_test(t.server, t.client, t.hostname),
                         doctest::Contains("Cannot create a client socket with a "
                                           "PROTOCOL_TLS_SERVER context"),
                         SSLError);
  }
  SUBCASE("client=PROTOCOL_TLS_SERVER, server=PROTOCOL_TLS_SERVER") {
    CHECK_THROWS_WITH_AS(server_params_test(t.server, t.server, t.hostname),
                         doctest::Contains("Cannot create a client socket with a "
                                           "PROTOCOL_TLS_SERVER context"),
                         SSLError);
  }
  SUBCASE("client=PROTOCOL_TLS_CLIENT, server=PROTOCOL_TLS_CLIENT") {
    // The server side refuses the client context; the client sees the connection end.
    PythonEchoServer server(t.client);
    CHECK_THROWS_AS(wrap_and_connect(t.client, server.address()), std::system_error);
    server.stop();
    REQUIRE(server.conn_errors().size() == 1);
    CHECK(server.conn_errors()[0] ==
          "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
  }
}

TEST_CASE("test_getpeercert") {
  TestingContext t = testing_context();
  PythonEchoServer server(t.server);
  SSLSocket s = wrap_and_connect(
      t.client, server.address(),
      {.do_handshake_on_connect = false, .server_hostname = t.hostname});
  CHECK_FALSE(s.do_handshake_on_connect());
  // getpeercert() raises ValueError while the handshake isn't done.
  CHECK_THROWS_AS(s.getpeercert(), std::invalid_argument);
  s.do_handshake();
  auto cert = s.getpeercert();
  REQUIRE(cert);
  CHECK_FALSE(cert->empty());
  CHECK(s.cipher());
  CHECK(has_rdn(cert->subject, "organizationName", "tlsock tests"));
  int64_t before = cert_time_to_seconds(cert->notBefore);
  int64_t after = cert_time_to_seconds(cert->notAfter);
  CHECK(before < after);
  // The same dict as JSON (beyond Python).
  CHECK(cert->to_json().find("\"organizationName\", \"tlsock tests\"") != std::string::npos);
}

TEST_CASE("test_check_hostname (ThreadedTests)") {
  TestingContext t = testing_context();
  {
    // The correct hostname verifies.
    PythonEchoServer server(t.server);
    SSLSocket s = wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname});
    auto cert = s.getpeercert();
    REQUIRE(cert);
    CHECK_FALSE(cert->empty());
  }
  {
    // An incorrect hostname raises CertificateError.
    PythonEchoServer server(t.server);
    CHECK_THROWS_WITH_AS(
        wrap_and_connect(t.client, server.address(), {.server_hostname = "invalid"}),
        doctest::Contains("Hostname mismatch, certificate is not valid for 'invalid'."),
        CertificateError);
  }
  // A missing server_hostname is an error too.
  CHECK_THROWS_WITH_AS(t.client.wrap_socket(Socket(AF_INET, SOCK_STREAM)),
                       "check_hostname requires server_hostname", std::invalid_argument);
}

TEST_CASE("test_ssl_cert_verify_error") {
  TestingContext t = testing_context();
  PythonEchoServer server(t.server);
  SSLContext context(PROTOCOL_TLS_CLIENT);
  try {
    wrap_and_connect(context, server.address(), {.server_hostname = t.hostname});
    FAIL("Expected connection failure");
  } catch (const SSLCertVerificationError& e) {
    const std::string msg = "unable to get local issuer certificate";
    CHECK(e.verify_code() == 20);
    CHECK(e.verify_message() == msg);
    CHECK(std::string(e.what()).find(msg) != std::string::npos);
    CHECK(std::string(e.what()).find("certificate verify failed") != std::string::npos);
  }
}

TEST_CASE("test_wrong_cert_tls12") {
  TestingContext t = wrong_cert_contexts();
  t.client.set_maximum_version(TLSVersion::TLSv1_2);
  PythonEchoServer server(t.server);
  try {
    wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname});
    FAIL("Use of invalid cert should have failed!");
  } catch (const SSLError& e) {
    CHECK(e.reason() == "TLSV1_ALERT_UNKNOWN_CA");
  } catch (const std::system_error& e) {
    CHECK(e.code().value() == ECONNRESET);
  }
}

TEST_CASE("test_wrong_cert_tls13") {
  TestingContext t = wrong_cert_contexts();
  t.server.set_minimum_version(TLSVersion::TLSv1_3);
  t.client.set_minimum_version(TLSVersion::TLSv1_3);
  PythonEchoServer server(t.server);
  SSLSocket s = wrap_and_connect(
      t.client, server.address(), {.suppress_ragged_eofs = false, .server_hostname = t.hostname});
  CHECK_FALSE(s.suppress_ragged_eofs());
  // TLS 1.3 performs the client certificate exchange after the client's handshake is done.
  try {
    s.write("data");
    s.read(1000);
    s.write("should have failed already");
    s.read(1000);
    FAIL("Use of invalid cert should have failed!");
  } catch (const SSLError& e) {
    CHECK(e.reason() == "TLSV1_ALERT_UNKNOWN_CA");
  } catch (const std::system_error& e) {
    CHECK((e.code().value() == ECONNRESET || e.code().value() == EPIPE));
  }
}

TEST_CASE("test_rude_shutdown") {
  // The server accepts and closes at once: the client's handshake fails with an OSError.
  ConnectedPair pair = connected_pair();
  pair.server.close();
  CHECK_THROWS_AS(
      client_context().wrap_socket(std::move(pair.client), {.server_hostname = "localhost"}),
      std::system_error);
}

TEST_CASE("test_starttls") {
  // Switching from clear text to encrypted and back again.
  const char* msgs[] = {"msg 1", "MSG 2", "STARTTLS", "MSG 3", "msg 4", "ENDTLS", "msg 5", "msg 6"};
  PythonEchoServer server(server_context(), {.starttls_server = true});
  Socket s(AF_INET, SOCK_STREAM);
  s.settimeout(kTestTimeout);
  s.connect(server.address());
  std::optional<SSLSocket> conn;
  int switches = 0;
  for (std::string indata : msgs) {
    std::string outdata;
    if (conn) {
      conn->write(indata);
      outdata = conn->read();
    } else {
      s.send(indata);
      outdata = s.recv(1024);
    }
    if (indata == "STARTTLS") {
      CHECK(outdata == "OK\n");
      conn.emplace(client_context().wrap_socket(std::move(s), {.server_hostname = "localhost"}));
      CHECK(conn->version() == "TLSv1.3");
      ++switches;
    } else if (indata == "ENDTLS") {
      CHECK(outdata == "OK\n");
      s = conn->unwrap();
      conn.reset();
      ++switches;
    } else {
      CHECK(outdata == echo_reply(indata));
    }
  }
  CHECK(switches == 2);
  s.send("over\n");
  s.close();
}

TEST_CASE("test_recv_send") {
  // Every way of sending and receiving, one after the other.
  TestingContext t = testing_context();
  EchoConnection c(t.client, t.server);
  SSLSocket& s = c.socket();
  char buf[100];
  std::string data = "PREFIX_";
  // send methods that return a count, then the ones that return nothing.
  CHECK(s.send(data + "send") == data.size() + 4);
  CHECK(s.recv(1024) == "prefix_send");
  CHECK(s.write(data + "write") == data.size() + 5);
  CHECK(s.read() == "prefix_write");
  s.sendall(data + "sendall");
  size_t n = s.recv_into(MutableBuffer(buf, sizeof buf));
  CHECK(std::string(buf, n) == "prefix_sendall");
  s.sendall(data + "read_into");
  n = s.read(MutableBuffer(buf, sizeof buf));
  CHECK(std::string(buf, n) == "prefix_read_into");
  s.write("over\n");
}

TEST_CASE("test_recv_zero") {
  PythonEchoServer server(server_context());
  SSLSocket s = wrap_and_connect(client_context(), server.address());
  // recv/read(0) return "" without I/O; negative sizes are ValueError.
  CHECK(s.recv(0) == "");
  CHECK(s.read(0) == "");
  char buf[8];
  CHECK(s.read(MutableBuffer(buf, 0), 0) == 0);
  CHECK(s.recv_into(MutableBuffer(buf, 0)) == 0);
  CHECK_THROWS_AS(s.recv(-1), std::invalid_argument);
  CHECK_THROWS_AS(s.read(-1), std::invalid_argument);
  s.write("over\n");
}

TEST_CASE("test_recv_into_buffer_protocol_len") {
  PythonEchoServer server(server_context());
  SSLSocket s = wrap_and_connect(client_context(), server.address());
  // nbytes 0 means the whole buffer; a smaller nbytes limits the read.
  s.sendall("DATA");
  std::string buf(10, '\0');
  CHECK(s.recv_into(buf) == 4);
  CHECK(buf.substr(0, 4) == "data");
  s.sendall("MORE DATA");
  std::string small(10, '\0');
  CHECK(s.recv_into(small, 4) == 4);
  CHECK(small.substr(0, 4) == "more");
  CHECK(s.recv(1024) == " data");
  s.write("over\n");
}

TEST_CASE("test_server_accept") {
  TestingContext t = testing_context();
  SSLSocket server = t.server.wrap_socket(make_listener(), {.server_side = true});
  CHECK(server.server_side());
  const Address address = server.getsockname();
  auto serve = std::async(std::launch::async, [&] {
    auto [remote, peer] = server.accept();
    remote.settimeout(kTestTimeout);
    remote.send(remote.recv(4));
    CHECK(remote.server_side());
    CHECK(remote.version() == "TLSv1.3");
    return peer;
  });
  SSLSocket client = wrap_and_connect(t.client, address, {.server_hostname = t.hostname});
  client.send("data");
  CHECK(client.recv() == "data");
  Address client_addr = client.getsockname();
  client.close();
  CHECK(serve.get() == client_addr);
}

TEST_CASE("test_version_basic") {
  TestingContext t = testing_context();
  PythonEchoServer server(t.server);
  Socket raw(AF_INET, SOCK_STREAM);
  raw.settimeout(kTestTimeout);
  SSLSocket s = t.client.wrap_socket(std::move(raw), {.server_hostname = t.hostname});
  CHECK_FALSE(s.version());
  s.connect(server.address());
  CHECK(s.version() == "TLSv1.3");
  s.close();
  CHECK_FALSE(s.version());
}

TEST_CASE("test_tls1_3") {
  TestingContext t = testing_context();
  t.client.set_minimum_version(TLSVersion::TLSv1_3);
  Cipher cipher = negotiated_cipher(t);
  CHECK((cipher.name == "TLS_AES_256_GCM_SHA384" || cipher.name == "TLS_CHACHA20_POLY1305_SHA256" ||
         cipher.name == "TLS_AES_128_GCM_SHA256"));
  CHECK(cipher.protocol == "TLSv1.3");  // Python also checks version(): the suite implies it
}

TEST_CASE("test_default_ecdh_curve") {
  // ECDHE is on by default; TLS 1.2 names the key exchange in the suite.
  TestingContext t = testing_context();
  t.client.set_maximum_version(TLSVersion::TLSv1_2);
  CHECK(negotiated_cipher(t).name.find("ECDH") != std::string::npos);
}

TEST_CASE("test_no_shared_ciphers") {
  TestingContext t = testing_context();
  // TLS 1.3 suites cannot be switched off: force TLS 1.2, and different suites on each side.
  t.client.set_maximum_version(TLSVersion::TLSv1_2);
  t.client.set_ciphers("AES128");
  t.server.set_ciphers("AES256");
  PythonEchoServer server(t.server);
  CHECK_THROWS_AS(wrap_and_connect(t.client, server.address(), {.server_hostname = t.hostname}),
                  std::system_error);
  server.stop();
  REQUIRE_FALSE(server.conn_errors().empty());
  CHECK(server.conn_errors()[0].find("NO_SHARED_CIPHER") != std::string::npos);
}

TEST_CASE("test_selected_alpn_protocol") {
  // selected_alpn_protocol() is None unless ALPN is used.
  TestingContext t = testing_context();
  ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
  CHECK_FALSE(stats.client_alpn_protocol);
}

TEST_CASE("test_selected_alpn_protocol_if_server_uses_alpn") {
  // selected_alpn_protocol() is None unless ALPN is used by the client.
  TestingContext t = testing_context();
  t.server.set_alpn_protocols({"foo", "bar"});
  ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
  CHECK_FALSE(stats.client_alpn_protocol);
}

TEST_CASE("test_alpn_protocols") {
  const std::vector<std::string> server_protocols = {"foo", "bar", "milkshake"};
  struct Case {
    std::vector<std::string> client_protocols;
    std::optional<std::string> expected;
  };
  const Case protocol_tests[] = {
      {{"foo", "bar"}, "foo"},
      {{"bar", "foo"}, "foo"},
      {{"milkshake"}, "milkshake"},
      {{"http/3.0", "http/4.0"}, std::nullopt},
  };
  for (const Case& c : protocol_tests) {
    CAPTURE(c.client_protocols[0]);
    TestingContext t = testing_context();
    t.server.set_alpn_protocols(server_protocols);
    t.client.set_alpn_protocols(c.client_protocols);
    ParamsStats stats = server_params_test(t.client, t.server, t.hostname);
    CHECK(stats.client_alpn_protocol == c.expected);
    REQUIRE(stats.server_alpn_protocols.size() == 1);
    CHECK(stats.server_alpn_protocols.back() == c.expected);
  }
}

TEST_CASE("test_read_write_after_close_raises_valuerror") {
  TestingContext t = testing_context();
  EchoConnection c(t.client, t.server);
  SSLSocket& s = c.socket();
  s.close();
  CHECK_THROWS_AS(s.read(1024), std::invalid_argument);
  CHECK_THROWS_AS(s.write("hello"), std::invalid_argument);
}

TEST_CASE("test_sendfile") {
  const std::string test_data(512, 'x');
  std::FILE* file = std::tmpfile();
  REQUIRE(file);
  REQUIRE(std::fwrite(test_data.data(), 1, test_data.size(), file) == test_data.size());
  std::rewind(file);
  TestingContext t = testing_context();
  EchoConnection c(t.client, t.server);
  SSLSocket& s = c.socket();
  CHECK(s.sendfile(file) == test_data.size());
  std::fclose(file);
  std::string got;
  while (got.size() < test_data.size()) got += s.recv(1024);
  CHECK(got == test_data);
  s.write("over\n");
}

TEST_CASE("test_get_server_certificate") {
  PythonEchoServer server(server_context());
  const Address addr{"localhost", server.port()};
  const std::string expected = DER_cert_to_PEM_cert(pem_file_der(engine_vector("server-p256.pem")));
  CHECK(get_server_certificate(addr) == expected);
  CHECK(get_server_certificate(addr, PROTOCOL_TLS_CLIENT, engine_vector("ca.pem")) == expected);
}

TEST_CASE("test_get_server_certificate_fail") {
  // A CA that did not sign the server's certificate: the verification fails.
  PythonEchoServer server(server_context());
  CHECK_THROWS_AS(get_server_certificate({"localhost", server.port()}, PROTOCOL_TLS_CLIENT,
                                         engine_vector("other-ca.pem")),
                  SSLCertVerificationError);
}

TEST_CASE("test_get_server_certificate_timeout") {
  // A server that never answers (Python's stalls in its SNI callback): TimeoutError in time.
  Socket silent = make_listener();
  Stopwatch watch;
  CHECK_THROWS_AS(get_server_certificate({"127.0.0.1", silent.getsockname().port},
                                         PROTOCOL_TLS_CLIENT, engine_vector("ca.pem"), 0.1),
                  TimeoutError);
  CHECK(watch.seconds() < 0.1 + 2.0);
}
