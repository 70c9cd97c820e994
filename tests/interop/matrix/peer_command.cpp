#include "peer_command.hpp"

namespace tlsock::interop::matrix {

namespace {


std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

// `{ read go; cat data; cat; } | <argv> | sha256sum`: the peer sends the bulk data once
// tlsock says "go" after the handshake (s_server -quiet, fed during its handshake, sends one
// record and then waits for more socket input), then its stdin stays open (a peer at stdin
// EOF may close before it has read what tlsock sends); it hashes what it receives.
std::vector<std::string> bulk_pipeline(const std::vector<std::string>& argv, const BulkData& bulk) {
  std::string line = "{ read -r go; cat " + single_quoted(bulk.path) + "; cat; } |";
  for (const auto& a : argv) line += " " + single_quoted(a);
  return {"sh", "-c", line + " | sha256sum"};
}

void add(std::vector<std::string>& argv, std::initializer_list<std::string> more) {
  argv.insert(argv.end(), more);
}

// Only what the matrix runs against OpenSSL: the rest (suites, groups, features) is
// driven by openssl_interop_test.cpp and openssl12_interop_test.cpp (matrix_case.cpp).
PeerCommand openssl_command(const Column& column, const Case& c, uint16_t port) {
  PeerCommand cmd;
  auto& a = cmd.argv;
  if (column.peer_is_server) {
    a = {"openssl", "s_server", "-accept", std::to_string(port), "-naccept", "1", "-cert",
         vector_file(c.identity + ".pem"), "-key", vector_file(c.identity + ".key.pem")};
  } else {
    a = {"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(port), "-CAfile",
         vector_file("ca.pem"), "-verify_return_error", "-verify_hostname", "localhost"};
    if (c.feature != Feature::bulk) cmd.evidence.push_back("Verify return code: 0 (ok)");
    cmd.evidence.push_back("CN = " + c.identity);
  }
  a.push_back(c.version == Version::tls12 ? "-tls1_2" : "-tls1_3");
  if (c.feature == Feature::bulk) a.push_back("-quiet");
  return cmd;
}

std::string gnutls_priority(const Case& c, bool server) {
  std::string p = c.version == Version::tls12 ? "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                                              : "NORMAL:-VERS-ALL:+VERS-TLS1.3";
  if (c.suite != nullptr) {
    p += std::string(":-CIPHER-ALL:+") + c.suite->gnutls_cipher;
    if (c.suite->gnutls_kx != nullptr) p += std::string(":-KX-ALL:+") + c.suite->gnutls_kx;
  }
  const Group* group = c.group;
  if (c.feature == Feature::hello_retry && server) group = &kP384;
  if (group != nullptr) p += std::string(":-GROUP-ALL:+") + group->gnutls;
  return p;
}

PeerCommand gnutls_command(const Column& column, const Case& c, uint16_t port) {
  PeerCommand cmd;
  auto& a = cmd.argv;
  const bool server = column.peer_is_server;
  const std::string client_cert = vector_file(std::string(kClientIdentity) + ".pem");
  const std::string client_key = vector_file(std::string(kClientIdentity) + ".key.pem");
  if (server) {
    cmd.echoes = true;
    a = {"gnutls-serv", "--echo", "-p", std::to_string(port), "--priority", gnutls_priority(c, true),
         "--x509certfile", vector_file(c.identity + ".pem"), "--x509keyfile",
         vector_file(c.identity + ".key.pem")};
    if (c.feature == Feature::client_auth) {
      add(a, {"--require-client-cert", "--verify-client-cert", "--x509cafile", vector_file("ca.pem")});
    } else {
      a.push_back("--disable-client-cert");
    }
  } else {
    a = {"gnutls-cli", "-p", std::to_string(port), "--priority", gnutls_priority(c, false),
         "--x509cafile", vector_file("ca.pem"), "--verify-hostname", "localhost"};
    if (c.feature != Feature::bulk) {  // a bulk cell sends these messages to /dev/null
      cmd.evidence.push_back("Handshake was completed");
      cmd.evidence.push_back("CN=" + c.identity + ",");
    }
    if (c.group != nullptr) {
      cmd.evidence.push_back(std::string("(ECDHE-") + (c.group->gnutls + 6) + ")");  // "GROUP-X"
    }
  }
  switch (c.feature) {
    case Feature::client_auth:
    case Feature::post_handshake_auth:
      if (!server) add(a, {"--x509certfile", client_cert, "--x509keyfile", client_key});
      if (c.feature == Feature::post_handshake_auth) {
        a.push_back("--post-handshake-auth");
        cmd.evidence.push_back("Re-auth was performed");
      }
      break;
    case Feature::key_update:
      a.push_back("--inline-commands");
      cmd.evidence.push_back("Rekey was completed");
      break;
    case Feature::resumption:
      if (!server) {
        a.push_back("--resume");
        // TLS 1.3: the ticket comes after the handshake; wait for it before reconnecting.
        if (c.version == Version::tls13) a.push_back("--waitresumption");
        cmd.evidence.push_back("This is a resumed session");
      }
      break;
    case Feature::alpn:
      if (server) {
        add(a, {"--alpn", "http/1.1", "--alpn-fatal"});
      } else {
        add(a, {"--alpn", "h2", "--alpn", "http/1.1"});
        cmd.evidence.push_back("- Application protocol: http/1.1");
      }
      break;
    case Feature::sni:
      add(a, {"--sni-hostname", "example.test"});
      if (server) a.push_back("--sni-hostname-fatal");
      break;
    case Feature::bulk:
      // Only the received data on stdout: gnutls-serv without its per-read log, gnutls-cli
      // with its messages sent elsewhere.
      a.push_back(server ? "--quiet" : "--logfile=/dev/null");
      break;
    default: break;
  }
  // gnutls-cli's host last: 127.0.0.1 (its certificate also names the IP), checked as localhost.
  if (!server) a.push_back("127.0.0.1");
  return cmd;
}

}  // namespace

std::string vector_file(const std::string& name) {
  return std::string(TLSOCK_VECTORS_DIR) + "/engine/" + name;
}

PeerCommand peer_command(const Column& column, const Case& c, uint16_t port, const BulkData& bulk) {
  PeerCommand cmd = column.tool == Tool::openssl ? openssl_command(column, c, port)
                                                 : gnutls_command(column, c, port);
  if (c.feature == Feature::bulk && !cmd.echoes) {
    cmd.argv = bulk_pipeline(cmd.argv, bulk);
    cmd.evidence.push_back(bulk.sha256_hex + "  -");
  }
  return cmd;
}

}  // namespace tlsock::interop::matrix
