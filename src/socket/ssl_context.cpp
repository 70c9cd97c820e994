// SSLContext: construction, the attributes and their validation (Python's ssl docs,
// SSL Contexts: ssl.SSLContext(protocol) defaults and the SSLContext attributes).
// Certificates, trust anchors and ciphers have their own files (ssl_context_*.cpp).
#include "tlsock/ssl_context.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "socket/cipher_catalog.hpp"
#include "socket/cipher_string.hpp"
#include "socket/public_suffix_file.hpp"
#include "socket/ssl_context_state.hpp"

namespace tlsock {

namespace {

using detail::ContextAccess;
using detail::ContextState;

// Python's default cipher string (Modules/_ssl.c PY_SSL_DEFAULT_CIPHER_STRING).
constexpr std::string_view kPythonDefaultCiphers =
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";

// Python's SSLContext options: OP_ALL and the ones _ssl.c adds (Python's ssl docs,
// SSLContext.options).
constexpr Options kDefaultOptions = OP_ALL | OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_COMPRESSION |
                                    OP_CIPHER_SERVER_PREFERENCE | OP_SINGLE_DH_USE |
                                    OP_SINGLE_ECDH_USE | OP_ENABLE_MIDDLEBOX_COMPAT;

// OpenSSL 3's default groups (x25519, secp256r1, x448, secp521r1, secp384r1) less the ones
// tlsock does not implement.
const std::vector<NamedGroup> kDefaultGroups = {NamedGroup::x25519, NamedGroup::secp256r1,
                                                NamedGroup::secp384r1};

bool fixed_version(SSLMethod protocol) { return protocol == PROTOCOL_TLSv1_2; }

bool known_version(TLSVersion v) {
  switch (v) {
    case TLSVersion::MINIMUM_SUPPORTED:
    case TLSVersion::MAXIMUM_SUPPORTED:
    case TLSVersion::SSLv3:
    case TLSVersion::TLSv1:
    case TLSVersion::TLSv1_1:
    case TLSVersion::TLSv1_2:
    case TLSVersion::TLSv1_3:
      return true;
  }
  return false;
}

void check_version_change(const ContextState& s, TLSVersion v) {
  if (fixed_version(s.protocol)) {
    throw std::invalid_argument(
        "The context's protocol doesn't support modification of highest and lowest version.");
  }
  if (!known_version(v)) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%x", static_cast<unsigned>(static_cast<int>(v)));
    throw std::invalid_argument(std::string("Unsupported TLS/SSL version ") + hex);
  }
}

void check_verify_mode(VerifyMode mode) {
  if (mode != CERT_NONE && mode != CERT_OPTIONAL && mode != CERT_REQUIRED)
    throw std::invalid_argument("invalid value for verify_mode");
}

}  // namespace

std::vector<std::pair<std::string_view, long>> SessionStats::items() const {
  return {{"number", number},
          {"connect", connect},
          {"connect_good", connect_good},
          {"connect_renegotiate", connect_renegotiate},
          {"accept", accept},
          {"accept_good", accept_good},
          {"accept_renegotiate", accept_renegotiate},
          {"hits", hits},
          {"misses", misses},
          {"timeouts", timeouts},
          {"cache_full", cache_full}};
}

SSLContext::SSLContext() : SSLContext(PROTOCOL_TLS) {}

SSLContext::SSLContext(int protocol) {
  detail::load_public_suffix_file_once();
  switch (protocol) {
    case PROTOCOL_TLS:
    case PROTOCOL_TLSv1_2:
    case PROTOCOL_TLS_CLIENT:
    case PROTOCOL_TLS_SERVER:
      break;
    default:
      // PROTOCOL_TLSv1 and PROTOCOL_TLSv1_1 included: tlsock cannot speak them
      // (HAS_TLSv1 == false), as Python on an OpenSSL built without them.
      throw std::invalid_argument("invalid or unsupported protocol version " +
                                  std::to_string(protocol));
  }
  state_ = std::make_shared<ContextState>();
  ContextState& s = *state_;
  s.protocol = static_cast<SSLMethod>(protocol);
  if (protocol == PROTOCOL_TLS_CLIENT) {
    s.check_hostname = true;
    s.verify_mode = CERT_REQUIRED;
  }
  s.options = kDefaultOptions;
  if (fixed_version(s.protocol)) {
    // OpenSSL's fixed-version methods report no limits; the method itself is the limit.
    s.minimum_version = TLSVersion::MINIMUM_SUPPORTED;
    s.maximum_version = TLSVersion::MAXIMUM_SUPPORTED;
  }
  // A constant string the tests parse too: it cannot fail.
  auto ciphers = detail::parse_cipher_string(kPythonDefaultCiphers);
  s.cipher_suites_12 = std::move(ciphers->suites);
  s.security_level = ciphers->security_level.value_or(2);
  s.groups = kDefaultGroups;
}

SSLContext::~SSLContext() = default;

SSLMethod SSLContext::protocol() const {
  std::lock_guard lock(state_->mutex);
  return state_->protocol;
}

bool SSLContext::check_hostname() const {
  std::lock_guard lock(state_->mutex);
  return state_->check_hostname;
}

void SSLContext::set_check_hostname(bool value) {
  auto lock = state_->lock_for_change();
  if (value && state_->verify_mode == CERT_NONE) state_->verify_mode = CERT_REQUIRED;
  state_->check_hostname = value;
}

