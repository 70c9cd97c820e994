// tlsock::SSLContext: Python's ssl.SSLContext, the configuration shared by connections.
//
// How it works
// - A context is a handle, like a Python object reference: copies share one context, and a
//   change made through one copy is seen through all of them. `a == b` is Python's `a is b`.
// - Every getter and setter locks the context, so a context may be configured from one
//   thread and used by connections on others. A connection reads the configuration once,
//   when it starts (an immutable snapshot), so reconfiguring a context never changes a
//   handshake already under way; it changes the next one.
// - Defaults follow Python 3.13 per protocol (ssl docs, SSLContext(protocol)): PROTOCOL_TLS_CLIENT
//   checks the server (CERT_REQUIRED, check_hostname); PROTOCOL_TLS_SERVER and PROTOCOL_TLS verify
//   nothing (CERT_NONE). Validation and messages are Python's; Python's ValueError and
//   TypeError are std::invalid_argument (a wrong type is usually a compile error here),
//   OSError(errno) is std::system_error, and library errors are SSLError.
//
// Where Python's behaviour cannot map directly:
// - Versions. tlsock speaks TLS 1.2 and TLS 1.3 only (HAS_TLSv1 == HAS_TLSv1_1 == false).
//   SSLv3, TLSv1 and TLSv1_1 are accepted by set_minimum_version / set_maximum_version as in
//   Python (no DeprecationWarning: C++ has none) and read back unchanged, but they only
//   narrow the range: a minimum below TLSv1_2 behaves as TLSv1_2, and a maximum below TLSv1_2
//   leaves no version tlsock can speak, so every handshake then fails ("no protocols
//   available"). MINIMUM_SUPPORTED means TLSv1_2, MAXIMUM_SUPPORTED TLSv1_3.
//   PROTOCOL_TLSv1 and PROTOCOL_TLSv1_1 are refused by the constructor, as Python refuses
//   them on an OpenSSL built without those versions; PROTOCOL_TLSv1_2 is a fixed-version
//   context.
// - cadata. Python tells PEM (str) from DER (bytes) by type; both are std::string here, so
//   VerifyLocations has two members: `cadata` is PEM text, `cadata_der` concatenated DER.
// - NPN. HAS_NPN is false: set_npn_protocols validates its list as Python does and then does
//   nothing (Python raises AttributeError there; a no-op keeps ported code running).
// - Cipher strings cover tlsock's six TLS 1.2 suites (ECDHE with RSA or ECDSA, AES-GCM or
//   ChaCha20-Poly1305); aliases that match none of them select nothing, exactly as OpenSSL
//   restricted to those six would (tests compare with OpenSSL's own answers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "tlsock/constants.hpp"
#include "tlsock/peer_certificate.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock {

class SSLContext;
// The TLS connection an SNI callback is called for: Python passes the SSLSocket or the
// SSLObject being handshaken. Defined by the connection classes (their common base), so that
// the callback can swap the connection's context: `conn.set_context(other)`.
class SSLConnection;
class SSLSocket;
class SSLObject;
class Socket;
class MemoryBIO;

// Python's keyword arguments of wrap_socket(), in Python's order.
struct WrapSocketOptions {
  bool server_side = false;
  bool do_handshake_on_connect = true;
  bool suppress_ragged_eofs = true;
  std::optional<std::string> server_hostname{};
  std::optional<SSLSession> session{};
};

// Python's keyword arguments of wrap_bio(), in Python's order.
struct WrapBioOptions {
  bool server_side = false;
  std::optional<std::string> server_hostname{};
  std::optional<SSLSession> session{};
};

namespace detail {
struct ContextState;
struct ContextAccess;
}  // namespace detail

// Python's keyword arguments of load_verify_locations() and create_default_context(). Each
// member left empty is Python's None.
// (The {} initializers keep GCC's -Wmissing-field-initializers quiet for designated
// initializers that name only some members.)
struct VerifyLocations {
  std::optional<std::string> cafile{};  // a PEM file of CA certificates (and CRLs)
  std::optional<std::string> capath{};  // a directory of PEM files (and CRLs), searched when needed
  // PEM text (Python's str): certificates and CRLs, junk between blocks ignored.
  std::optional<std::string> cadata{};
  // Concatenated DER certificates and CRLs (Python's cadata as bytes): no trailing garbage
  // allowed. (CPython reads only certificates from cadata; tlsock takes CRLs there too.)
  std::optional<std::string> cadata_der{};
};

