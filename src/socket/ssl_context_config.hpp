// What a connection needs from its SSLContext, for the engine and the SSLSocket/SSLObject
// facade (internal: not part of the public API).
//
// How it works
// - config_snapshot(ctx) returns an immutable ContextConfig: a connection takes one when it
//   starts and keeps it, so a context reconfigured later (or from another thread) never changes
//   a handshake under way. The snapshot is built once and cached until the context changes, so
//   starting many connections costs one shared_ptr copy each.
// - Everything is in tlsock's own terms (wire enums, x509 types, PrivateKey), not in the
//   handshake's config structs, which are still moving: whoever builds ClientConfig /
//   ServerConfig maps these fields (cipher_suites_13 -> cipher_suites, certificates ->
//   CertifiedKey{der chain, key}, trust_store -> x509::WebPkiVerifier, ...).
// - The trust store is shared, not copied: a capath certificate found during one handshake
//   joins the context's store (get_ca_certs() then lists it, as in Python). Loading more CAs
//   into the context after a snapshot was taken gives the context a fresh copy first, so the
//   snapshot's store never changes under a running handshake except by those lookups.
// - count_session_event() bumps the counters of session_stats(); it is lock-free and may be
//   called from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/wire_enums.hpp"
#include "crypto/signature.hpp"
#include "socket/key_log_file.hpp"
#include "handshake/server_session_store.hpp"
#include "tlsock/constants.hpp"
#include "tlsock/ssl_context.hpp"
#include "x509/certificate.hpp"
#include "x509/trust_store.hpp"

namespace tlsock::detail {

// One chain from load_cert_chain(): certificates leaf first, as the file listed them, and the
// private key of the leaf (checked to match it).
struct ContextCertificate {
  std::vector<x509::Certificate> chain;
  PrivateKey key;
};

struct ContextConfig {
  SSLMethod protocol = PROTOCOL_TLS;
  // Which ends this context may be: PROTOCOL_TLS_CLIENT only a client, PROTOCOL_TLS_SERVER
  // only a server, PROTOCOL_TLS / PROTOCOL_TLSv1_2 both. wrap_socket refuses the others with
  // SSLError("Cannot create a client socket with a PROTOCOL_TLS_SERVER context").
  bool client_allowed = true;
  bool server_allowed = true;

  // The versions to offer/accept, highest first: minimum_version/maximum_version clamped to
  // what tlsock speaks, minus OP_NO_TLSv1_2 / OP_NO_TLSv1_3. Empty: the settings leave no
  // version tlsock can speak, and the handshake must fail before sending anything (OpenSSL:
  // "[SSL: NO_PROTOCOLS_AVAILABLE] no protocols available").
  std::vector<ProtocolVersion> versions;

  std::vector<CipherSuite> cipher_suites_13;  // preference order (OpenSSL's default order)
  std::vector<CipherSuite> cipher_suites_12;  // from set_ciphers(), preference order, not empty
  std::vector<NamedGroup> groups;             // preference order; one after set_ecdh_curve()
  // set_sigalgs(): the schemes to offer and accept, in preference order (each version keeps
  // those it knows); empty: each version's defaults.
  std::vector<SignatureScheme> signature_schemes;

  VerifyMode verify_mode = CERT_NONE;
  VerifyFlags verify_flags = VERIFY_X509_TRUSTED_FIRST;
  bool check_hostname = false;                 // a client checks server_hostname
  bool hostname_checks_common_name = true;
  std::shared_ptr<const x509::TrustStore> trust_store;  // never null; maybe empty

  // Chains in load order, at most one per key type; empty when none was loaded (a server then
  // fails the handshake: OpenSSL's NO_SHARED_CIPHER / "no certificate assigned").
  std::vector<ContextCertificate> certificates;

  std::vector<std::string> alpn_protocols;  // preference order; empty: no ALPN
  Options options{};
  unsigned num_tickets = 2;          // TLS 1.3 NewSessionTickets a server sends
  bool post_handshake_auth = false;  // client: offer it; server: CertificateRequest after
  int security_level = 2;

  std::optional<std::string> keylog_filename;
  std::shared_ptr<KeyLogFile> key_log;          // null when keylog_filename is empty
  std::shared_ptr<const SNICallback> sni_callback;  // null when none
  std::shared_ptr<ServerSessionStore> server_sessions;  // the context's own; never null
  std::shared_ptr<const MsgCallback> msg_callback;  // null when none

  // The options the engine acts on, spelled out.
  bool middlebox_compat() const { return (options & OP_ENABLE_MIDDLEBOX_COMPAT) != 0; }
  bool server_preference() const { return (options & OP_CIPHER_SERVER_PREFERENCE) != 0; }
  bool tls12_session_tickets() const { return (options & OP_NO_TICKET) == 0; }
  bool ignore_unexpected_eof() const { return (options & OP_IGNORE_UNEXPECTED_EOF) != 0; }
};

std::shared_ptr<const ContextConfig> config_snapshot(const SSLContext& context);

// The counters of session_stats() the connections count, in Python's key order (`number`,
// `timeouts` and `cache_full` come from the TLS 1.2 session cache itself).
enum class SessionEvent {
  connect,
  connect_good,
  connect_renegotiate,
  accept,
  accept_good,
  accept_renegotiate,
  hits,
  misses,
};
inline constexpr size_t kSessionEventCount = 8;

void count_session_event(const SSLContext& context, SessionEvent event);

}  // namespace tlsock::detail
