// decode_cert_file(): Python's ssl._ssl._test_decode_cert, the API boundary over the
// non-throwing detail::decode_cert_file_result.
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "tlsock/peer_certificate.hpp"
#include "socket/python_dict.hpp"

namespace tlsock {

PeerCertificate decode_cert_file(const std::string& path) {
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw std::system_error(errno ? errno : ENOENT, std::generic_category(), path);
  }
  auto r = detail::decode_cert_file_result(path);
  if (!r) throw std::invalid_argument(r.error().detail);
  return std::move(*r);
}

}  // namespace tlsock
