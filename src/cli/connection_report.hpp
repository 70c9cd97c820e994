// What the command says about an established connection: the one-line summary
//   tlsock: version=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 group=x25519
//           sigalg=ecdsa_secp256r1_sha256 alpn=- resumed=no verify=ok
// (every field always present, '-' when empty), the peer certificate's subject and issuer,
// and the longer description the server's --www page shows.
#pragma once

#include <string>

#include "tlsock/peer_certificate.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock::cli {

// The summary line (without newline). `verified`: the peer's certificate was validated.
std::string summary_line(const SSLSocket& connection, bool verified);

// "subject=...\nissuer=...\n" of the peer's leaf certificate; "no peer certificate\n" without.
std::string peer_certificate_lines(const SSLSocket& connection);

// The --www page body: the summary's fields one per line and the peer's chain.
std::string connection_description(const SSLSocket& connection, bool verified);

}  // namespace tlsock::cli
