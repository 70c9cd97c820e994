// Configuration of the client handshake, TLS 1.3 and TLS 1.2 (handshake/client.hpp). The
// engine builds it from the public SSLContext; tests build it directly. Pointers are borrowed:
// the caller keeps the verifier alive while any handshake uses the config.
//
// supported_versions says what the one ClientHello offers; the fields under "TLS 1.3" and
// "TLS 1.2" are used only when that version is offered, the others by both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "handshake/cert_verifier.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/endpoint_config.hpp"
#include "handshake/extensions/extension.hpp"
#include "handshake/signature_schemes_12.hpp"

namespace tlsock {

struct ClientConfig {
  // The versions offered, by preference (RFC 8446 §4.2.1): {tls1_3} (the default),
  // {tls1_3, tls1_2} or {tls1_2}. A ClientHello offering only TLS 1.2 carries no
  // supported_versions; one offering both is answered by either (handshake/client.hpp).
  std::vector<ProtocolVersion> supported_versions = {ProtocolVersion::tls1_3};

  std::vector<NamedGroup> groups = default_groups();  // supported_groups, in preference order
  std::vector<std::string> alpn;
  std::string server_name;            // SNI and the name the verifier checks; empty: none
  CertVerifier* verifier = nullptr;   // required: a client always authenticates the server
  std::optional<CertifiedKey> certificate;  // for client authentication
  bool key_log = false;               // emit KeyLogSecret events
  // Added verbatim to the ClientHello (e.g. replaying a trace), after our own extensions (those
  // of TLS 1.2 follow, when offered); a type we already send is not added again.
  std::vector<Extension> extra_extensions;
  // Non-empty: the legacy_session_id to send instead of the one we would choose.
  Bytes legacy_session_id;
  // ClientHello extension order: types listed here come first, in this order; the rest follow
  // in our default order; pre_shared_key is always last (RFC 8446 §4.2.11).
  std::vector<ExtensionType> extension_order;

  // TLS 1.3
  std::vector<CipherSuite> cipher_suites = default_cipher_suites_13();
  std::vector<NamedGroup> key_share_groups = {NamedGroup::x25519};  // shares in ClientHello1
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes_13();
  // Sent as signature_algorithms_cert when non-empty (RFC 8446 §4.2.3).
  std::vector<SignatureScheme> signature_schemes_cert;
  bool middlebox_compat = true;       // RFC 8446 §D.4: session id + change_cipher_spec
  bool post_handshake_auth = false;   // offer post_handshake_auth (RFC 8446 §4.2.6)
  uint16_t record_size_limit = 0;     // RFC 8449; 0: do not send the extension
  // RFC 7685 padding: a ClientHello of 256..511 bytes is padded to 512, which some middleboxes
  // (F5) need; the same rule as NSS and BoringSSL (RFC 8448 §5's second ClientHello shows it).
  bool pad_client_hello = true;

  // TLS 1.2 (its defaults differ from 1.3's: e.g. rsa_pkcs1_* signatures)
  std::vector<CipherSuite> cipher_suites_12 = default_cipher_suites_12();
  std::vector<SignatureScheme> signature_schemes_12 = default_signature_schemes_12();
  // NPN (draft-agl-tls-nextprotoneg): our protocols by preference; empty: not offered.
  std::vector<std::string> npn;
  // RFC 6066 §4 code (1: 512 ... 4: 4096); 0: not requested.
  uint8_t max_fragment_length = 0;
  // RFC 7627 §5.2 (client MAY abort): refuse a full handshake without extended master secret.
  bool require_extended_master_secret = false;
  // RFC 5746 §4.1: a server without renegotiation_info may be open to the renegotiation
  // splicing attack; like OpenSSL 3 we refuse it unless this is cleared.
  bool require_secure_renegotiation = true;
  // Offer the session_ticket extension (RFC 5077).
  bool session_tickets = true;
};

inline bool offers(const ClientConfig& config, ProtocolVersion version) {
  for (ProtocolVersion v : config.supported_versions) {
    if (v == version) return true;
  }
  return false;
}

}  // namespace tlsock
