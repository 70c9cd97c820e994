// The committed certificates of vectors/x509/ (made by make_vectors.sh), for the x509 tests.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "x509/certificate.hpp"
#include "x509/pem.hpp"

namespace tlsock::x509::test {

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text of vectors/x509/<name>.
inline std::string vector_text(const std::string& name) {
  return read_text_file(std::string(TLSOCK_VECTORS_DIR) + "/x509/" + name);
}

// The first certificate of a PEM file.
inline Certificate first_certificate(const std::string& path) {
  auto ders = pem_decode_label(read_text_file(path), "CERTIFICATE");
  REQUIRE(ders.ok());
  REQUIRE(!ders->empty());
  auto cert = Certificate::from_der(ders->front());
  REQUIRE_MESSAGE(cert.ok(), path);
  return *cert;
}

inline Certificate vector_certificate(const std::string& name) {
  return first_certificate(std::string(TLSOCK_VECTORS_DIR) + "/x509/" + name);
}

}  // namespace tlsock::x509::test
