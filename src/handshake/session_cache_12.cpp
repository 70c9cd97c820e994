#include "handshake/session_cache_12.hpp"

#include <algorithm>

namespace tlsock {

SessionCache12::SessionCache12(size_t max_entries, uint32_t lifetime_seconds)
    : max_entries_(max_entries),
      lifetime_seconds_(std::min(lifetime_seconds, kMaxSessionIdLifetime12)) {}

void SessionCache12::insert(const Bytes& id, Session12 session) {
  if (max_entries_ == 0 || id.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = index_.find(id); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  session.lifetime_seconds = std::min(session.lifetime_seconds, lifetime_seconds_);
  lru_.push_front(Entry{id, std::move(session)});
  index_[id] = lru_.begin();
  while (lru_.size() > max_entries_) {
    index_.erase(lru_.back().id);
    lru_.pop_back();
    ++evictions_;
  }
}

std::optional<Session12> SessionCache12::find(ByteView id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(Bytes(id.begin(), id.end()));
  if (it == index_.end()) return std::nullopt;
  if (it->second->session.expired(now_ms)) {
    ++timeouts_;
    lru_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return lru_.front().session;
}

void SessionCache12::remove(ByteView id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(Bytes(id.begin(), id.end()));
  if (it == index_.end()) return;
  lru_.erase(it->second);
  index_.erase(it);
}

size_t SessionCache12::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lru_.size();
}

size_t SessionCache12::timeouts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return timeouts_;
}

size_t SessionCache12::evictions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return evictions_;
}

}  // namespace tlsock
