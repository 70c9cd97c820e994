// TLS 1.2 interop with OpenSSL over loopback, both directions, as tables (and one
// case against gnutls-serv, whose reaction to a refused renegotiation differs):
//  - tlsock client vs `openssl s_server`, and `openssl s_client` vs tlsock server, each row one
//    connection: the six suites (ECDSA and RSA certificates), the three groups, ALPN, SNI, NPN,
//    max_fragment_length, client authentication, a renegotiation attempt (`R`), and the
//    version pairs with a 1.3-capable OpenSSL. Every 1.2 row checks that the extended master
//    secret was used (ours, and s_client's "Extended master secret: yes").
//  - resumption by session ID and by ticket, both directions (the tlsock server with its
//    session-ID cache, then with its ticket sealer);
//  - a forced downgrade: the ClientHello rewritten in flight to hide TLS 1.3 makes a
//    1.3-capable server answer 1.2 with the RFC 8446 §4.1.3 sentinel, which the 1.3-capable
//    client refuses with illegal_parameter (tlsock client vs s_server, s_client vs tlsock).
#include <algorithm>
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>

#include <filesystem>
#include <functional>
#include <thread>

#include "crypto/provider.hpp"
#include "handshake/messages/client_hello.hpp"
#include "openssl_peer.hpp"

