// tlsock::SSLConnection: what SSLSocket and SSLObject have in common, the TLS methods and
// attributes of Python's SSLSocket/SSLObject that do not move bytes (version, cipher,
// getpeercert, ...). It is also what an SNI callback receives, so that it can swap the
// connection's context.
//
// How it works
// - The TLS object (Python's _ssl._SSLSocket) is an internal driver that owns the engine; it
//   exists from the moment the connection can speak TLS (at wrap time for SSLObject, on
//   connect/accept for SSLSocket) until close() or unwrap() of an SSLSocket. Without it the
//   queries answer as Python does: version()/cipher()/session() None, pending() 0,
//   getpeercert() OSError(ENOTCONN).
// - The driver is shared between threads of one socket (a reader and a writer) and locks its
//   engine; every query here takes that lock briefly. close()/shutdown() of an SSLSocket may
//   drop the TLS object while another thread uses it: each call works on its own reference
//   (tls()), taken under tls_mutex_, so the object lives until that call ends.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlsock/peer_certificate.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock {

// Python's cipher() tuple: (name, protocol that defined the suite, secret bits).
struct Cipher {
  std::string name;      // IANA's name for TLS 1.3 suites, OpenSSL's for TLS 1.2 ones
  std::string protocol;  // "TLSv1.3", "TLSv1.2": the version that defined the suite
  int bits = 0;
  friend bool operator==(const Cipher&, const Cipher&) = default;
};

namespace detail {
class TlsDriver;
}  // namespace detail

class SSLConnection {
 public:
  virtual ~SSLConnection();

  // "TLSv1.3" or "TLSv1.2"; nullopt before the handshake is done or without a TLS object.
  std::optional<std::string> version() const;
  std::optional<Cipher> cipher() const;
  // Server side after the handshake: the suites of this server's list (TLS 1.3 ones first,
  // then set_ciphers()' order) that the client offered. nullopt on a client and before the
  // handshake.
  std::optional<std::vector<Cipher>> shared_ciphers() const;
  // Always nullopt: TLS compression is never used.
  std::optional<std::string> compression() const { return std::nullopt; }
  std::optional<std::string> selected_alpn_protocol() const;
  // Beyond Python's API (OpenSSL's SSL_get0_group_name, SSL_get_peer_signature_type_nid), for
  // the tlsock command: the IANA name of the key-exchange group ("x25519"; nullopt before the
  // handshake, or when a resumption used no key exchange) and of the scheme the peer signed
  // its handshake with ("ecdsa_secp256r1_sha256"; nullopt when it signed nothing).
  std::optional<std::string> group() const;
  std::optional<std::string> peer_signature_scheme() const;
  // Always nullopt: HAS_NPN is false.
  std::optional<std::string> selected_npn_protocol() const { return std::nullopt; }
  // "tls-unique" (RFC 5929, as Python computes it, also under TLS 1.3) or, beyond Python,
  // "tls-exporter" (RFC 9266: 32 bytes); nullopt before the handshake. Another type:
  // std::invalid_argument("'<type>' channel binding type not implemented").
  std::optional<std::string> get_channel_binding(std::string_view cb_type = "tls-unique") const;
  // Beyond Python's API (OpenSSL's SSL_export_keying_material): `length` bytes of keying
  // material for `label` and, when given, `context` (RFC 5705; RFC 8446 §7.5 in TLS 1.3,
  // where no context and an empty one give the same bytes). nullopt before the handshake is
  // done or without a TLS object.
  std::optional<std::string> export_keying_material(
      std::string_view label, size_t length,
      std::optional<std::string_view> context = std::nullopt) const;
  // Beyond Python's API (OpenSSL's SSL_key_update): TLS 1.3 only, after the handshake. Queues a
  // KeyUpdate (RFC 8446 §4.6.3) that goes out with the next write or read; update_requested
  // asks the peer to update its sending keys too. Before the handshake is done: SSLError
  // "[SSL: STILL_IN_INIT]"; on TLS 1.2: "[SSL: WRONG_SSL_VERSION]"; without a TLS object:
  // std::invalid_argument("No SSL wrapper around SSLSocket").
  void key_update(bool update_requested = false);
  // Python's getpeercert(): nullopt when the peer sent no certificate, an empty() dict under
  // CERT_NONE, the decoded leaf otherwise. Before the handshake:
  // std::invalid_argument("handshake not done yet"); without a TLS object: ENOTCONN.
  std::optional<PeerCertificate> getpeercert() const;
  // Python's getpeercert(binary_form=True): the leaf's DER, validated or not.
  std::optional<std::string> getpeercert_der() const;
  // DER certificates, leaf first: the validated path (trust anchor last; the peer's chain
  // when nothing was validated), and the chain exactly as the peer sent it.
  std::vector<std::string> get_verified_chain() const;
  std::vector<std::string> get_unverified_chain() const;
  // Decrypted bytes ready to be read; 0 without a TLS object.
  size_t pending() const;
  // Beyond Python's API (OpenSSL's first SSL_shutdown() call), for the tlsock command: queue
  // close_notify and stop writing, but keep reading until the peer's close_notify (reads then
  // return "", later ones raise SSLZeroReturnError). The alert goes out with the next read
  // that waits for the peer, or with unwrap(), which also completes the exchange (once the
  // peer's close_notify is in, only unwrap() sends it). Python has only unwrap(), which drops
  // data still arriving. Without a TLS object: std::invalid_argument("No SSL wrapper around
  // SSLSocket").
  void close_notify();
  // Server, TLS 1.3: ask the client for a certificate with the next write (Python's ssl docs,
  // SSLSocket.verify_client_post_handshake()).
  void verify_client_post_handshake();