// The password argument of load_cert_chain(): None (default), the password itself (Python's
// str/bytes: any bytes), or a callable returning it. The callable runs only when the key is
// encrypted, and what it throws propagates. Passing a bool or a callable returning anything
// but a string does not compile (Python's TypeErrors).
class Password {
 public:
  using Callback = std::function<std::string()>;

  Password() = default;
  Password(std::nullopt_t) {}
  Password(std::string value) : value_(std::move(value)) {}
  Password(std::string_view value) : value_(std::string(value)) {}
  Password(const char* value) : value_(std::string(value)) {}
  template <typename F>
    requires(std::is_invocable_r_v<std::string, F&> && !std::is_convertible_v<F, std::string> &&
             !std::is_same_v<std::decay_t<F>, Password>)
  Password(F callback) : callback_(std::move(callback)) {}

  bool empty() const { return !value_ && !callback_; }
  // The password: the value, or what the callback returns (called at each use).
  std::string get() const { return value_ ? *value_ : callback_(); }

 private:
  std::optional<std::string> value_;
  Callback callback_;
};

// Python's cert_store_stats() dict.
struct CertStoreStats {
  size_t x509 = 0;     // every certificate in the trust store
  size_t crl = 0;      // CRLs loaded
  size_t x509_ca = 0;  // certificates that are CAs (basicConstraints cA)

  // Python's key order: ("x509", n), ("crl", n), ("x509_ca", n).
  std::vector<std::pair<std::string_view, size_t>> items() const {
    return {{"x509", x509}, {"crl", crl}, {"x509_ca", x509_ca}};
  }
  friend bool operator==(const CertStoreStats&, const CertStoreStats&) = default;
};

// Python's session_stats() dict: OpenSSL's SSL_CTX_sess_* counters for connections made
// with this context (a context an SNI callback switches to counts nothing: OpenSSL's
// session context stays the original one).
struct SessionStats {
  long number = 0;               // sessions in the TLS 1.2 session-ID cache now
  long connect = 0;              // client handshakes started
  long connect_good = 0;         // client handshakes completed
  long connect_renegotiate = 0;  // always 0: tlsock does not renegotiate
  long accept = 0;               // server handshakes started
  long accept_good = 0;          // server handshakes completed
  long accept_renegotiate = 0;   // always 0
  long hits = 0;                 // resumptions accepted by a server
  // Full handshakes although a session was offered (client) or asked for (server: a PSK, a
  // ticket or a session ID); a session of another context counts here.
  long misses = 0;
  long timeouts = 0;             // always 0: an expired session counts as a miss
  long cache_full = 0;           // always 0: a full cache drops its oldest session

  // Python's key order.
  std::vector<std::pair<std::string_view, long>> items() const;
  friend bool operator==(const SessionStats&, const SessionStats&) = default;
};

// One dict of Python's get_ciphers(): what OpenSSL's SSL_CIPHER_* functions say of a suite.
struct CipherDetails {
  uint32_t id = 0;                    // 0x03000000 | the IANA code point
  std::string name;                   // OpenSSL's name ("ECDHE-RSA-AES128-GCM-SHA256"), IANA's for 1.3
  std::string protocol;               // "TLSv1.2" or "TLSv1.3": the version that defined it
  std::string description;            // SSL_CIPHER_description(), without the newline
  int strength_bits = 0;
  int alg_bits = 0;
  bool aead = false;
  std::optional<std::string> symmetric;  // "aes-128-gcm", "chacha20-poly1305"
  std::optional<std::string> digest;     // the MAC's digest; None for AEAD suites
  std::optional<std::string> kea;        // "kx-ecdhe"; "kx-any" for TLS 1.3
  std::optional<std::string> auth;       // "auth-rsa", "auth-ecdsa"; "auth-any" for TLS 1.3
  friend bool operator==(const CipherDetails&, const CipherDetails&) = default;
};

// Python's sni_callback(ssl_object, server_name, original_context): called on the server
// once the ClientHello arrived (its version negotiated, nothing else chosen yet), on the
// thread driving the handshake, with the SNI name (A-label) or nullopt and the context whose
// callback it is. It may switch the connection to another context (conn.set_context(other))
// to serve that context's certificates and ALPN protocols (and check client certificates
// against its CAs; see SSLConnection::set_context()). Returning nullopt continues the
// handshake; returning an alert ends it with that alert; an exception ends it with
// handshake_failure. Either way the server's handshake raises SSLError "[SSL:
// CALLBACK_FAILED] callback failed (<what the callback did>)" and the client receives the
// alert.
using SNICallback = std::function<std::optional<AlertDescription>(
    SSLConnection& connection, std::optional<std::string_view> server_name,
    SSLContext& original_context)>;