namespace tlsock::interop {
namespace {

constexpr ProtocolVersion v12 = ProtocolVersion::tls1_2;
constexpr ProtocolVersion v13 = ProtocolVersion::tls1_3;

// OpenSSL's arguments for a 1.2-1.3 range (no -tls1_2 / -tls1_3 flag is added then).
const std::vector<std::string> kOpenSslBoth = {"-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.3"};

struct Suite12 {
  CipherSuite suite;
  const char* openssl_name;
  const char* identity;  // an ECDSA or an RSA certificate, as the suite needs
};
const Suite12 kSuites12[] = {
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256", "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE-ECDSA-AES256-GCM-SHA384", "server-p256"},
    {CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-ECDSA-CHACHA20-POLY1305", "server-p256"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256", "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE-RSA-AES256-GCM-SHA384", "server-rsa2048"},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-RSA-CHACHA20-POLY1305", "server-rsa2048"},
};
const NamedGroup kGroups12[] = {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};

void set_versions(ConnectionOptions& o, ProtocolVersion min, ProtocolVersion max) {
  o.min_version = min;
  o.max_version = max;
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// RFC 6066 §4 code 1: 512-byte records. A line long enough to need several of them.
const std::string kLongLine = std::string(3000, 'm') + "\n";

// --- tlsock client vs s_server -------------------------------------------------------------------

struct ClientRow {
  std::string name;
  std::vector<std::string> server_args;  // s_server; -tls1_2 unless a version range is given
  ProtocolVersion min = v12, max = v13;  // tlsock's versions
  ProtocolVersion expect = v12;
  std::function<void(ClientConfig&, ConnectionOptions&)> setup = {};  // empty: none
  std::function<void(ClientRun&)> check = {};  // after the common checks; empty: none
};

std::vector<ClientRow> client_rows() {
  std::vector<ClientRow> rows;
  for (const Suite12& s : kSuites12) {
    ClientRow r{std::string("suite ") + s.openssl_name,
                joined(identity_args("-cert", "-key", s.identity), {"-tls1_2", "-cipher", s.openssl_name})};
    r.check = [suite = s.suite](ClientRun& run) { CHECK(run.conn->cipher_suite() == suite); };
    rows.push_back(std::move(r));
  }
  for (NamedGroup g : kGroups12) {
    ClientRow r{std::string("group ") + openssl_group(g), {"-tls1_2", "-groups", openssl_group(g)}};
    r.check = [g](ClientRun& run) { CHECK(run.conn->group() == g); };
    rows.push_back(std::move(r));
  }
  rows.push_back({"ALPN", {"-tls1_2", "-alpn", "http/1.1"}, v12, v13, v12,
                  [](ClientConfig& c, ConnectionOptions&) { c.alpn = {"h2", "http/1.1"}; },
                  [](ClientRun& run) { CHECK(run.conn->alpn() == "http/1.1"); }});
  rows.push_back(
      {"SNI picks s_server's second identity",
       joined({"-tls1_2", "-servername", "example.test"}, identity_args("-cert2", "-key2", "server-ed25519")),
       v12, v13, v12,
       [](ClientConfig& c, ConnectionOptions& o) {
         c.server_name = "example.test";
         o.verify->hostname = "example.test";
       },
       [](ClientRun& run) {
         CHECK(run.conn->server_name() == "example.test");
         CHECK(run.conn->peer_signature_scheme() == SignatureScheme::ed25519);
       }});
  rows.push_back({"NPN", {"-tls1_2", "-nextprotoneg", "http/1.1"}, v12, v13, v12,
                  [](ClientConfig& c, ConnectionOptions&) { c.npn = {"spdy/3", "http/1.1"}; },
                  [](ClientRun& run) { CHECK(run.conn->npn() == "http/1.1"); }});
  rows.push_back({"EMS required", {"-tls1_2"}, v12, v12, v12,
                  [](ClientConfig& c, ConnectionOptions&) { c.require_extended_master_secret = true; }});
  rows.push_back(
      {"client authentication",
       {"-tls1_2", "-Verify", "1", "-CAfile", engine_vector_path("ca.pem"), "-verify_return_error"},
       v12, v13, v12,
       [](ClientConfig& c, ConnectionOptions&) { c.certificate = load_identity("client-p256"); },
       [](ClientRun& run) { CHECK(run.server.child->wait_for_output("client-p256", kWait)); }});
  rows.push_back(
      {"max_fragment_length 512 (RSA certificate: the server's flight is fragmented)",
       joined(identity_args("-cert", "-key", "server-rsa2048"), {"-tls1_2"}), v12, v12, v12,
       [](ClientConfig& c, ConnectionOptions&) { c.max_fragment_length = 1; },
       [](ClientRun& run) {
         // s_server refuses records over 512 bytes (record_overflow); ours checks what it gets.
         REQUIRE(run.pump->write(kLongLine).ok());
         CHECK(run.server.child->wait_for_output(kLongLine, kWait));
         REQUIRE(run.server.child->write_stdin(kLongLine));
         CHECK(run.pump->read_until(kLongLine).ok());
       }});
  rows.push_back(
      {"s_server R: HelloRequest refused with a no_renegotiation warning", {"-tls1_2"}, v12, v13, v12,
       [](ClientConfig&, ConnectionOptions&) {},
       [](ClientRun& run) {
         exchange(run, " before");
         REQUIRE(run.server.child->write_stdin("R\n"));
         // Our warning reaches s_server, which (OpenSSL's choice, see the server row) gives up on
         // the connection with a fatal handshake_failure; we decrypt that alert with the keys we
         // had all along, so our state was left as it was.
         Status s = run.pump->read_until("never arrives");
         REQUIRE(!s.ok());
         CHECK(run.server.child->wait_for_output("no renegotiation", kWait));
         REQUIRE(run.conn->error() != nullptr);
         CHECK(run.conn->error()->kind == ErrorKind::peer_alert);
         CHECK(run.conn->error()->alert == AlertDescription::handshake_failure);
       }});
  // Version negotiation (RFC 8446 §4.2.1) against a 1.3-capable OpenSSL.
  rows.push_back({"tlsock 1.2-only vs s_server 1.2-1.3 (the sentinel is not checked: 1.3 not offered)",
                  kOpenSslBoth, v12, v12, v12});
  rows.push_back({"tlsock 1.2-1.3 vs s_server 1.2-1.3 picks 1.3", kOpenSslBoth, v12, v13, v13});
  rows.push_back({"tlsock 1.2-1.3 vs s_server 1.2-only continues as 1.2", {"-tls1_2"}, v12, v13, v12});
  return rows;
}

TEST_CASE("interop 1.2 client: tlsock client vs s_server, row by row") {
  require_openssl();
  for (const ClientRow& row : client_rows()) {
    CAPTURE(row.name);
    ClientRun run;
    ClientConfig config = base_client_config();
    ConnectionOptions options = client_options();
    set_versions(options, row.min, row.max);
    if (row.setup) row.setup(config, options);
    connect(run, row.server_args, config, std::move(options));
    CHECK(run.conn->version() == row.expect);
    REQUIRE(run.conn->verify_outcome() != nullptr);
    CHECK(run.conn->verify_outcome()->ok());
    // RFC 7627: OpenSSL always agrees to the extended master secret we always offer.
    CHECK(run.conn->extended_master_secret() == (row.expect == v12));
    if (row.check) row.check(run);
    if (run.conn->failed()) continue;
    exchange(run);
    CHECK(run.pump->close().ok());
  }
}

// --- s_client vs tlsock server -------------------------------------------------------------------

struct ServerRow {
  std::string name;
  std::vector<std::string> client_args;  // s_client; -tls1_2 unless a version range is given
  ProtocolVersion min = v12, max = v13;
  ProtocolVersion expect = v12;
  std::string identity = "server-p256";
  std::function<void(ServerConfig&, ConnectionOptions&)> setup = {};  // empty: none
  std::function<void(ServerRun&)> check = {};  // after the common checks; empty: none
};

std::vector<ServerRow> server_rows() {
  std::vector<ServerRow> rows;
  for (const Suite12& s : kSuites12) {
    ServerRow r{std::string("suite ") + s.openssl_name, {"-tls1_2", "-cipher", s.openssl_name}};
    r.identity = s.identity;
    r.check = [suite = s.suite](ServerRun& run) { CHECK(run.conn->cipher_suite() == suite); };
    rows.push_back(std::move(r));
  }
  for (NamedGroup g : kGroups12) {
    ServerRow r{std::string("group ") + openssl_group(g), {"-tls1_2", "-groups", openssl_group(g)}};
    // An RSA certificate: an ECDSA one must be on a curve s_client lists (RFC 8422 §5.1).
    r.identity = "server-rsa2048";
    r.check = [g](ServerRun& run) { CHECK(run.conn->group() == g); };
    rows.push_back(std::move(r));
  }
  rows.push_back({"ALPN and SNI", {"-tls1_2", "-alpn", "h2,http/1.1", "-servername", "example.test"},
                  v12, v13, v12, "server-p256",
                  [](ServerConfig& c, ConnectionOptions&) { c.alpn = {"http/1.1", "h2"}; },
                  [](ServerRun& run) {
                    CHECK(run.conn->alpn() == "http/1.1");
                    CHECK(run.conn->server_name() == "example.test");
                    CHECK(run.client->wait_for_output("ALPN protocol: http/1.1", kWait));
                  }});
  rows.push_back({"NPN", {"-tls1_2", "-nextprotoneg", "http/1.1"}, v12, v13, v12, "server-p256",
                  [](ServerConfig& c, ConnectionOptions&) { c.npn = {"spdy/3", "http/1.1"}; },
                  [](ServerRun& run) {
                    CHECK(run.conn->npn() == "http/1.1");
                    CHECK(run.client->wait_for_output("Next protocol: (1) http/1.1", kWait));
                  }});
  rows.push_back({"EMS required", {"-tls1_2"}, v12, v12, v12, "server-p256",
                  [](ServerConfig& c, ConnectionOptions&) { c.require_extended_master_secret = true; }});
  rows.push_back({"client authentication", joined(identity_args("-cert", "-key", "client-p256"), {"-tls1_2"}),
                  v12, v13, v12, "server-p256",
                  [](ServerConfig& c, ConnectionOptions& o) {
                    c.client_auth = ClientAuth::required;
                    o.verify = policy_trusting("ca.pem", std::nullopt);
                  },
                  [](ServerRun& run) {
                    CHECK(run.conn->peer_authenticated());
                    REQUIRE(!run.conn->peer_chain().empty());
                    CHECK(std::ranges::equal(run.conn->peer_chain()[0], load_identity("client-p256")->chain[0]));
                  }});
  rows.push_back({"max_fragment_length 512 requested by s_client (RSA certificate)",
                  {"-tls1_2", "-maxfraglen", "512"}, v12, v13, v12, "server-rsa2048", {},
                  [](ServerRun& run) {
                    // s_client refuses records over 512 bytes (record_overflow); ours checks
                    // what it gets.
                    REQUIRE(run.client->write_stdin(kLongLine));
                    CHECK(run.pump->read_until(kLongLine).ok());
                    REQUIRE(run.pump->write(kLongLine).ok());
                    CHECK(run.client->wait_for_output(kLongLine, kWait));
                  }});
  rows.push_back(
      {"s_client R: renegotiating ClientHello refused with a no_renegotiation warning", {"-tls1_2"},
       v12, v13, v12, "server-p256", {},
       [](ServerRun& run) {
         exchange(run, " before");
         REQUIRE(run.client->write_stdin("R\n"));
         CHECK(run.client->wait_for_output("RENEGOTIATING", kWait));
         // RFC 5746 §4.4: we answer with a warning and keep our state. OpenSSL treats a refused
         // renegotiation as fatal (handshake_failure); that alert, under the keys we had all
         // along, is the only way our connection ends.
         Status s = run.pump->read_until("never arrives");
         REQUIRE(!s.ok());
         CHECK(run.client->wait_for_output("no renegotiation", kWait));
         REQUIRE(run.conn->error() != nullptr);
         CHECK(run.conn->error()->kind == ErrorKind::peer_alert);
         CHECK(run.conn->error()->alert == AlertDescription::handshake_failure);
       }});
  rows.push_back({"s_client 1.2-1.3 vs tlsock 1.2-only", kOpenSslBoth, v12, v12, v12});
  rows.push_back({"s_client 1.2-1.3 vs tlsock 1.2-1.3 picks 1.3", kOpenSslBoth, v12, v13, v13});
  rows.push_back({"s_client 1.2-only vs tlsock 1.2-1.3 continues as 1.2", {"-tls1_2"}, v12, v13, v12});
  return rows;
}

TEST_CASE("interop 1.2 server: s_client vs tlsock server, row by row") {
  require_openssl();
  for (const ServerRow& row : server_rows()) {
    CAPTURE(row.name);
    ServerRun run;
    ServerConfig config = server_config(row.identity);
    ConnectionOptions options;
    set_versions(options, row.min, row.max);
    if (row.setup) row.setup(config, options);
    accept(run, row.client_args, std::move(config), std::move(options));
    CHECK(run.conn->version() == row.expect);
    CHECK(run.client->wait_for_output(row.expect == v12 ? "New, TLSv1.2" : "New, TLSv1.3", kWait));
    if (row.expect == v12) {
      CHECK(run.conn->extended_master_secret());
      CHECK(run.client->wait_for_output("Extended master secret: yes", kWait));
    }
    if (row.check) row.check(run);
    if (run.conn->failed()) continue;
    exchange(run);
    CHECK(run.pump->close().ok());
  }
}

// --- resumption ----------------------------------------------------------------------------------

TEST_CASE("interop 1.2 client: resumption against s_server by session ID and by ticket") {
  require_openssl();
  for (bool tickets : {false, true}) {
    CAPTURE(tickets);
    std::vector<std::string> args = {"-tls1_2", "-naccept", "2"};
    if (!tickets) args.push_back("-no_ticket");
    ClientRun first;
    first.server = start_s_server(args);
    ConnectionOptions options = client_options();
    set_versions(options, v12, v13);
    connect(first, {}, base_client_config(), options);
    CHECK(!first.conn->resumed());
    exchange(first);
    REQUIRE(first.conn->latest_session12());
    ClientSession12 session = *first.conn->latest_session12();
    CHECK(session.ticket.empty() == !tickets);
    CHECK(first.pump->close().ok());

    ClientRun second;
    second.server.port = first.server.port;
    second.server.child = std::move(first.server.child);
    options.session12 = session;
    connect(second, {}, base_client_config(), options);
    CHECK(second.conn->resumed());
    CHECK(second.conn->version() == v12);
    CHECK(second.conn->extended_master_secret());
    exchange(second, " again");
    CHECK(second.pump->close().ok());
  }
}

// The tlsock server resumes from its session-ID cache, then (no cache) from the tickets it
// sealed; s_client carries the session between its two runs in a file.
TEST_CASE("interop 1.2 server: resumption by session ID (cache) and by ticket (sealer)") {
  require_openssl();
  for (bool tickets : {false, true}) {
    CAPTURE(tickets);
    SessionCache12 cache(16, 3600);
    TicketSealer sealer;
    ServerConfig config = server_config();
    ConnectionOptions options;
    set_versions(options, v12, v13);
    if (tickets) {
      config.tickets = &sealer;
    } else {
      config.session_cache = &cache;
    }
    std::string sess = std::filesystem::temp_directory_path() /
                       ("tlsock-sess12-" + std::to_string(::getpid()) + (tickets ? "-t" : "-s") + ".pem");
    {
      ServerRun run;
      accept(run, {"-tls1_2", "-sess_out", sess}, config, options);
      CHECK(!run.conn->resumed());
      exchange(run);
      // s_client writes the session file once the handshake is done.
      for (int i = 0; i < 200 && !std::filesystem::exists(sess); ++i) std::this_thread::sleep_for(10ms);
      REQUIRE(std::filesystem::exists(sess));
      CHECK(cache.size() == (tickets ? 0u : 1u));
    }
    ServerRun run;
    accept(run, {"-tls1_2", "-sess_in", sess}, config, options);
    CHECK(run.conn->resumed());
    CHECK(run.client->wait_for_output("Reused, TLSv1.2", kWait));
    // A ticket session reaches s_client as its ticket; a session-ID one has none.
    CHECK((run.client->output().find("TLS session ticket:") != std::string::npos) == tickets);
    exchange(run);
    std::filesystem::remove(sess);
  }
}

// --- forced downgrade ----------------------------------------------------------------------------

// The first record of `flight` (a ClientHello offering 1.2 and 1.3) with supported_versions
// removed, as a man in the middle would to make the server believe the client's best is 1.2.
Bytes hide_tls13(ByteView flight) {
  REQUIRE(flight.size() > 9);
  REQUIRE(flight[0] == static_cast<uint8_t>(ContentType::handshake));
  size_t record_len = (size_t{flight[3]} << 8) | flight[4];
  REQUIRE(flight.size() >= 5 + record_len);
  ByteView message = flight.subspan(5, record_len);
  REQUIRE(message[0] == static_cast<uint8_t>(HandshakeType::client_hello));
  auto ch = ClientHello::decode(message.subspan(4));
  REQUIRE(ch.ok());
  REQUIRE(ch->extensions.has(ExtensionType::supported_versions));
  ch->extensions.remove(ExtensionType::supported_versions);
  auto encoded = ch->encode();
  REQUIRE(encoded.ok());
  Bytes out = {flight[0], flight[1], flight[2], static_cast<uint8_t>(encoded->size() >> 8),
               static_cast<uint8_t>(encoded->size())};
  out.insert(out.end(), encoded->begin(), encoded->end());
  out.insert(out.end(), flight.begin() + 5 + static_cast<ptrdiff_t>(record_len), flight.end());
  return out;
}

void send_all(int fd, ByteView data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    REQUIRE(n > 0);
    data = data.subspan(static_cast<size_t>(n));
  }
}

// The first whole record from `fd` (bounded wait).
Bytes read_record(int fd) {
  Bytes in;
  auto deadline = Clock::now() + kWait;
  while (in.size() < 5 || in.size() < 5 + ((size_t{in[3]} << 8) | in[4])) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{fd, POLLIN, 0};
    REQUIRE(left.count() > 0);
    REQUIRE(::poll(&p, 1, static_cast<int>(left.count())) == 1);
    uint8_t buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    REQUIRE(n > 0);
    in.insert(in.end(), buf, buf + n);
  }
  return in;
}

TEST_CASE("interop 1.2: a forced downgrade is detected through the RFC 8446 sentinel") {
  require_openssl();
  SUBCASE("tlsock client 1.2-1.3, s_server 1.2-1.3 sees no 1.3: our client refuses") {
    SServer server = start_s_server(kOpenSslBoth);
    int fd = connect_loopback(server.port);
    REQUIRE(fd >= 0);
    ConnectionOptions options = client_options();
    set_versions(options, v12, v13);
    auto c = Connection::client(base_client_config(), default_provider(), options);
    REQUIRE(c.ok());
    SocketPump pump(*c, fd);
    send_all(fd, hide_tls13(c->pending_output()));
    c->consume_output(c->pending_output().size());
    Status s = pump.handshake();
    REQUIRE(!s.ok());
    CHECK(s.error().kind != ErrorKind::peer_alert);
    CHECK(s.error().alert == AlertDescription::illegal_parameter);
    CHECK(pump.flush().ok());
    CHECK(server.child->wait_for_output("illegal parameter", kWait));
  }
  SUBCASE("s_client 1.2-1.3, tlsock server 1.2-1.3 sees no 1.3: s_client refuses") {
    ServerRun run;
    int fd = launch_s_client(run, kOpenSslBoth);
    ConnectionOptions options;
    set_versions(options, v12, v13);
    auto c = Connection::server(server_config(), default_provider(), options);
    REQUIRE(c.ok());
    run.conn.emplace(std::move(*c));
    run.pump = std::make_unique<SocketPump>(*run.conn, fd);
    Bytes hello = hide_tls13(read_record(fd));
    auto took = run.conn->feed(hello);
    REQUIRE(took.ok());
    CHECK(*took == hello.size());
    Status s = run.pump->handshake();
    REQUIRE(!s.ok());
    // OpenSSL names the sentinel check "inappropriate fallback" and sends illegal_parameter.
    CHECK(s.error().kind == ErrorKind::peer_alert);
    CHECK(s.error().alert == AlertDescription::illegal_parameter);
    CHECK(run.client->wait_for_output("inappropriate fallback", kWait));
  }
}

}  // namespace
}  // namespace tlsock::interop

