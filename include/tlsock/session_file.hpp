// Beyond Python's API (OpenSSL's PEM_write_SSL_SESSION / PEM_read_SSL_SESSION, behind
// s_client -sess_out / -sess_in): an SSLSession saved as PEM text and read back, so that a
// later process can resume it (the tlsock command's --sess-out / --sess-in).
//
// The text holds the session's resumption secret (the TLS 1.3 PSK or the TLS 1.2 master
// secret) in the clear, as OpenSSL's does: whoever reads it can resume the session, so keep it
// private (the tlsock command writes it with mode 0600).
#pragma once

#include <string>
#include <string_view>

#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock {

// "-----BEGIN TLSOCK SESSION-----" ... "-----END TLSOCK SESSION-----\n".
std::string session_to_pem(const SSLSession& session);

// The session `pem` holds, made a session of `context` (set_session() accepts only sessions of
// the connection's context). std::invalid_argument when the text is not a session this
// version of tlsock wrote.
SSLSession session_from_pem(const SSLContext& context, std::string_view pem);

}  // namespace tlsock