VerifyMode SSLContext::verify_mode() const {
  std::lock_guard lock(state_->mutex);
  return state_->verify_mode;
}

void SSLContext::set_verify_mode(VerifyMode value) {
  check_verify_mode(value);
  auto lock = state_->lock_for_change();
  if (value == CERT_NONE && state_->check_hostname) {
    throw std::invalid_argument(
        "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.");
  }
  state_->verify_mode = value;
}

VerifyFlags SSLContext::verify_flags() const {
  std::lock_guard lock(state_->mutex);
  return state_->verify_flags;
}

void SSLContext::set_verify_flags(VerifyFlags value) {
  auto lock = state_->lock_for_change();
  state_->verify_flags = value;
}

Options SSLContext::options() const {
  std::lock_guard lock(state_->mutex);
  return state_->options;
}

void SSLContext::set_options(Options value) {
  auto lock = state_->lock_for_change();
  state_->options = value;
}

TLSVersion SSLContext::minimum_version() const {
  std::lock_guard lock(state_->mutex);
  return state_->minimum_version;
}

void SSLContext::set_minimum_version(TLSVersion value) {
  auto lock = state_->lock_for_change();
  check_version_change(*state_, value);
  // Python emulates "the highest version" for a minimum of MAXIMUM_SUPPORTED.
  if (value == TLSVersion::MAXIMUM_SUPPORTED) value = TLSVersion::TLSv1_3;
  state_->minimum_version = value;
}

TLSVersion SSLContext::maximum_version() const {
  std::lock_guard lock(state_->mutex);
  return state_->maximum_version;
}

void SSLContext::set_maximum_version(TLSVersion value) {
  auto lock = state_->lock_for_change();
  check_version_change(*state_, value);
  // ... and "the lowest version" for a maximum of MINIMUM_SUPPORTED: ours is TLS 1.2.
  if (value == TLSVersion::MINIMUM_SUPPORTED) value = TLSVersion::TLSv1_2;
  state_->maximum_version = value;
}

bool SSLContext::post_handshake_auth() const {
  std::lock_guard lock(state_->mutex);
  return state_->post_handshake_auth;
}

void SSLContext::set_post_handshake_auth(bool value) {
  auto lock = state_->lock_for_change();
  state_->post_handshake_auth = value;
}

std::optional<std::string> SSLContext::keylog_filename() const {
  std::lock_guard lock(state_->mutex);
  return state_->keylog_filename;
}

void SSLContext::set_keylog_filename(std::optional<std::string> filename) {
  // Opened outside the lock: a slow file system must not stall connections starting.
  std::shared_ptr<detail::KeyLogFile> file;
  if (filename) file = detail::KeyLogFile::open(*filename);
  auto lock = state_->lock_for_change();
  state_->keylog_filename = std::move(filename);
  state_->key_log = std::move(file);
}

int SSLContext::num_tickets() const {
  std::lock_guard lock(state_->mutex);
  return state_->num_tickets;
}

void SSLContext::set_num_tickets(int value) {
  if (value < 0) throw std::invalid_argument("value must be non-negative");
  auto lock = state_->lock_for_change();
  if (state_->protocol != PROTOCOL_TLS_SERVER)
    throw std::invalid_argument("SSLContext is not a server context.");
  state_->num_tickets = value;
}

bool SSLContext::hostname_checks_common_name() const {
  std::lock_guard lock(state_->mutex);
  return state_->hostname_checks_common_name;
}

void SSLContext::set_hostname_checks_common_name(bool value) {
  auto lock = state_->lock_for_change();
  state_->hostname_checks_common_name = value;
}

int SSLContext::security_level() const {
  std::lock_guard lock(state_->mutex);
  return state_->security_level;
}

std::optional<SNICallback> SSLContext::sni_callback() const {
  std::lock_guard lock(state_->mutex);
  if (!state_->sni_callback) return std::nullopt;
  return *state_->sni_callback;
}

void SSLContext::set_sni_callback(std::optional<SNICallback> callback) {
  auto lock = state_->lock_for_change();
  if (state_->protocol == PROTOCOL_TLS_CLIENT)
    throw std::invalid_argument("sni_callback cannot be set on TLS_CLIENT context");
  if (callback && *callback) {
    state_->sni_callback = std::make_shared<const SNICallback>(std::move(*callback));
  } else {
    state_->sni_callback.reset();
  }
}

void SSLContext::set_servername_callback(std::optional<SNICallback> callback) {
  set_sni_callback(std::move(callback));
}

SessionStats SSLContext::session_stats() const {
  const auto& c = state_->session_counters;
  auto get = [&c](detail::SessionEvent e) {
    return c[static_cast<size_t>(e)].load(std::memory_order_relaxed);
  };
  using enum detail::SessionEvent;
  SessionStats s;
  s.number = static_cast<long>(state_->server_sessions->cache.size());
  s.connect = get(connect);
  s.connect_good = get(connect_good);
  s.connect_renegotiate = get(connect_renegotiate);
  s.accept = get(accept);
  s.accept_good = get(accept_good);
  s.accept_renegotiate = get(accept_renegotiate);
  s.hits = get(hits);
  s.misses = get(misses);
  s.timeouts = static_cast<long>(state_->server_sessions->cache.timeouts());
  s.cache_full = static_cast<long>(state_->server_sessions->cache.evictions());
  return s;
}

}  // namespace tlsock
