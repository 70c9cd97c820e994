// Configuration of the server handshake, both versions (server.hpp negotiates the version and
// hands over to server_13 or server_12). The engine builds it from the public SSLContext;
// tests build it directly. Pointers are borrowed: the caller keeps the verifier, ticket sealer
// and session cache alive while any handshake uses the config.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "handshake/cert_verifier.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/client_hello_offer.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/endpoint_config.hpp"
#include "handshake/session_13.hpp"
#include "handshake/session_cache_12.hpp"
#include "handshake/signature_schemes_12.hpp"

namespace tlsock {

enum class ClientAuth : uint8_t { none, optional, required };

struct ServerConfig;

// Called with the first ClientHello once it has passed the chosen version's checks and before
// anything is chosen from it (OpenSSL's servername callback, Python's sni_callback). It may
// change the configuration the rest of the handshake uses (another certificate, ALPN list,
// ticket sealer...; not the versions: the version is chosen already). An alert ends the
// handshake with that alert.
using ClientHelloHook =
    std::function<std::optional<AlertDescription>(const ClientHelloOffer& hello, ServerConfig& config)>;

struct ServerConfig {
  // The versions this server negotiates, each tls1_2 or tls1_3 (RFC 8996: never older ones).
  ProtocolVersion min_version = ProtocolVersion::tls1_3;
  ProtocolVersion max_version = ProtocolVersion::tls1_3;

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

  // TLS 1.2 only. Its own suites and schemes, because the 1.3 lists exclude what 1.2 needs
  // (ECDHE suites, rsa_pkcs1_*).
  std::vector<CipherSuite> cipher_suites_12 = default_cipher_suites_12();  // server preference
  std::vector<SignatureScheme> signature_schemes_12 = default_signature_schemes_12();
  // NPN protocols advertised (draft-agl-tls-nextprotoneg); empty: NPN not answered.
  std::vector<std::string> npn;
  // RFC 7627 §5.2 (server MAY abort): refuse a full handshake without extended master secret.
  bool require_extended_master_secret = false;
  // Answer max_fragment_length (RFC 6066 §4); when false the request is ignored.
  bool accept_max_fragment_length = true;
  // Session-ID resumption; null: no session IDs issued, none resumed.
  SessionCache12* session_cache = nullptr;
  // This server could negotiate TLS 1.3 elsewhere though max_version is 1.2 here: write the
  // downgrade sentinel (RFC 8446 §4.1.3) and refuse TLS_FALLBACK_SCSV from a client whose
  // maximum is 1.2 (RFC 7507 §3). Implied by max_version tls1_3.
  bool tls13_enabled = false;
  bool tls13_capable() const { return tls13_enabled || max_version == ProtocolVersion::tls1_3; }

  // See ClientHelloHook. Empty: none.
  ClientHelloHook client_hello;
};

}  // namespace tlsock
