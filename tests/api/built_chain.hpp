// Hand-built certificate chains (tests/unit/x509/cert_builder.hpp: every certificate carries
// the Ed25519 test key) served through real SSLContexts over loopback sockets, for the
// verification policies that need a certificate shaped on purpose.
#pragma once

#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "api/loopback.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_socket.hpp"
#include "unit/x509/cert_builder.hpp"
#include "x509/pem.hpp"

namespace tlsock::testing {

// An intermediate "Test Intermediate" (key id 2) under the test root, with these extensions
// beside the CA ones.
inline x509::test::CertSpec intermediate_spec(std::vector<Bytes> extra_extensions = {}) {
  x509::test::CertSpec inter = x509::test::intermediate_spec();
  for (Bytes& e : extra_extensions) inter.extensions.push_back(std::move(e));
  return inter;
}

// The chain's PEM file (leaf first) and the key, in a temporary folder removed with it; the
// root (x509::test::root_spec()) as PEM, for load_verify_locations(cadata=...).
class BuiltChain {
 public:
  explicit BuiltChain(const std::vector<x509::test::CertSpec>& leaf_first) {
    char dir[] = "/tmp/tlsock-chain-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    dir_ = dir;
    std::ofstream out(chain_file());
    for (const auto& spec : leaf_first) out << x509::pem_encode("CERTIFICATE", x509::test::build_certificate(spec));
    root_pem_ = x509::pem_encode("CERTIFICATE", x509::test::build_certificate(x509::test::root_spec()));
  }
  ~BuiltChain() { std::filesystem::remove_all(dir_); }
  BuiltChain(const BuiltChain&) = delete;
  BuiltChain& operator=(const BuiltChain&) = delete;

  std::string chain_file() const { return dir_ + "/chain.pem"; }
  static std::string key_file() { return std::string(TLSOCK_VECTORS_DIR) + "/keys/ed25519.pem"; }
  const std::string& root_pem() const { return root_pem_; }

 private:
  std::string dir_;
  std::string root_pem_;
};

// How each side's handshake ended: "" for success, "<verify_code> <verify_message> | what()"
// for a verification error, what() of any other error.
struct HandshakeEnds {
  std::string client;
  std::string server;
};

inline std::string describe(const std::exception& e) {
  if (const auto* v = dynamic_cast<const SSLCertVerificationError*>(&e))
    return std::to_string(v->verify_code()) + " " + v->verify_message() + " | " + e.what();
  return e.what();
}

inline HandshakeEnds handshake_ends(SSLContext& cctx, SSLContext& sctx, const std::string& hostname) {
  ConnectedPair pair = connected_pair();
  HandshakeEnds ends;
  std::thread server([&] {
    try {
      SSLSocket s = sctx.wrap_socket(std::move(pair.server), {.server_side = true});
      s.recv(1);  // the client's verdict may come after its Finished (TLS 1.3)
    } catch (const std::exception& e) {
      ends.server = describe(e);
    }
  });
  try {
    SSLSocket c = cctx.wrap_socket(std::move(pair.client), {.server_hostname = hostname});
    c.sendall("x");
    c.recv(1);
  } catch (const std::exception& e) {
    ends.client = describe(e);
  }
  server.join();
  return ends;
}

}  // namespace tlsock::testing
