// The certificates `tlsock demo` makes for its run with the openssl command: a root CA, an
// intermediate CA and a leaf for "localhost" / 127.0.0.1 (ECDSA P-256), plus an unrelated root
// that trusts nothing of it (for the failed verification).
#pragma once

#include <string>

namespace tlsock::cli {

struct DemoChain {
  std::string dir;          // a fresh temporary directory holding the files
  std::string root;         // root CA certificate (PEM): the trust anchor
  std::string other_root;   // a root CA that did not sign the chain
  std::string chain;        // leaf then intermediate (PEM): what the server sends
  std::string leaf;         // the leaf alone, and the intermediate alone (openssl s_server
  std::string intermediate; // takes them apart: -cert and -cert_chain)
  std::string leaf_key;     // the leaf's private key
};

// Generates the files; std::runtime_error with openssl's output when a step fails.
DemoChain make_demo_chain();
// Removes the directory and its files.
void remove_demo_chain(const DemoChain& chain);

}  // namespace tlsock::cli
