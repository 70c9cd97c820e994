// Conversions between Python-style Address values and the kernel's sockaddr structures, and
// name resolution with getaddrinfo(). Internal to src/socket.
#pragma once

#include <sys/socket.h>

#include <string_view>
#include <vector>

#include "tlsock/socket.hpp"

namespace tlsock::detail {

struct SockAddr {
  sockaddr_storage storage{};
  socklen_t length = 0;

  int family() const { return storage.ss_family; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage); }
};

// One getaddrinfo() result: what to create the socket with, and where to connect it.
struct AddrInfo {
  int family = 0;
  int type = 0;
  int proto = 0;
  SockAddr address;
};

// Every getaddrinfo() result for host:port (family AF_UNSPEC for all). With `passive` and an
// empty host, the wildcard address ("" binds to every interface, as in Python). Throws
// std::system_error in gai_category() when resolution fails, std::out_of_range for a port
// outside 0..65535.
std::vector<AddrInfo> resolve_all(std::string_view host, int port, int family, int type,
                                  bool passive);

// The sockaddr for `address` on a socket of `family` (the first resolution result), with
// flowinfo and scope_id applied for AF_INET6.
SockAddr resolve(const Address& address, int family, int type, bool passive);

// The Address of a sockaddr the kernel returned. Families other than AF_INET and AF_INET6
// give std::system_error(EAFNOSUPPORT).
Address to_address(const SockAddr& address);

}  // namespace tlsock::detail
