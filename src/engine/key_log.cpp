#include "engine/key_log.hpp"

namespace tlsock {

std::string nss_key_log_line(std::string_view label, ByteView client_random, ByteView secret) {
  std::string line;
  line.reserve(label.size() + 2 + 2 * (client_random.size() + secret.size()));
  line.append(label);
  line += ' ';
  line += to_hex(client_random);
  line += ' ';
  line += to_hex(secret);
  return line;
}

}  // namespace tlsock
