#include "handshake/session_lifetime.hpp"

#include <algorithm>

#include "handshake/limits.hpp"

namespace tlsock {

namespace {
constexpr int64_t kMaxLifetimeMs = int64_t{kMaxTicketLifetimeSeconds} * 1000;

int64_t end_after(int64_t from_ms, uint32_t lifetime_seconds) {
  return from_ms + int64_t{std::min(lifetime_seconds, kMaxTicketLifetimeSeconds)} * 1000;
}
}  // namespace

SessionLifetime SessionLifetime::starting(int64_t now_ms, uint32_t lifetime_seconds) {
  return SessionLifetime{now_ms, end_after(now_ms, lifetime_seconds)};
}

bool SessionLifetime::live(int64_t now_ms) const {
  return created_ms <= now_ms && now_ms < expires_ms && now_ms - created_ms < kMaxLifetimeMs;
}

int64_t SessionLifetime::ticket_end(int64_t now_ms, uint32_t wanted_seconds) const {
  return std::min({expires_ms, created_ms + kMaxLifetimeMs, end_after(now_ms, wanted_seconds)});
}

uint32_t SessionLifetime::ticket_lifetime(int64_t now_ms, uint32_t wanted_seconds) const {
  if (!live(now_ms)) return 0;
  return static_cast<uint32_t>((ticket_end(now_ms, wanted_seconds) - now_ms) / 1000);
}

uint32_t SessionLifetime::lifetime_from_creation(int64_t now_ms, uint32_t wanted_seconds) const {
  if (ticket_lifetime(now_ms, wanted_seconds) == 0) return 0;
  return static_cast<uint32_t>((ticket_end(now_ms, wanted_seconds) - created_ms) / 1000);
}

SessionLifetime lifetime_of(const TicketContents& ticket) {
  return SessionLifetime{ticket.session_created_ms,
                         end_after(ticket.issued_at_ms, ticket.lifetime_seconds)};
}

SessionLifetime lifetime_of(const ClientSession13& session) {
  return SessionLifetime{session.session_created_ms,
                         end_after(session.received_at_ms, session.lifetime_seconds)};
}

SessionLifetime lifetime_of(const Session12& session) {
  return SessionLifetime{session.created_ms, end_after(session.created_ms, session.lifetime_seconds)};
}

}  // namespace tlsock
