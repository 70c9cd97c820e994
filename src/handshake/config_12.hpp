// What the TLS 1.2 state machines need beyond the TLS 1.3 configs. The engine passes a
// ClientConfig12 / ServerConfig12 alongside the ClientConfig / ServerConfig it already has, so
// one SSLContext drives both versions. From the 1.3 configs the 1.2 machines use:
//   ClientConfig: groups, alpn, server_name, verifier, certificate, key_log
//   ServerConfig: groups, certificates, alpn, client_auth, client_verifier,
//                 certificate_authorities, tickets (the TicketSealer), ticket_lifetime_seconds,
//                 key_log
// and not the 1.3-only fields (cipher_suites and signature_schemes have 1.2 lists here,
// because the 1.3 defaults exclude what 1.2 needs, e.g. rsa_pkcs1_*).
#pragma once

#include <string>
#include <vector>

#include "handshake/cipher_suites.hpp"
#include "handshake/session_cache_12.hpp"
#include "handshake/signature_schemes_12.hpp"

namespace tlsock {

struct ClientConfig12 {
  std::vector<CipherSuite> cipher_suites = default_cipher_suites_12();
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes_12();
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
  // The ClientHello also offered TLS 1.3: check the downgrade sentinel (RFC 8446 §4.1.3).
  // client12_adopt sets it from the ClientHello; client12_start leaves it as configured
  // (true makes a 1.2-only client check it too, which is harmless).
  bool tls13_offered = false;
};

struct ServerConfig12 {
  std::vector<CipherSuite> cipher_suites = default_cipher_suites_12();  // server preference
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes_12();
  // NPN protocols advertised; empty: NPN not answered.
  std::vector<std::string> npn;
  // RFC 7627 §5.2 (server MAY abort): refuse a full handshake without extended master secret.
  bool require_extended_master_secret = false;
  // Answer max_fragment_length (RFC 6066 §4); when false the request is ignored.
  bool accept_max_fragment_length = true;
  // Session-ID resumption; null: no session IDs issued, none resumed.
  SessionCache12* session_cache = nullptr;
  // This server could have negotiated TLS 1.3: write the downgrade sentinel (RFC 8446 §4.1.3)
  // and refuse TLS_FALLBACK_SCSV from a client whose maximum is 1.2 (RFC 7507 §3).
  bool tls13_enabled = false;
};

}  // namespace tlsock
