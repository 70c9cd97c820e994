#include "tlsock/ssl_connection.hpp"

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "socket/ssl_session_state.hpp"
#include "socket/tls_driver.hpp"
#include "tlsock/errors.hpp"
#include "x509/idna.hpp"

namespace tlsock {
namespace {

// Python's server_hostname.encode('idna'): U-labels become A-labels, ASCII names stay as
// they are. What the codec refuses is Python's UnicodeError, a ValueError.
std::string a_label(const std::string& name) {
  Result<std::string> ascii = x509::hostname_to_ascii(name);
  if (!ascii) {
    throw std::invalid_argument("encoding with 'idna' codec failed (UnicodeError: " +
                                ascii.error().detail + ")");
  }
  return std::move(ascii).value();
}

}  // namespace

SSLConnection::SSLConnection(SSLContext context, bool server_side,
                             std::optional<std::string> server_hostname,
                             std::optional<SSLSession> session)
    : context_(std::move(context)), server_side_(server_side) {
  // The order of Python's checks (ssl.py, then _ssl.c), so the first failing one is reported.
  if (server_side && server_hostname) {
    throw std::invalid_argument("server_hostname can only be specified in client mode");
  }
  if (server_side && session) {
    throw std::invalid_argument("session can only be specified in client mode");
  }
  if (!server_side && context_.check_hostname() && !server_hostname) {
    throw std::invalid_argument("check_hostname requires server_hostname");
  }
  if (server_hostname) {
    if (server_hostname->empty() || server_hostname->front() == '.') {
      throw std::invalid_argument(
          "server_hostname cannot be an empty string or start with a leading dot.");
    }
    if (server_hostname->find('\0') != std::string::npos) {
      throw std::invalid_argument("embedded null character");
    }
    server_hostname_ = a_label(*server_hostname);
  }
  SSLMethod protocol = context_.protocol();
  if (!server_side && protocol == PROTOCOL_TLS_SERVER) {
    throw SSLError("Cannot create a client socket with a PROTOCOL_TLS_SERVER context");
  }
  if (server_side && protocol == PROTOCOL_TLS_CLIENT) {
    throw SSLError("Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
  }
  if (session) set_session(*session);
}

// The TLS object follows the connection, for the SNI callback it may call.
SSLConnection::SSLConnection(SSLConnection&& other) noexcept
    : context_(other.context_),
      server_side_(other.server_side_),
      server_hostname_(std::move(other.server_hostname_)),
      session_(std::move(other.session_)),
      tls_(std::move(other.tls_)) {
  if (tls_) tls_->set_owner(*this);
}

SSLConnection& SSLConnection::operator=(SSLConnection&& other) noexcept {
  context_ = other.context_;
  server_side_ = other.server_side_;
  server_hostname_ = std::move(other.server_hostname_);
  session_ = std::move(other.session_);
  tls_ = std::move(other.tls_);
  if (tls_) tls_->set_owner(*this);
  return *this;
}
SSLConnection::~SSLConnection() = default;

void SSLConnection::start_tls() {
  auto tls = std::make_shared<detail::TlsDriver>(context_, server_side_, server_hostname_,
                                                  session_, *this);
  std::lock_guard lock(tls_mutex_);
  tls_.swap(tls);
}

std::shared_ptr<detail::TlsDriver> SSLConnection::tls() const {
  std::lock_guard lock(tls_mutex_);
  return tls_;
}

void SSLConnection::drop_tls() {
  std::shared_ptr<detail::TlsDriver> dropped;
  std::lock_guard lock(tls_mutex_);
  tls_.swap(dropped);
}

std::shared_ptr<detail::TlsDriver> SSLConnection::connected_tls() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::system_error(ENOTCONN, std::generic_category());
  return tls;
}

std::optional<std::string> SSLConnection::version() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->version() : std::nullopt;
}

std::optional<Cipher> SSLConnection::cipher() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->cipher() : std::nullopt;
}

std::optional<std::vector<Cipher>> SSLConnection::shared_ciphers() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->shared_ciphers() : std::nullopt;
}

void SSLConnection::set_context(const SSLContext& context) {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  context_ = context;
  if (tls) tls->set_context(context);
}

std::optional<std::string> SSLConnection::selected_alpn_protocol() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->selected_alpn_protocol() : std::nullopt;
}

std::optional<std::string> SSLConnection::group() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->group() : std::nullopt;
}

std::optional<std::string> SSLConnection::peer_signature_scheme() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->peer_signature_scheme() : std::nullopt;
}

std::optional<std::string> SSLConnection::get_channel_binding(std::string_view cb_type) const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (cb_type == "tls-unique") return tls ? tls->tls_unique() : std::nullopt;
  if (cb_type == "tls-exporter") return tls ? tls->tls_exporter() : std::nullopt;
  throw std::invalid_argument("'" + std::string(cb_type) + "' channel binding type not implemented");
}

std::optional<std::string> SSLConnection::export_keying_material(
    std::string_view label, size_t length, std::optional<std::string_view> context) const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->export_keying_material(label, length, context) : std::nullopt;
}

void SSLConnection::key_update(bool update_requested) {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls->key_update(update_requested);
}

std::optional<PeerCertificate> SSLConnection::getpeercert() const {
  return connected_tls()->getpeercert();
}

std::optional<std::string> SSLConnection::getpeercert_der() const {
  return connected_tls()->getpeercert_der();
}

std::vector<std::string> SSLConnection::get_verified_chain() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->get_verified_chain() : std::vector<std::string>{};
}

std::vector<std::string> SSLConnection::get_unverified_chain() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->get_unverified_chain() : std::vector<std::string>{};
}

size_t SSLConnection::pending() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->pending() : 0;
}

void SSLConnection::close_notify() {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls->close_notify();
}

void SSLConnection::verify_client_post_handshake() {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls->verify_client_post_handshake();
}

std::optional<SSLSession> SSLConnection::session() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  return tls ? tls->session() : std::nullopt;
}

void SSLConnection::set_session(const SSLSession& session) {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!(detail::SessionAccess::state(session).context == context_)) {
    throw std::invalid_argument("Session refers to a different SSLContext.");
  }
  if (server_side_) throw std::invalid_argument("Cannot set session for server-side SSLSocket.");
  if (tls && tls->handshake_done()) {
    throw std::invalid_argument("Cannot set session after handshake.");
  }
  session_ = session;
  // A TLS object that exists but has not handshaken yet (SSLObject) starts again with the
  // session: its ClientHello has not been taken by anyone.
  if (tls) start_tls();
}

std::optional<bool> SSLConnection::session_reused() const {
  std::shared_ptr<detail::TlsDriver> tls = this->tls();
  if (!tls) return std::nullopt;
  return tls->session_reused();
}

}  // namespace tlsock
