// PeerCertificate: the dict Python's SSLSocket.getpeercert() returns, as a C++ value.
//
// Fields carry Python's key names and keep certificate order. to_python_repr() prints exactly
// what Python's repr() of the dict prints (key order, 1-tuples as "(x,)", str/bytes escapes),
// so a test can compare the two byte for byte; to_json() is the same data as JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsock {

struct PeerCertificate {
  // One (name, value) pair of a distinguished name. name is OpenSSL's long name
  // ("commonName") or the dotted OID when OpenSSL has none. value is a Python str (UTF-8),
  // or Python bytes when is_bytes (a BIT STRING attribute such as x500UniqueIdentifier).
  struct Attribute {
    std::string name;
    std::string value;
    bool is_bytes = false;
  };
  using RDN = std::vector<Attribute>;             // a tuple of pairs (multi-valued RDNs)
  using DistinguishedName = std::vector<RDN>;     // a tuple of RDNs

  // One subjectAltName entry: ("DNS", "example.com"), ("IP Address", "192.0.2.1"),
  // ("email", ...), ("URI", ...), ("Registered ID", "1.2.3.4"), ("othername", ...),
  // ("DirName", <dirname>): type == "DirName" uses dirname, every other type uses value.
  struct AltName {
    std::string type;
    std::string value;
    DistinguishedName dirname;
  };

  DistinguishedName subject;
  DistinguishedName issuer;
  int version = 0;               // X.509 version + 1 (3 for v3); 0 means Python's {}
  std::string serialNumber;      // upper-case hex, "00" for zero
  std::string notBefore;         // "Jun  4 11:04:38 2015 GMT"
  std::string notAfter;
  std::vector<AltName> subjectAltName;           // key present only when non-empty
  std::vector<std::string> OCSP;                 // AIA OCSP URIs
  std::vector<std::string> caIssuers;            // AIA caIssuers URIs
  std::vector<std::string> crlDistributionPoints;  // fullName URIs

  // Python's {} (getpeercert() under CERT_NONE): nothing was decoded.
  bool empty() const { return version == 0; }

  std::string to_python_repr() const;
  std::string to_json() const;
};

// A JSON string with its quotes, as to_json() writes strings and Python's
// json.dumps(ensure_ascii=False) does (\b \f \n \r \t by name, other controls as \u00xx,
// UTF-8 kept), for a program that writes more JSON around to_json()'s (the tlsock command).
std::string json_quote(std::string_view s);

// Python's ssl._ssl._test_decode_cert(path): the dict of the first certificate in a PEM file.
// Throws std::system_error (errno) when the file cannot be read and std::invalid_argument
// when it holds no decodable certificate.
PeerCertificate decode_cert_file(const std::string& path);

}  // namespace tlsock
