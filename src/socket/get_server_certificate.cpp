// ssl.get_server_certificate() (Python's ssl docs, Certificate handling), with the context
// Python's _create_unverified_context() makes for it.
#include "tlsock/get_server_certificate.hpp"

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "tlsock/cert_utils.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_socket.hpp"

namespace tlsock {

std::string get_server_certificate(const Address& addr, int ssl_version,
                                   const std::optional<std::string>& ca_certs,
                                   std::optional<double> timeout) {
  SSLContext context(ssl_version);
  context.set_check_hostname(false);
  context.set_verify_mode(ca_certs ? CERT_REQUIRED : CERT_NONE);
  if (ca_certs) context.load_verify_locations({.cafile = ca_certs});
  if (const char* keylog = std::getenv("SSLKEYLOGFILE"); keylog && *keylog) {
    context.set_keylog_filename(keylog);
  }
  Socket sock = create_connection(addr.host, addr.port, timeout);
  SSLSocket sslsock = context.wrap_socket(std::move(sock), {.server_hostname = addr.host});
  std::optional<std::string> der = sslsock.getpeercert_der();
  return DER_cert_to_PEM_cert(der.value_or(std::string()));
}

}  // namespace tlsock