// Beyond Python's public API (its private SSLContext._msg_callback, for the tlsock command's
// --trace): one TLS message a connection sent or received, in the clear. `data` is the whole
// handshake message (4-byte header + body) for content_type 22, the alert (level,
// description) for 21, the byte 0x01 for ChangeCipherSpec (20). Valid during the call only.
struct TLSMessage {
  bool sent = false;     // false: received
  int content_type = 0;  // the TLS ContentType
  std::string_view data;
};
// Called on the thread driving the connection, while the connection is locked: it must not
// call the connection.
using MsgCallback = std::function<void(const TLSMessage& message)>;

class SSLContext {
 public:
  // Python's SSLContext() without argument: PROTOCOL_TLS (deprecated in Python).
  SSLContext();
  // PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, PROTOCOL_TLS or PROTOCOL_TLSv1_2. Anything else
  // is std::invalid_argument("invalid or unsupported protocol version %i").
  explicit SSLContext(int protocol);

  // Copies share the context (no move constructor: a moved-from handle stays usable).
  SSLContext(const SSLContext&) = default;
  SSLContext& operator=(const SSLContext&) = default;
  ~SSLContext();

  // Python's `is`: both handles name the same context.
  friend bool operator==(const SSLContext& a, const SSLContext& b) { return a.state_ == b.state_; }

  // --- attributes -----------------------------------------------------------------------------
  SSLMethod protocol() const;

  // Turning it on turns CERT_NONE into CERT_REQUIRED (CERT_OPTIONAL stays).
  bool check_hostname() const;
  void set_check_hostname(bool value);

  // CERT_NONE while check_hostname is on: std::invalid_argument("Cannot set verify_mode to
  // CERT_NONE when check_hostname is enabled."); a value that is no VerifyMode:
  // std::invalid_argument("invalid value for verify_mode").
  VerifyMode verify_mode() const;
  void set_verify_mode(VerifyMode value);

  VerifyFlags verify_flags() const;
  void set_verify_flags(VerifyFlags value);

  // Any bits are kept as given. OP_NO_TLSv1_2 / OP_NO_TLSv1_3 remove that version,
  // OP_NO_TICKET stops TLS 1.2 session tickets, OP_ENABLE_MIDDLEBOX_COMPAT is RFC 8446 §D.4,
  // OP_CIPHER_SERVER_PREFERENCE makes a server choose by its own order.
  Options options() const;
  void set_options(Options value);

  // See the note at the top for what versions below TLSv1_2 do. A value that is no TLSVersion:
  // std::invalid_argument("Unsupported TLS/SSL version 0x2a"); on PROTOCOL_TLSv1_2:
  // std::invalid_argument("The context's protocol doesn't support modification of highest and
  // lowest version.").
  TLSVersion minimum_version() const;
  void set_minimum_version(TLSVersion value);
  TLSVersion maximum_version() const;
  void set_maximum_version(TLSVersion value);

  // TLS 1.3 post-handshake client authentication (Python's ssl docs,
  // SSLContext.post_handshake_auth). Never changes verify_mode.
  bool post_handshake_auth() const;
  void set_post_handshake_auth(bool value);

  // NSS key log (SSLKEYLOGFILE format). Setting a name opens the file for append at once
  // (std::system_error with the errno when it cannot: EISDIR for a directory, ENOENT, EACCES)
  // and writes "# TLS secrets log file, generated by OpenSSL / Python\n" if it is empty;
  // nullopt stops logging.
  std::optional<std::string> keylog_filename() const;
  void set_keylog_filename(std::optional<std::string> filename);

