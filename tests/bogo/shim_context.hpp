// The BoGo shim's SSLContext: the runner's flags for one connection turned into tlsock's
// configuration, and the code points the runner's -expect-* flags compare against.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bogo/shim_config.hpp"
#include "tlsock/ssl_context.hpp"

namespace bogo {

// Applies `config` to `context` (one context serves every connection of a run, so that the
// server's tickets and session cache, and the client's sessions, carry over to resumptions;
// each call sets every setting anew). Throws Unimplemented for a value tlsock lacks (a TLS 1.0
// maximum, a group or signature scheme it does not implement).
void configure_context(tlsock::SSLContext& context, const Config& config);

// The wire code points of what tlsock reports by name: "TLSv1.3" -> 0x0304, a cipher() name
// -> its suite, a group() or peer_signature_scheme() name (IANA) -> its code point.
std::optional<uint16_t> version_code(const std::string& name);
std::optional<uint16_t> cipher_code(const tlsock::SSLContext& context, const std::string& name);
std::optional<uint16_t> group_code(const std::string& name);
std::optional<uint16_t> signature_scheme_code(const std::string& name);

// The DER certificates of a PEM file, in order.
std::vector<std::string> read_pem_certificates(const std::string& path);

}  // namespace bogo
