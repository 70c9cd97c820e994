// Building Python's getpeercert() dict (tlsock::PeerCertificate) from a Certificate, the way
// CPython's Modules/_ssl.c _decode_certificate() does it on top of OpenSSL 3.0.
#pragma once

#include <string>

#include "common/result.hpp"
#include "tlsock/peer_certificate.hpp"
#include "x509/certificate.hpp"

namespace tlsock::detail {

// decode_error where Python raises (an attribute or SAN value OpenSSL/Python cannot turn
// into a str, a malformed subjectAltName).
Result<PeerCertificate> to_peer_certificate(const x509::Certificate& cert);
Result<PeerCertificate::DistinguishedName> to_python_name(const x509::DistinguishedName& name);

// The core of decode_cert_file(): read the file, decode its first PEM certificate.
Result<PeerCertificate> decode_cert_file_result(const std::string& path);

// Serial number as OpenSSL's i2a_ASN1_INTEGER prints it (first line, as Python reads it).
std::string python_serial(ByteView integer_content);
// IP address as Python prints a SAN iPAddress ("<invalid>" for other lengths).
std::string python_ip(ByteView address);

}  // namespace tlsock::detail