  bool server_side() const { return server_side_; }
  // The name given to wrap_socket/wrap_bio as Python's 'idna' codec encodes it: U-labels
  // become A-labels ("könig.example" -> "xn--knig-5qa.example"), ASCII stays as given (case
  // too); nullopt on a server. A name the codec refuses: std::invalid_argument.
  const std::optional<std::string>& server_hostname() const { return server_hostname_; }
  SSLContext context() const { return context_; }
  // Python's `conn.context = other`. A TLS object made from now on (connect, accept) reads all
  // its settings from `context`. One that exists keeps its settings, except that: inside an
  // SNI callback the handshake then serves `context`'s certificates and ALPN protocols and
  // checks a client certificate against its CAs (OpenSSL's SSL_set_SSL_CTX(); suites,
  // verify_mode, session tickets and session_stats() stay with the original context);
  // getpeercert() reads `context`'s verify_mode.
  void set_context(const SSLContext& context);
  // A session to resume with once a ticket arrived (TLS 1.3); nullopt before that.
  std::optional<SSLSession> session() const;
  // Client, before the handshake: resume `session` (Python's ssl docs, SSLSocket.session;
  // test_ssl.py test_session_handling for the errors).
  void set_session(const SSLSession& session);
  // nullopt without a TLS object, then whether the handshake resumed a session.
  std::optional<bool> session_reused() const;

 protected:
  // Checks Python's wrap_socket/wrap_bio arguments (with the messages of Python's
  // SSLContext.wrap_socket()).
  SSLConnection(SSLContext context, bool server_side, std::optional<std::string> server_hostname,
                std::optional<SSLSession> session);
  SSLConnection(SSLConnection&&) noexcept;
  SSLConnection& operator=(SSLConnection&&) noexcept;

  // Creates the TLS object (the engine starts: a client's ClientHello is queued).
  void start_tls();
  // The TLS object, or null: a reference of the caller's own, valid however long it needs it.
  std::shared_ptr<detail::TlsDriver> tls() const;
  void drop_tls();

 private:
  // The TLS object, or ENOTCONN.
  std::shared_ptr<detail::TlsDriver> connected_tls() const;

  SSLContext context_;
  bool server_side_ = false;
  std::optional<std::string> server_hostname_;
  std::optional<SSLSession> session_;  // to resume, until the TLS object takes it
  mutable std::mutex tls_mutex_;  // guards tls_ itself (another thread may drop it)
  std::shared_ptr<detail::TlsDriver> tls_;
};

}  // namespace tlsock
