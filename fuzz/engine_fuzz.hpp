// Shared by fuzz/engine_client.cpp and fuzz/engine_server.cpp: feeds arbitrary peer bytes to a
// Connection and pokes every entry point afterwards. The engine must never crash, read out of
// bounds or loop; once it fails, the error must be sticky and its alert sent at most once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "engine/connection.hpp"

namespace tlsock::fuzz {

inline std::string engine_vector(const std::string& name) {
  std::string here = __FILE__;
  std::string path = here.substr(0, here.rfind('/')) + "/../vectors/engine/" + name;
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The first byte picks the chunk size (1..256), the rest is what the peer sent.
inline void drive(Connection& c, const uint8_t* data, size_t size) {
  if (size == 0) return;
  size_t chunk = size_t{data[0]} + 1;
  ByteView in(data + 1, size - 1);
  while (!in.empty()) {
    c.consume_output(c.pending_output().size());
    auto took = c.feed(in.first(std::min(chunk, in.size())));
    if (!took.ok()) break;
    uint8_t buf[512];
    bool read_any = false;
    for (;;) {
      auto n = c.read_app(buf);
      if (!n.ok() || *n == 0) break;
      read_any = true;
    }
    if (*took == 0 && !read_any) break;
    in = in.subspan(*took);
  }
  (void)c.write_app(as_bytes("response"));
  (void)c.key_update(true);
  if (c.failed()) {
    // Sticky: the same error again, and no second alert.
    Error first = *c.error();
    c.consume_output(c.pending_output().size());
    auto again = c.feed(as_bytes("x"));
    if (again.ok() || again.error().alert != first.alert || c.has_output()) std::abort();
  }
  (void)c.close();
}

}  // namespace tlsock::fuzz
