// What the client and the server configurations share: a certificate chain with its key, and
// the default groups (the default suites are in handshake/cipher_suites.hpp).
#pragma once

#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/wire_enums.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

// A certificate chain (DER, leaf first) with the private key of its leaf.
struct CertifiedKey {
  std::vector<Bytes> chain;
  PrivateKey key;
  // Names this chain serves (from its SAN, filled by whoever builds the config); empty means
  // any. Used to choose among several chains by SNI.
  std::vector<std::string> names;
  // How the chain's certificates are signed, leaf first, without a self-signed last one (its
  // signature is never checked). Filled by whoever builds the config (the engine does when it
  // has several chains to choose from); empty: unknown, any client is assumed to accept it.
  // Used to choose among several chains by signature_algorithms_cert (RFC 8446 §4.2.3).
  std::vector<SignatureAlgorithm> chain_signatures = {};
};

inline std::vector<NamedGroup> default_groups() {
  return {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};
}

}  // namespace tlsock
