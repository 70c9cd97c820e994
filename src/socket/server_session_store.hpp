// What a server SSLContext keeps from one connection to the next, so that a session resumes
// only on the context that made it (Python: each SSLContext has its own ticket keys and
// session cache; a context swapped in by an SNI callback does not change them, as OpenSSL
// keeps using the original context's):
// - the TLS 1.3 / TLS 1.2 ticket keys (a TicketSealer: keys of its own, rotated on the
//   schedule SSLContext::set_ticket_key_rotation sets);
// - the TLS 1.2 session-ID cache (OpenSSL's defaults: 20480 sessions, 7200 seconds).
#pragma once

#include <memory>
#include <mutex>

#include "handshake/session_13.hpp"
#include "handshake/session_cache_12.hpp"

namespace tlsock::detail {

// SSL_SESSION_CACHE_MAX_SIZE_DEFAULT and tls1_default_timeout() of OpenSSL.
inline constexpr size_t kSessionCacheEntries = 20480;
inline constexpr uint32_t kSessionCacheLifetimeSeconds = 7200;

struct ServerSessionStore {
  // The engine uses the sealer's AEAD statefully: a server's handshake holds this while it
  // feeds the engine (tickets are only sealed and opened there).
  std::mutex ticket_mutex;
  TicketSealer tickets;
  SessionCache12 cache{kSessionCacheEntries, kSessionCacheLifetimeSeconds};
};

}  // namespace tlsock::detail
