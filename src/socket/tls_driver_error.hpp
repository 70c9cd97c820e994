// The Python exception for an engine Error (internal), after Python's ssl docs, Exceptions:
// a received alert -> SSLError "[SSL: TLSV1_ALERT_...] tlsv1 alert ...", a rejected chain ->
// SSLCertVerificationError with the X.509 layer's verify_code/verify_message, writing after
// close -> "[SSL: PROTOCOL_IS_SHUTDOWN]", anything else -> SSLError with an OpenSSL-style
// reason and the engine's detail in parentheses.
#pragma once

#include "common/result.hpp"
#include "x509/cert_verifier.hpp"

namespace tlsock::detail {

[[noreturn]] void throw_tls_error(const Error& error, const x509::VerifyOutcome* outcome,
                                  bool server_side);

}  // namespace tlsock::detail
