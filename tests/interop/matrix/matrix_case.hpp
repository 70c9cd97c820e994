// The interop matrix: the rows (cases) and the columns (peer programs, in either direction).
//
// A case says what one connection exercises: a version, and at most one of a suite, a group,
// a certificate or a feature. The peer program is restricted to exactly what the case names
// (one suite, one group, ...), so a handshake that succeeds proves the case was negotiated;
// tlsock checks through its public API what it can see (version, suite, peer certificate,
// ALPN, resumption), and the peer's output shows the rest.
#pragma once

#include <string>
#include <vector>

namespace tlsock::interop::matrix {

enum class Version { tls12, tls13 };

enum class Feature {
  handshake,            // plain handshake (with the case's suite / group / certificate)
  hello_retry,          // the server accepts only P-384, the client's first key share is x25519
  resumption,           // a second connection resumes the first one's session
  client_auth,          // the server requires a client certificate (client-p256)
  post_handshake_auth,  // the server asks for the client certificate after the handshake
  key_update,           // KeyUpdate with update_requested, then without
  alpn,                 // client offers h2, http/1.1; the server only knows http/1.1
  sni,                  // the client names example.test; the server checks it
  npn,                  // TLS 1.2 NPN: the server advertises http/1.1
  bulk,                 // 10 MiB each way, compared by SHA-256
};

struct Suite {
  const char* iana;            // tlsock's cipher() name for TLS 1.3 suites
  const char* openssl;         // OpenSSL's name (TLS 1.2: also tlsock's cipher() name)
  const char* gnutls_cipher;   // GnuTLS priority cipher
  const char* gnutls_kx;       // GnuTLS key exchange, TLS 1.2 only
  const char* identity;        // a server certificate the suite can use
};

struct Group {
  const char* label;
  const char* openssl;   // -groups
  const char* gnutls;    // priority GROUP-...
  const char* tlsock;    // SSLContext::set_ecdh_curve
};

struct Case {
  std::string name;  // the row label
  Version version = Version::tls13;
  Feature feature = Feature::handshake;
  const Suite* suite = nullptr;  // null: both sides' defaults
  const Group* group = nullptr;  // null: both sides' defaults
  std::string identity = "server-p256";  // the server's certificate and key (vectors/engine)
};

extern const Group kP384;
// The client certificate of the client-authentication cases.
inline constexpr const char* kClientIdentity = "client-p256";

// Every row, TLS 1.3 first.
const std::vector<Case>& all_cases();

const char* version_label(Version v);
// The version tlsock reports for the case: "TLSv1.3" / "TLSv1.2".
const char* version_name(Version v);

// One column: a peer program and the side it plays.
enum class Tool { openssl, gnutls };
struct Column {
  Tool tool;
  bool peer_is_server;  // the peer serves, tlsock connects
  const char* name;     // "openssl s_server", "gnutls-cli", ...
};
const std::vector<Column>& all_columns();

enum class Applies { run, not_applicable, covered_elsewhere };
// Whether a cell runs here: some features exist only for one peer or version, and the
// OpenSSL cells that tests/interop/openssl_interop_test.cpp already drives (through the
// engine) are not repeated.
Applies applies(const Column& column, const Case& c);

}  // namespace tlsock::interop::matrix
