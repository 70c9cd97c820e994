// Configuration of the TLS 1.3 server state machine (the client's is handshake/client_config.hpp).
// The engine builds it from the public SSLContext; tests build it directly. Pointers are
// borrowed: the caller keeps the verifier and ticket sealer alive while any handshake uses it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/cert_verifier.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/endpoint_config.hpp"
#include "handshake/extensions/extension.hpp"
#include "handshake/session_13.hpp"

namespace tlsock {

enum class ClientAuth : uint8_t { none, optional, required };

struct ServerConfig {
  std::vector<CipherSuite> cipher_suites = default_cipher_suites_13();  // server preference
  std::vector<NamedGroup> groups = default_groups();                    // server preference
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes_13();
  std::vector<CertifiedKey> certificates;  // at least one
  std::vector<std::string> alpn;           // server preference; no overlap: no ALPN
  ClientAuth client_auth = ClientAuth::none;
  CertVerifier* client_verifier = nullptr;  // required when client_auth != none or for PHA
  // OpenSSL's SSL_VERIFY_POST_HANDSHAKE (Python's post_handshake_auth on a server): TLS 1.3
  // sends no CertificateRequest during the handshake; the certificate is asked for afterwards
  // (server13_request_certificate), and client_auth still decides whether an empty answer is
  // refused. TLS 1.2 has no post-handshake auth and asks during the handshake.
  bool defer_client_auth = false;
  std::vector<Bytes> certificate_authorities;  // DER names sent in CertificateRequest
  TicketSealer* tickets = nullptr;          // null: no tickets, no resumption
  unsigned ticket_count = 2;                // NewSessionTickets after the handshake
  uint32_t ticket_lifetime_seconds = 7200;  // at most kMaxTicketLifetimeSeconds
  uint16_t record_size_limit = 0;           // RFC 8449; 0: do not answer the extension
  // Tell the client our groups in EncryptedExtensions (RFC 8446 §4.2.7 permits it).
  bool send_supported_groups = false;
  // false: a group the client sent a share for is taken over a HelloRetryRequest for a group
  // we prefer. true: our most preferred group the client supports, even at the cost of a
  // HelloRetryRequest (NSS's choice, which RFC 8448 §5 shows).
  bool strict_group_preference = false;
  // Whether a HelloRetryRequest carries a cookie (RFC 8446 §4.2.2), as a stateless server's
  // does. Off by default: like OpenSSL, BoringSSL and rustls, our HelloRetryRequest holds
  // supported_versions and key_share only, and the server keeps the first ClientHello to check
  // the second against (RFC 8446 §4.1.2). On, the cookie is random, kept, and must be echoed;
  // the second ClientHello is checked all the same. RFC 8448 §5's server sends one.
  bool send_hello_retry_cookie = false;
  // Random bytes in that cookie (cookie<1..2^16-1>); 32 by default. RFC 8448 §5's server
  // sends 114.
  uint16_t hello_retry_cookie_length = 32;
  bool key_log = false;
};

}  // namespace tlsock
