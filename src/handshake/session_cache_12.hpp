// The server's TLS 1.2 session-ID cache (RFC 5246 §7.4.1.2, §F.1.4): session ID -> Session12,
// bounded in entries (the least recently used entry goes first) and in lifetime (an entry
// older than its lifetime is never returned, and is dropped when met).
//
// RFC 5246 §F.1.4: "an upper limit of 24 hours is suggested for session ID lifetimes". One
// cache serves every connection of a server context, possibly on several threads, so it
// locks internally. It is the only mutable object a TLS 1.2 server handshake touches besides
// the Provider.
#pragma once

#include <list>
#include <map>
#include <mutex>
#include <optional>

#include "handshake/session_12.hpp"

namespace tlsock {

// RFC 5246 §F.1.4's suggested upper bound, in seconds.
inline constexpr uint32_t kMaxSessionIdLifetime12 = 24 * 3600;

class SessionCache12 {
 public:
  // max_entries 0 disables the cache; lifetime is clamped to kMaxSessionIdLifetime12.
  SessionCache12(size_t max_entries, uint32_t lifetime_seconds);

  uint32_t lifetime_seconds() const { return lifetime_seconds_; }
  // Stores (or replaces) a session under id, as the most recently used.
  void insert(const Bytes& id, Session12 session);
  // The live session for id (and it becomes the most recently used), or nullopt.
  std::optional<Session12> find(ByteView id, int64_t now_ms);
  void remove(ByteView id);
  size_t size() const;
  // OpenSSL's session statistics (Python's session_stats()): lookups that found an expired
  // session ("timeouts"), and sessions dropped because the cache was full ("cache_full").
  size_t timeouts() const;
  size_t evictions() const;

 private:
  struct Entry {
    Bytes id;
    Session12 session;
  };
  size_t max_entries_;
  uint32_t lifetime_seconds_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // front: most recently used
  std::map<Bytes, std::list<Entry>::iterator> index_;
  size_t timeouts_ = 0;
  size_t evictions_ = 0;
};

}  // namespace tlsock