  // TLS 1.3 tickets a server sends after a handshake (default 2). Negative:
  // std::invalid_argument("value must be non-negative"); on any context but
  // PROTOCOL_TLS_SERVER: std::invalid_argument("SSLContext is not a server context.").
  int num_tickets() const;
  void set_num_tickets(int value);
  // Beyond Python's API (OpenSSL keeps one ticket key per context unless the application
  // rotates it): how often, in seconds, this context's servers start a new session-ticket key
  // (default 6 hours, as rustls). A ticket opens under the key that sealed it for one more
  // period after the next key takes over, then not at all: a full handshake instead. Keys also
  // change after 2^24 tickets. Outside 1..604800 (RFC 8446 §4.6.1's 7 days, the longest a
  // ticket lives): std::invalid_argument("ticket key rotation must be 1..604800 seconds").
  int ticket_key_rotation() const;
  void set_ticket_key_rotation(int seconds);

  // Whether a certificate without DNS names may match by its subject commonName (default on).
  bool hostname_checks_common_name() const;
  void set_hostname_checks_common_name(bool value);

  // OpenSSL's security level (2 by default; "@SECLEVEL=n" in set_ciphers changes it).
  int security_level() const;

  // Empty (nullopt or an empty function) is Python's None. On PROTOCOL_TLS_CLIENT:
  // std::invalid_argument("sni_callback cannot be set on TLS_CLIENT context").
  std::optional<SNICallback> sni_callback() const;
  void set_sni_callback(std::optional<SNICallback> callback);
  // Python's legacy spelling of set_sni_callback().
  void set_servername_callback(std::optional<SNICallback> callback);

  // --- certificates ---------------------------------------------------------------------------
  // The leaf certificate then its chain (PEM) from certfile, and the private key from keyfile
  // or, without one, from certfile. One chain is kept per key type (RSA, RSA-PSS, ECDSA,
  // Ed25519): loading an RSA chain and then an ECDSA one serves both; loading a second RSA
  // chain replaces the first. Errors:
  //   missing or unreadable file       std::system_error with the errno (ENOENT, ...)
  //   no certificate, bad PEM, no key,
  //   a wrong or missing password      SSLError "[SSL] PEM lib (<what and where>)"
  //   key not the certificate's        SSLError "[X509: KEY_VALUES_MISMATCH] key values mismatch (...)"
  //   password over 1024 bytes         std::invalid_argument("password cannot be longer than 1024 bytes")
  void load_cert_chain(const std::string& certfile,
                       const std::optional<std::string>& keyfile = std::nullopt,
                       const Password& password = {});

  // Adds trust anchors. All members empty: std::invalid_argument("cafile, capath and cadata
  // cannot be all omitted"); empty cadata: std::invalid_argument("Empty certificate data");
  // a missing cafile: std::system_error(ENOENT). A cafile without certificate: SSLError
  // "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found"; one with a broken block:
  // "[X509] PEM lib (...)"; cadata without certificate: SSLError("no start line: cadata does
  // not contain a certificate") (PEM) or ("not enough data: ...") (DER). Duplicates are
  // ignored. A capath that does not exist is accepted and finds nothing (OpenSSL's lazy
  // lookup). CRLs ("X509 CRL" PEM blocks, DER CertificateLists in cadata_der) are kept beside
  // the certificates for verify_flags VERIFY_CRL_CHECK_LEAF / VERIFY_CRL_CHECK_CHAIN; a capath's
  // CRLs count in cert_store_stats() once a handshake has looked them up.
  void load_verify_locations(const VerifyLocations& locations);
  // Python's load_default_certs(purpose): set_default_verify_paths(), whatever the purpose.
  void load_default_certs(Purpose purpose = Purpose::SERVER_AUTH);
  // The system CA bundle and directory, or SSL_CERT_FILE / SSL_CERT_DIR when set. Never fails:
  // what cannot be read is skipped.
  void set_default_verify_paths();
  // The CA certificates of the trust store, as getpeercert() dicts (Python's
  // get_ca_certs()) or as DER (get_ca_certs(binary_form=True)). Certificates of a capath
  // appear once a handshake has looked them up, as in Python.
  std::vector<PeerCertificate> get_ca_certs() const;
  std::vector<std::string> get_ca_certs_der() const;
  CertStoreStats cert_store_stats() const;

