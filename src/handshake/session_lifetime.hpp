// How long a resumable session lives, across every resumption of it.
//
// RFC 8446 §4.6.1: a ticket lives at most 7 days ("Servers MUST NOT use any value greater than
// 604800 seconds"; "Clients MUST NOT cache tickets for longer than 7 days, regardless of the
// ticket_lifetime"). A ticket issued on a resumed connection is derived from the same chain of
// secrets, so tlsock counts its life from the session's first full handshake, not from the
// reconnection: a new ticket carries the original creation time and only what is left of the
// first lifetime. Reconnecting therefore never keeps a session alive past that end. The same
// holds for TLS 1.2 tickets (RFC 5077 §3.3) and for both roles.
#pragma once

#include <cstdint>

#include "handshake/session_12.hpp"
#include "handshake/session_13.hpp"

namespace tlsock {

struct SessionLifetime {
  int64_t created_ms = 0;  // the first full handshake
  int64_t expires_ms = 0;  // no ticket of the session is used from then on

  // A session whose full handshake is now, living lifetime_seconds (at most 7 days).
  static SessionLifetime starting(int64_t now_ms, uint32_t lifetime_seconds);

  // Resumable now: created <= now < expires, and less than 7 days since created.
  bool live(int64_t now_ms) const;
  // The lifetime, in whole seconds, of a ticket issued now: at most `wanted_seconds`, and
  // never reaching past the session's end. 0 when nothing is left.
  uint32_t ticket_lifetime(int64_t now_ms, uint32_t wanted_seconds) const;
  // The same ticket's lifetime counted from the session's creation (Session12's), in whole
  // seconds from there, so a renewal does not round a second off the session; 0 when
  // ticket_lifetime is.
  uint32_t lifetime_from_creation(int64_t now_ms, uint32_t wanted_seconds) const;

 private:
  int64_t ticket_end(int64_t now_ms, uint32_t wanted_seconds) const;
};

// The session a ticket or a stored session belongs to, up to that ticket's own expiry.
SessionLifetime lifetime_of(const TicketContents& ticket);
SessionLifetime lifetime_of(const ClientSession13& session);
SessionLifetime lifetime_of(const Session12& session);

}  // namespace tlsock
