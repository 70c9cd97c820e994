// What a server SSLContext keeps from one connection to the next, so that a session resumes
// only on the context that made it (Python: each SSLContext has its own ticket keys and
// session cache; a context swapped in by an SNI callback does not change them, as OpenSSL
// keeps using the original context's):
// - the TLS 1.3 / TLS 1.2 ticket keys (a TicketSealer: keys of its own, rotated on the
//   schedule SSLContext::set_ticket_key_rotation sets);
// - the TLS 1.2 session-ID cache (OpenSSL's defaults: 20480 sessions, 7200 seconds).
// Both lock internally, for the moment of one seal, open or lookup: this is the only state
// that handshakes on one context share, so they run in parallel (signing, path building and
// the sni_callback hold no lock of the context).
#pragma once

#include <memory>

#include "handshake/session_13.hpp"
#include "handshake/session_cache_12.hpp"

namespace tlsock {

// SSL_SESSION_CACHE_MAX_SIZE_DEFAULT and tls1_default_timeout() of OpenSSL.
inline constexpr size_t kSessionCacheEntries = 20480;
inline constexpr uint32_t kSessionCacheLifetimeSeconds = 7200;

struct ServerSessionStore {
  TicketSealer tickets;
  SessionCache12 cache{kSessionCacheEntries, kSessionCacheLifetimeSeconds};
};

}  // namespace tlsock
