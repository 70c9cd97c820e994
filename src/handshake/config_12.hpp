// What the TLS 1.2 server needs beyond ServerConfig (the client's TLS 1.2 settings are in
// handshake/client_config.hpp). The engine passes a ServerConfig12 alongside the ServerConfig
// it already has, so one SSLContext drives both versions. From ServerConfig the 1.2 server uses:
//   groups, certificates, alpn, client_auth, client_verifier,
//   certificate_authorities, tickets (the TicketSealer), ticket_lifetime_seconds,
//   key_log
// and not the 1.3-only fields (cipher_suites and signature_schemes have 1.2 lists here,
// because the 1.3 defaults exclude what 1.2 needs, e.g. rsa_pkcs1_*).
#pragma once

#include <string>
#include <vector>

#include "handshake/cipher_suites_12.hpp"
#include "handshake/session_cache_12.hpp"
#include "handshake/signature_schemes_12.hpp"

namespace tlsock {

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
