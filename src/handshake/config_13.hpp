// Configuration of the TLS 1.3 client state machine (the server's: server_config.hpp). The engine builds these from
// the public SSLContext; tests build them directly. Pointers are borrowed: the caller keeps
// the verifier and ticket sealer alive while any handshake uses the config.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/cert_verifier.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/extensions/extension.hpp"
#include "handshake/session_13.hpp"

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

struct ClientConfig {
  std::vector<CipherSuite> cipher_suites = default_cipher_suites_13();
  std::vector<NamedGroup> groups = default_groups();  // supported_groups, in preference order
  std::vector<NamedGroup> key_share_groups = {NamedGroup::x25519};  // shares in ClientHello1
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes_13();
  // Sent as signature_algorithms_cert when non-empty (RFC 8446 §4.2.3).
  std::vector<SignatureScheme> signature_schemes_cert;
  std::vector<std::string> alpn;
  std::string server_name;            // SNI and the name the verifier checks; empty: none
  CertVerifier* verifier = nullptr;   // required: a client always authenticates the server
  std::optional<CertifiedKey> certificate;  // for client authentication
  bool middlebox_compat = true;       // RFC 8446 §D.4: session id + change_cipher_spec
  bool post_handshake_auth = false;   // offer post_handshake_auth (RFC 8446 §4.2.6)
  uint16_t record_size_limit = 0;     // RFC 8449; 0: do not send the extension
  bool key_log = false;               // emit KeyLogSecret events
  // RFC 7685 padding: a ClientHello of 256..511 bytes is padded to 512, which some middleboxes
  // (F5) need; the same rule as NSS and BoringSSL (RFC 8448 §5's second ClientHello shows it).
  bool pad_client_hello = true;
  // Added verbatim to the ClientHello (the TLS 1.2 engine's extensions, or replaying a trace).
  std::vector<Extension> extra_extensions;
  // The supported_versions extension's list (RFC 8446 §4.2.1), by preference. A client that
  // also speaks TLS 1.2 (the engine's version negotiation) lists {tls1_3, tls1_2}; the 1.3
  // machine itself only ever accepts a ServerHello that selects 1.3.
  std::vector<ProtocolVersion> supported_versions = {ProtocolVersion::tls1_3};
  // Non-empty: the legacy_session_id to send instead of middlebox_compat's random one. The
  // engine sets it to a TLS 1.2 session ID it offers for resumption (RFC 5246 §7.4.1.2), which
  // a 1.2 server echoes to accept.
  Bytes legacy_session_id;
  // ClientHello extension order: types listed here come first, in this order; the rest follow
  // in our default order; pre_shared_key is always last (RFC 8446 §4.2.11).
  std::vector<ExtensionType> extension_order;
};

}  // namespace tlsock
