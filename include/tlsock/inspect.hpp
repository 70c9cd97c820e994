// Beyond Python's API: what a program that shows TLS on the wire needs (the tlsock command's
// --trace and its connection summary): the IANA names of TLS code points, the decoding of a
// DER certificate into Python's getpeercert() dict, and the description of a handshake message
// read by the handshake's own decoders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tlsock/buffer.hpp"
#include "tlsock/peer_certificate.hpp"

namespace tlsock {

// IANA names ("client_hello", "key_share", "x25519", "ecdsa_secp256r1_sha256",
// "TLS_AES_128_GCM_SHA256", "handshake_failure", "tls1_3"...); a value tlsock does not know
// reads "unknown(0x....)".
std::string content_type_name(uint8_t value);
std::string handshake_type_name(uint8_t value);
std::string extension_name(uint16_t value);
std::string named_group_name(uint16_t value);
std::string signature_scheme_name(uint16_t value);
std::string cipher_suite_name(uint16_t value);
std::string protocol_version_name(uint16_t value);
std::string alert_level_name(uint8_t value);
std::string alert_description_name(uint8_t value);

// The getpeercert() dict of one DER certificate (what getpeercert() gives under CERT_NONE
// for a certificate that was not validated). std::invalid_argument when it does not parse.
PeerCertificate decode_der_certificate(ConstBuffer der);

// "CN=leaf, O=tlsock demo": a getpeercert() subject or issuer with OpenSSL's short names where
// there is one, "(empty)" for an empty name.
std::string distinguished_name(const PeerCertificate::DistinguishedName& name);

// One handshake message as a trace shows it (SSLContext::set_msg_callback hands over the
// bytes): its type, its fields, and each extension with its name and value, e.g.
//   title "ClientHello", type 1, length 246, lines:
//     "version tls1_2, random 32 bytes, session_id 32 bytes"
//     "cipher_suites: TLS_AES_128_GCM_SHA256, ..."
//     "extension server_name (0), 14 bytes: localhost"
struct HandshakeMessageDescription {
  std::string title;  // as the RFCs name the message: "ServerHello", "HelloRetryRequest", ...
  uint8_t type = 0;   // the HandshakeType (RFC 8446 §4)
  size_t length = 0;  // the body length the 4-byte header gives
  // One line per field and per extension. A message that does not decode (or whose length
  // disagrees with its header) ends in a line "(malformed: ...)" saying why.
  std::vector<std::string> lines;
  // A ServerHello that selects TLS 1.3 (RFC 8446 §4.2.1: it carries supported_versions).
  bool selects_tls13 = false;
};

// Describes one whole handshake message (header included), decoded by the same decoders the
// handshake runs. `tls13`: the version the connection's ServerHello chose, for the messages
// whose layout differs by version (Certificate, CertificateRequest, NewSessionTicket). Never
// throws on bad bytes: they are described as malformed.
HandshakeMessageDescription describe_handshake_message(ConstBuffer message, bool tls13);

}  // namespace tlsock
