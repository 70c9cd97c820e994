// The snapshot a connection reads from its context (ssl_context_config.hpp).
#include "socket/ssl_context_config.hpp"

#include "socket/capath.hpp"
#include "socket/cipher_catalog.hpp"
#include "socket/ssl_context_state.hpp"

namespace tlsock::detail {

namespace {

// The versions tlsock speaks that lie in [minimum, maximum] and are not switched off by an
// OP_NO_* option, highest first. The limits keep Python's meaning: MINIMUM_SUPPORTED and
// MAXIMUM_SUPPORTED are no limit; SSLv3/TLSv1/TLSv1_1 are below everything we speak.
std::vector<ProtocolVersion> enabled_versions(const ContextState& s) {
  if (s.protocol == PROTOCOL_TLSv1_2) {
    if ((s.options & OP_NO_TLSv1_2) != 0) return {};
    return {ProtocolVersion::tls1_2};
  }
  const int lo = s.minimum_version == TLSVersion::MINIMUM_SUPPORTED
                     ? static_cast<int>(TLSVersion::TLSv1_2)
                     : static_cast<int>(s.minimum_version);
  const int hi = s.maximum_version == TLSVersion::MAXIMUM_SUPPORTED
                     ? static_cast<int>(TLSVersion::TLSv1_3)
                     : static_cast<int>(s.maximum_version);
  std::vector<ProtocolVersion> out;
  auto consider = [&](TLSVersion v, Options off, ProtocolVersion wire) {
    const int n = static_cast<int>(v);
    if (lo <= n && n <= hi && (s.options & off) == 0) out.push_back(wire);
  };
  consider(TLSVersion::TLSv1_3, OP_NO_TLSv1_3, ProtocolVersion::tls1_3);
  consider(TLSVersion::TLSv1_2, OP_NO_TLSv1_2, ProtocolVersion::tls1_2);
  return out;
}

std::shared_ptr<const ContextConfig> build(const ContextState& s) {
  auto c = std::make_shared<ContextConfig>();
  c->protocol = s.protocol;
  c->client_allowed = s.protocol != PROTOCOL_TLS_SERVER;
  c->server_allowed = s.protocol != PROTOCOL_TLS_CLIENT;
  c->versions = enabled_versions(s);
  c->cipher_suites_13 = s.cipher_suites_13;
  if (c->cipher_suites_13.empty()) {
    for (const auto& cipher : tls13_ciphers()) c->cipher_suites_13.push_back(cipher.suite);
  }
  c->signature_schemes = s.signature_schemes;
  c->msg_callback = s.msg_callback;
  c->cipher_suites_12 = s.cipher_suites_12;
  c->groups = s.groups;
  c->verify_mode = s.verify_mode;
  c->verify_flags = s.verify_flags;
  c->check_hostname = s.check_hostname;
  c->hostname_checks_common_name = s.hostname_checks_common_name;
  c->trust_store = s.trust_store;
  c->certificates = s.certificates;
  c->alpn_protocols = s.alpn_protocols;
  c->options = s.options;
  c->num_tickets = static_cast<unsigned>(s.num_tickets);
  c->post_handshake_auth = s.post_handshake_auth;
  c->security_level = s.security_level;
  c->keylog_filename = s.keylog_filename;
  c->key_log = s.key_log;
  c->sni_callback = s.sni_callback;
  c->server_sessions = s.server_sessions;
  return c;
}

}  // namespace

std::shared_ptr<const ContextConfig> config_snapshot(const SSLContext& context) {
  ContextState& s = ContextAccess::state(context);
  std::lock_guard lock(s.mutex);
  if (!s.snapshot) {
    read_capath(*s.trust_store);  // before any handshake looks into it (socket/capath.hpp)
    s.snapshot = build(s);
  }
  return s.snapshot;
}

void count_session_event(const SSLContext& context, SessionEvent event) {
  ContextAccess::state(context).session_counters[static_cast<size_t>(event)].fetch_add(
      1, std::memory_order_relaxed);
}

}  // namespace tlsock::detail
