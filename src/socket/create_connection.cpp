// create_connection(): Python's socket.create_connection, trying each resolved address in turn.
#include <netdb.h>

#include <exception>

#include "socket/sockaddr.hpp"
#include "tlsock/socket.hpp"

namespace tlsock {

Socket create_connection(std::string_view host, int port, std::optional<double> timeout,
                         const std::optional<Address>& source_address) {
  std::vector<detail::AddrInfo> candidates =
      detail::resolve_all(host, port, AF_UNSPEC, SOCK_STREAM, /*passive=*/false);
  // Python raises the last attempt's error: with one address per family, that is the one a
  // user is most likely to be able to act on.
  std::exception_ptr last_error;
  for (const detail::AddrInfo& candidate : candidates) {
    try {
      Socket s(candidate.family, candidate.type, candidate.proto);
      s.settimeout(timeout);
      if (source_address) s.bind(*source_address);
      s.connect(detail::to_address(candidate.address));
      return s;
    } catch (const std::system_error&) {
      last_error = std::current_exception();
    }
  }
  if (last_error) std::rethrow_exception(last_error);
  throw std::system_error(EAI_NONAME, gai_category(),
                          "getaddrinfo returns an empty list for '" + std::string(host) + "'");
}

}  // namespace tlsock
