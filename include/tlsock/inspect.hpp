// Beyond Python's API: what a program that shows TLS on the wire needs (the tlsock command's
// --trace and its connection summary): the IANA names of TLS code points and the decoding of
// a DER certificate into Python's getpeercert() dict.
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace tlsock