  // --- ciphers, groups, ALPN ------------------------------------------------------------------
  // OpenSSL's cipher-list syntax for the TLS 1.2 suites: elements separated by ':' ',' ' '
  // or ';'; suite names and aliases (ALL, DEFAULT, HIGH, AESGCM, AES, AES128, AES256,
  // CHACHA20, ECDHE, ECDH, ECDSA, aECDSA, aRSA, kECDHE, ...) joined by '+' for "both";
  // prefixes '!' (remove for good), '-' (remove), '+' (move to the end); @STRENGTH and
  // @SECLEVEL=n. TLS 1.3 suites are not affected. Nothing selected or a malformed command:
  // SSLError("No cipher can be selected."), and the context is left unchanged.
  void set_ciphers(std::string_view cipherlist);
  void set_ciphers(std::nullptr_t) = delete;  // Python's TypeError for None
  // TLS 1.3 suites first, then the TLS 1.2 suites in preference order.
  std::vector<CipherDetails> get_ciphers() const;
  // Restricts key exchange to one group, by OpenSSL's short name: "prime256v1",
  // "secp384r1", "X25519" (the groups tlsock implements). A name OpenSSL does not know:
  // std::invalid_argument("unknown elliptic curve name 'foo'"); a curve OpenSSL knows but
  // tlsock does not implement (X448, secp521r1, ...): SSLError.
  void set_ecdh_curve(std::string_view curve_name);
  void set_ecdh_curve(std::nullptr_t) = delete;  // Python's TypeError for None
  // ALPN protocol names in preference order; each 1 to 255 ASCII bytes, else SSLError("ALPN
  // protocols must be 1 to 255 in length") (std::invalid_argument for non-ASCII, Python's
  // UnicodeEncodeError).
  void set_alpn_protocols(const std::vector<std::string>& protocols);
  // Validated like ALPN ("NPN protocols must be ..."), then ignored: HAS_NPN is false.
  void set_npn_protocols(const std::vector<std::string>& protocols);

  SessionStats session_stats() const;

  // --- beyond Python's API, for the tlsock command (OpenSSL's equivalents) ------------------
  // SSL_CTX_set_ciphersuites(): the TLS 1.3 suites in preference order, IANA names separated
  // by ':' ("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"). A name that is not a TLS 1.3
  // suite tlsock implements, or an empty list: SSLError("No cipher can be selected.").
  void set_ciphersuites(std::string_view suites);
  // SSL_CTX_set1_groups_list(): key-exchange groups in preference order, ':'-separated IANA
  // names or OpenSSL's aliases ("x25519:P-256", "X25519", "prime256v1", "secp384r1"). A
  // group tlsock does not implement: std::invalid_argument.
  void set_groups(std::string_view groups);
  // SSL_CTX_set1_sigalgs_list(): the signature schemes offered and accepted, in preference
  // order, ':'-separated IANA names ("ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256"). One
  // tlsock does not implement: std::invalid_argument.
  void set_sigalgs(std::string_view sigalgs);
  // Python's private _msg_callback: called with every TLS message of every connection made
  // from now on (see TLSMessage); nullopt stops it.
  void set_msg_callback(std::optional<MsgCallback> callback);

  // --- connections ----------------------------------------------------------------------------
  // An SSLSocket over sock's fd (sock is left closed). Checks of Python's wrap_socket():
  // std::logic_error for a socket that is not SOCK_STREAM (NotImplementedError),
  // std::invalid_argument for the server_hostname/session/check_hostname rules, SSLError for a
  // side this context cannot be. Defined in ssl_socket.cpp.
  SSLSocket wrap_socket(Socket&& sock, const WrapSocketOptions& options = {});
  // An SSLObject over two MemoryBIOs (handles: the caller keeps using its copies). Defined in
  // ssl_object.cpp.
  SSLObject wrap_bio(const MemoryBIO& incoming, const MemoryBIO& outgoing,
                     const WrapBioOptions& options = {});

 private:
  friend struct detail::ContextAccess;
  std::shared_ptr<detail::ContextState> state_;
};

// Python's ssl.create_default_context(purpose, cafile=, capath=, cadata=): SERVER_AUTH gives a
// PROTOCOL_TLS_CLIENT context (CERT_REQUIRED, check_hostname), CLIENT_AUTH a
// PROTOCOL_TLS_SERVER one (CERT_NONE); both add VERIFY_X509_PARTIAL_CHAIN |
// VERIFY_X509_STRICT (Python 3.13). The given CA material is loaded; without any, a context
// that verifies loads the default certificates. SSLKEYLOGFILE, when set and not empty,
// becomes keylog_filename. A value that is no Purpose: std::invalid_argument.
SSLContext create_default_context(Purpose purpose = Purpose::SERVER_AUTH,
                                  const VerifyLocations& locations = {});

}  // namespace tlsock
