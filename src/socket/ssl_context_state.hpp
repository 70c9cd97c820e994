// The shared state behind SSLContext handles (internal to the ssl_context*.cpp files).
//
// One mutex guards every field but the session counters (atomics). Setters change a field and
// drop the cached snapshot, so config_snapshot() rebuilds it on next use.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "handshake/server_session_store.hpp"
#include "socket/ssl_context_config.hpp"

namespace tlsock::detail {

struct ContextState {
  mutable std::mutex mutex;

  SSLMethod protocol = PROTOCOL_TLS;
  bool check_hostname = false;
  VerifyMode verify_mode = CERT_NONE;
  VerifyFlags verify_flags = VERIFY_X509_TRUSTED_FIRST;
  Options options{};
  // As Python reads them back (MINIMUM_SUPPORTED / MAXIMUM_SUPPORTED mean "no limit").
  TLSVersion minimum_version = TLSVersion::TLSv1_2;
  TLSVersion maximum_version = TLSVersion::MAXIMUM_SUPPORTED;
  bool post_handshake_auth = false;
  std::optional<std::string> keylog_filename;
  std::shared_ptr<KeyLogFile> key_log;
  int num_tickets = 2;
  bool hostname_checks_common_name = true;
  int security_level = 2;
  std::shared_ptr<const SNICallback> sni_callback;
  std::vector<CipherSuite> cipher_suites_12;
  std::vector<NamedGroup> groups;
  std::vector<CipherSuite> cipher_suites_13;          // set_ciphersuites(); empty: all
  std::vector<SignatureScheme> signature_schemes;     // set_sigalgs(); empty: defaults
  std::shared_ptr<const MsgCallback> msg_callback;    // null when none
  std::vector<std::string> alpn_protocols;
  std::shared_ptr<x509::TrustStore> trust_store = std::make_shared<x509::TrustStore>();
  std::vector<ContextCertificate> certificates;

  std::array<std::atomic<long>, kSessionEventCount> session_counters{};
  // Ticket key and TLS 1.2 session cache of this context's servers (never copied).
  std::shared_ptr<ServerSessionStore> server_sessions = std::make_shared<ServerSessionStore>();

  // Built by config_snapshot(), dropped by every change.
  std::shared_ptr<const ContextConfig> snapshot;

  // For a setter: the lock, with the cached snapshot already dropped.
  std::unique_lock<std::mutex> lock_for_change() {
    std::unique_lock lock(mutex);
    snapshot.reset();
    return lock;
  }

  // The trust store to add to (call with the lock held). Copied first when a snapshot still
  // holds it, so snapshots stay as they were (copy on write).
  x509::TrustStore& trust_store_for_change() {
    if (trust_store.use_count() > 1) trust_store = std::make_shared<x509::TrustStore>(*trust_store);
    return *trust_store;
  }
};

// The friend of SSLContext through which the implementation files reach its state.
struct ContextAccess {
  static ContextState& state(const SSLContext& context) { return *context.state_; }
};

}  // namespace tlsock::detail
