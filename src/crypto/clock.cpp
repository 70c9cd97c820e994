#include "crypto/clock.hpp"

namespace tlsock {

namespace {

class SystemClock final : public Clock {
 public:
  int64_t now_ms() override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

}  // namespace tlsock
