#include "socket/sockaddr.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace tlsock {

namespace {

class GaiCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "getaddrinfo"; }
  std::string message(int code) const override { return gai_strerror(code); }
};

}  // namespace

const std::error_category& gai_category() noexcept {
  static const GaiCategory category;
  return category;
}

std::string to_string(const Address& address) {
  std::string port = std::to_string(address.port);
  if (address.host.find(':') != std::string::npos) return "[" + address.host + "]:" + port;
  return address.host + ":" + port;
}

namespace detail {

std::vector<AddrInfo> resolve_all(std::string_view host, int port, int family, int type,
                                  bool passive) {
  if (port < 0 || port > 65535) throw std::out_of_range("port must be 0-65535.");
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = type;
  hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
  // getaddrinfo needs NUL-terminated strings; an empty host means "any" only when passive,
  // and otherwise the loopback address, as getaddrinfo(NULL, ...) defines.
  std::string node(host);
  std::string service = std::to_string(port);
  addrinfo* list = nullptr;
  int rc;
  do {
    rc = getaddrinfo(node.empty() ? nullptr : node.c_str(), service.c_str(), &hints, &list);
  } while (rc == EAI_SYSTEM && errno == EINTR);
  if (rc == EAI_SYSTEM) {
    throw std::system_error(errno, std::generic_category(), "getaddrinfo '" + node + "'");
  }
  if (rc != 0) throw std::system_error(rc, gai_category(), "getaddrinfo '" + node + "'");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(list, &freeaddrinfo);
  std::vector<AddrInfo> out;
  for (const addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
    AddrInfo info;
    info.family = ai->ai_family;
    info.type = ai->ai_socktype;
    info.proto = ai->ai_protocol;
    std::memcpy(&info.address.storage, ai->ai_addr, ai->ai_addrlen);
    info.address.length = ai->ai_addrlen;
    out.push_back(info);
  }
  return out;
}

SockAddr resolve(const Address& address, int family, int type, bool passive) {
  std::vector<AddrInfo> all = resolve_all(address.host, address.port, family, type, passive);
  if (all.empty()) {
    throw std::system_error(EAI_NONAME, gai_category(), "getaddrinfo '" + address.host + "'");
  }
  SockAddr out = all.front().address;
  if (out.family() == AF_INET6) {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
    sin6->sin6_flowinfo = htonl(address.flowinfo);
    // A scope given in the host ("fe80::1%eth0") wins over an unset scope_id.
    if (address.scope_id != 0) sin6->sin6_scope_id = address.scope_id;
  }
  return out;
}

Address to_address(const SockAddr& address) {
  char text[INET6_ADDRSTRLEN] = {};
  Address out;
  if (address.family() == AF_INET) {
    const auto* sin = reinterpret_cast<const sockaddr_in*>(&address.storage);
    inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
    out.host = text;
    out.port = ntohs(sin->sin_port);
  } else if (address.family() == AF_INET6) {
    const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(&address.storage);
    inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
    out.host = text;
    out.port = ntohs(sin6->sin6_port);
    out.flowinfo = ntohl(sin6->sin6_flowinfo);
    out.scope_id = sin6->sin6_scope_id;
  } else {
    throw std::system_error(EAFNOSUPPORT, std::generic_category(),
                            "address family " + std::to_string(address.family()));
  }
  return out;
}

}  // namespace detail
}  // namespace tlsock