namespace tlsock::interop {
namespace {

// RFC 5746 §4.2 with a peer that takes no for an answer: gnutls-serv --echo sends a
// HelloRequest when it reads "**REHANDSHAKE**"; our no_renegotiation warning leaves both
// sides as they were and the echo goes on (OpenSSL, in the rows above, ends the connection
// instead).
TEST_CASE("interop 1.2 client: gnutls-serv's HelloRequest refused, the connection goes on") {
  require_gnutls();
  std::unique_ptr<ChildProcess> serv;
  uint16_t port = 0;
  for (int attempt = 0; attempt < 5 && serv == nullptr; ++attempt) {
    port = pick_free_port();
    auto child = std::make_unique<ChildProcess>(std::vector<std::string>{
        "gnutls-serv", "--echo", "-p", std::to_string(port), "--x509certfile",
        engine_vector_path("server-p256.pem"), "--x509keyfile", engine_vector_path("server-p256.key.pem"),
        "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2"});
    if (child->started() && child->wait_for_output("Echo Server listening", kWait)) serv = std::move(child);
  }
  REQUIRE(serv != nullptr);
  int fd = connect_loopback(port);
  REQUIRE(fd >= 0);
  ConnectionOptions options = client_options();
  set_versions(options, v12, v13);
  // What crossed the wire: the HelloRequest in, our warning out.
  bool hello_request_received = false;
  bool no_renegotiation_sent = false;
  options.message_observer = [&](MessageDirection direction, ContentType type, ByteView message) {
    if (direction == MessageDirection::received && type == ContentType::handshake &&
        message[0] == static_cast<uint8_t>(HandshakeType::hello_request)) {
      hello_request_received = true;
    }
    if (direction == MessageDirection::sent && type == ContentType::alert && message.size() == 2 &&
        message[0] == static_cast<uint8_t>(AlertLevel::warning) &&
        message[1] == static_cast<uint8_t>(AlertDescription::no_renegotiation)) {
      no_renegotiation_sent = true;
    }
  };
  auto c = Connection::client(base_client_config(), default_provider(), options);
  REQUIRE(c.ok());
  SocketPump pump(*c, fd);
  REQUIRE(pump.handshake().ok());
  CHECK(c->version() == v12);
  REQUIRE(pump.write("before\n").ok());
  REQUIRE(pump.read_until("before\n").ok());
  REQUIRE(pump.write("**REHANDSHAKE**\n").ok());
  CHECK(serv->wait_for_output("Sending rehandshake request", kWait));
  REQUIRE(pump.write("after the refusal\n").ok());
  Status s = pump.read_until("after the refusal\n");
  if (!s.ok()) FAIL("read: " << s.error().message() << "\ngnutls-serv said:\n" << serv->output());
  CHECK(hello_request_received);
  CHECK(no_renegotiation_sent);
  CHECK(!c->failed());
  REQUIRE(pump.close().ok());
}

}  // namespace
}  // namespace tlsock::interop
