// ssl.get_server_certificate(): fetch a server's certificate without trusting it.
#pragma once

#include <optional>
#include <string>

#include "tlsock/constants.hpp"
#include "tlsock/socket.hpp"

namespace tlsock {

// Connects to addr (create_connection with timeout; nullopt: blocking), handshakes as a client
// of an ssl_version context with server_hostname = addr.host (SNI, unless an IP literal), and
// returns the server's leaf certificate as PEM (DER_cert_to_PEM_cert). Without ca_certs nothing
// is verified (CERT_NONE); with them the chain must verify (CERT_REQUIRED), the hostname is not
// checked. Errors are those of create_connection and the handshake (TimeoutError when the
// timeout passes).
std::string get_server_certificate(const Address& addr, int ssl_version = PROTOCOL_TLS_CLIENT,
                                   const std::optional<std::string>& ca_certs = std::nullopt,
                                   std::optional<double> timeout = std::nullopt);

}  // namespace tlsock
