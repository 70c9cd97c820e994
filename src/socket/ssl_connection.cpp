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
  tls_ = std::make_shared<detail::TlsSession>(context_, server_side_, server_hostname_, session_,
                                              *this);
}

detail::TlsSession& SSLConnection::connected_tls() const {
  if (!tls_) throw std::system_error(ENOTCONN, std::generic_category());
  return *tls_;
}

std::optional<std::string> SSLConnection::version() const {
  return tls_ ? tls_->version() : std::nullopt;
}

std::optional<Cipher> SSLConnection::cipher() const {
  return tls_ ? tls_->cipher() : std::nullopt;
}

std::optional<std::vector<Cipher>> SSLConnection::shared_ciphers() const {
  return tls_ ? tls_->shared_ciphers() : std::nullopt;
}

void SSLConnection::set_context(const SSLContext& context) {
  context_ = context;
  if (tls_) tls_->set_context(context);
}

std::optional<std::string> SSLConnection::selected_alpn_protocol() const {
  return tls_ ? tls_->selected_alpn_protocol() : std::nullopt;
}

std::optional<std::string> SSLConnection::group() const {
  return tls_ ? tls_->group() : std::nullopt;
}

std::optional<std::string> SSLConnection::peer_signature_scheme() const {
  return tls_ ? tls_->peer_signature_scheme() : std::nullopt;
}

std::optional<std::string> SSLConnection::get_channel_binding(std::string_view cb_type) const {
  if (cb_type == "tls-unique") return tls_ ? tls_->tls_unique() : std::nullopt;
  if (cb_type == "tls-exporter") return tls_ ? tls_->tls_exporter() : std::nullopt;
  throw std::invalid_argument("'" + std::string(cb_type) + "' channel binding type not implemented");
}

std::optional<std::string> SSLConnection::export_keying_material(
    std::string_view label, size_t length, std::optional<std::string_view> context) const {
  return tls_ ? tls_->export_keying_material(label, length, context) : std::nullopt;
}

void SSLConnection::key_update(bool update_requested) {
  if (!tls_) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls_->key_update(update_requested);
}

std::optional<PeerCertificate> SSLConnection::getpeercert() const {
  return connected_tls().getpeercert();
}

std::optional<std::string> SSLConnection::getpeercert_der() const {
  return connected_tls().getpeercert_der();
}

std::vector<std::string> SSLConnection::get_verified_chain() const {
  return tls_ ? tls_->get_verified_chain() : std::vector<std::string>{};
}

std::vector<std::string> SSLConnection::get_unverified_chain() const {
  return tls_ ? tls_->get_unverified_chain() : std::vector<std::string>{};
}

size_t SSLConnection::pending() const { return tls_ ? tls_->pending() : 0; }

void SSLConnection::close_notify() {
  if (!tls_) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls_->close_notify();
}

void SSLConnection::verify_client_post_handshake() {
  if (!tls_) throw std::invalid_argument("No SSL wrapper around SSLSocket");
  tls_->verify_client_post_handshake();
}

std::optional<SSLSession> SSLConnection::session() const {
  return tls_ ? tls_->session() : std::nullopt;
}

void SSLConnection::set_session(const SSLSession& session) {
  if (!(detail::SessionAccess::state(session).context == context_)) {
    throw std::invalid_argument("Session refers to a different SSLContext.");
  }
  if (server_side_) throw std::invalid_argument("Cannot set session for server-side SSLSocket.");
  if (tls_ && tls_->handshake_done()) {
    throw std::invalid_argument("Cannot set session after handshake.");
  }
  session_ = session;
  // A TLS object that exists but has not handshaken yet (SSLObject) starts again with the
  // session: its ClientHello has not been taken by anyone.
  if (tls_) start_tls();
}

std::optional<bool> SSLConnection::session_reused() const {
  if (!tls_) return std::nullopt;
  return tls_->session_reused();
}

}  // namespace tlsock
