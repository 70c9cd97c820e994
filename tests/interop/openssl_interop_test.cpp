// Interop with OpenSSL over loopback: tlsock's client against `openssl s_server -tls1_3`, and
// `openssl s_client -tls1_3` against tlsock's server, across suites, groups and certificate
// types, plus HRR, resumption, client authentication, post-handshake authentication,
// KeyUpdate, ALPN and SNI. TLS 1.2 is in openssl12_interop_test.cpp; the OpenSSL driving
// (child processes killed when each test ends, ports from bind(0), bounded waits) in
// openssl_peer.hpp.
#include <algorithm>
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "crypto/provider.hpp"
#include "openssl_peer.hpp"

namespace tlsock::interop {
namespace {


const char* openssl_suite(CipherSuite s) {
  switch (s) {
    case CipherSuite::TLS_AES_128_GCM_SHA256: return "TLS_AES_128_GCM_SHA256";
    case CipherSuite::TLS_AES_256_GCM_SHA384: return "TLS_AES_256_GCM_SHA384";
    default: return "TLS_CHACHA20_POLY1305_SHA256";
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

TEST_CASE("interop client: every suite x group x certificate against s_server") {
  require_openssl();
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
  require_openssl();
  ClientRun run;
  ClientConfig config = base_client_config();  // groups x25519, P-256, P-384; share x25519
  connect(run, {"-groups", "P-384"}, config);
  CHECK(run.conn->group() == NamedGroup::secp384r1);
  exchange(run);
}

TEST_CASE("interop client: resumption with s_server's ticket") {
  require_openssl();
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

TEST_CASE("interop client: client authentication required by s_server") {
  require_openssl();
  ClientRun run;
  ClientConfig config = base_client_config();
  config.certificate = load_identity("client-p256");
  connect(run, {"-Verify", "1", "-CAfile", engine_vector_path("ca.pem"), "-verify_return_error"},
          config);
  CHECK(run.conn->version() == ProtocolVersion::tls1_3);
  exchange(run);
  CHECK(run.server.child->output().find("client-p256") != std::string::npos);
}

TEST_CASE("interop client: post-handshake authentication (s_server 'c')") {
  require_openssl();
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
  require_openssl();
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

TEST_CASE("interop client: ALPN") {
  require_openssl();
  ClientRun run;
  ClientConfig config = base_client_config();
  config.alpn = {"h2", "http/1.1"};
  connect(run, {"-alpn", "http/1.1"}, config);
  CHECK(run.conn->alpn() == "http/1.1");
  exchange(run);
}

TEST_CASE("interop client: SNI selects s_server's second identity") {
  require_openssl();
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
  require_openssl();
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

TEST_CASE("interop server: s_client over every suite x group x certificate") {
  require_openssl();
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
  require_openssl();
  ServerRun run;
  ServerConfig config = server_config();
  config.groups = {NamedGroup::secp384r1};
  accept(run, {"-groups", "X25519:P-384"}, config);
  CHECK(run.conn->group() == NamedGroup::secp384r1);
  exchange(run);
}

TEST_CASE("interop server: resumption (s_client -sess_out / -sess_in)") {
  require_openssl();
  TicketSealer sealer;
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

TEST_CASE("interop server: client authentication (s_client -cert)") {
  require_openssl();
  ServerRun run;
  ServerConfig config = server_config();
  config.client_auth = ClientAuth::required;
  ConnectionOptions options;
  options.verify = policy_trusting("ca.pem", std::nullopt);
  accept(run, identity_args("-cert", "-key", "client-p256"), config, options);
  CHECK(run.conn->version() == ProtocolVersion::tls1_3);
  CHECK(run.conn->peer_authenticated());
  REQUIRE(run.conn->verify_outcome() != nullptr);
  CHECK(run.conn->verify_outcome()->ok());
  // s_client sends the leaf and, as OpenSSL builds chains from its CAfile, the CA.
  REQUIRE(!run.conn->peer_chain().empty());
  CHECK(std::ranges::equal(run.conn->peer_chain()[0], load_identity("client-p256")->chain[0]));
  exchange(run);
}

TEST_CASE("interop server: post-handshake authentication (s_client -enable_pha)") {
  require_openssl();
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
  CHECK(std::ranges::equal(run.conn->peer_chain()[0], load_identity("client-p256")->chain[0]));
  REQUIRE(run.conn->verify_outcome() != nullptr);
  CHECK(run.conn->verify_outcome()->ok());
}

TEST_CASE("interop server: KeyUpdate both ways") {
  require_openssl();
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
  require_openssl();
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
  require_openssl();
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
