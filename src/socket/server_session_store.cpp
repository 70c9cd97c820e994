#include "socket/server_session_store.hpp"

#include "crypto/provider.hpp"

namespace tlsock::detail {

ServerSessionStore::ServerSessionStore() : tickets(default_provider().rng) {}

}  // namespace tlsock::detail
