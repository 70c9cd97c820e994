// ssl.create_default_context() (Python's ssl docs, Context creation).
#include <cstdlib>
#include <stdexcept>

#include "tlsock/ssl_context.hpp"

namespace tlsock {

SSLContext create_default_context(Purpose purpose, const VerifyLocations& locations) {
  int protocol;
  if (purpose == Purpose::SERVER_AUTH) {
    protocol = PROTOCOL_TLS_CLIENT;
  } else if (purpose == Purpose::CLIENT_AUTH) {
    protocol = PROTOCOL_TLS_SERVER;
  } else {
    throw std::invalid_argument("create_default_context: unknown purpose " +
                                std::to_string(static_cast<int>(purpose)));
  }
  SSLContext context(protocol);
  if (purpose == Purpose::SERVER_AUTH) {
    context.set_verify_mode(CERT_REQUIRED);
    context.set_check_hostname(true);
  }
  // Python 3.13: partial chains make chain building end at any trusted certificate, as other
  // implementations do; strict refuses malformed certificates.
  context.set_verify_flags(context.verify_flags() | VERIFY_X509_PARTIAL_CHAIN |
                           VERIFY_X509_STRICT);
  // Python tests the arguments for truth: an empty string counts as not given.
  auto given = [](const std::optional<std::string>& s) { return s && !s->empty(); };
  if (given(locations.cafile) || given(locations.capath) || given(locations.cadata) ||
      given(locations.cadata_der)) {
    VerifyLocations present;
    if (given(locations.cafile)) present.cafile = locations.cafile;
    if (given(locations.capath)) present.capath = locations.capath;
    if (given(locations.cadata)) present.cadata = locations.cadata;
    if (given(locations.cadata_der)) present.cadata_der = locations.cadata_der;
    context.load_verify_locations(present);
  } else if (context.verify_mode() != CERT_NONE) {
    context.load_default_certs(purpose);
  }
  if (const char* keylog = std::getenv("SSLKEYLOGFILE"); keylog && *keylog)
    context.set_keylog_filename(keylog);
  return context;
}

}  // namespace tlsock
