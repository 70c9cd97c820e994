// Time enters the core only through Clock (certificate validity, ticket ages, session expiry).
#pragma once

#include <chrono>
#include <cstdint>

namespace tlsock {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, milliseconds since the Unix epoch.
  virtual int64_t now_ms() = 0;
  int64_t now_seconds() { return now_ms() / 1000; }
};

Clock& system_clock();

// A clock that only moves when told to.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t ms) : ms_(ms) {}
  int64_t now_ms() override { return ms_; }
  void set_ms(int64_t ms) { ms_ = ms; }
  void advance_ms(int64_t ms) { ms_ += ms; }

 private:
  int64_t ms_;
};

}  // namespace tlsock
