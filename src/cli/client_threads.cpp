#include "cli/client_threads.hpp"

namespace tlsock::cli {

void ClientThreads::wait_for_slot() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return running_ < limit_; });
  reap();
}

void ClientThreads::finished(Worker& worker) {
  std::lock_guard lock(mutex_);
  worker.done = true;
  --running_;
  changed_.notify_all();
}

void ClientThreads::wait_all() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return running_ == 0; });
  reap();
}

void ClientThreads::reap() {
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();  // it has marked itself done, so it is returning
    it = workers_.erase(it);
  }
}

}  // namespace tlsock::cli
