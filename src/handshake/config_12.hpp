// What the TLS 1.2 client needs beyond ClientConfig. The engine passes a ClientConfig12
// alongside the ClientConfig it already has, so one SSLContext drives both versions. From
// ClientConfig the 1.2 machine uses groups, alpn, server_name, verifier, certificate, key_log,
// and not the 1.3-only fields (cipher_suites and signature_schemes have 1.2 lists here,
// because the 1.3 defaults exclude what 1.2 needs, e.g. rsa_pkcs1_*). The server's 1.2
// settings are part of ServerConfig (server_config.hpp).
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

}  // namespace tlsock
