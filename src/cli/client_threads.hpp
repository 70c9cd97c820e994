// The connections `tlsock server` serves at once: one thread each, at most `limit` of them.
// A slow or hostile client holds its own thread only, so it never delays another one; when
// all slots are taken, the next client waits in the listen backlog until one ends.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <list>
#include <mutex>
#include <thread>

namespace tlsock::cli {

class ClientThreads {
 public:
  explicit ClientThreads(size_t limit) : limit_(limit) {}
  ClientThreads(const ClientThreads&) = delete;
  ClientThreads& operator=(const ClientThreads&) = delete;
  ~ClientThreads() { wait_all(); }

  // Returns once fewer than `limit` connections are being served.
  void wait_for_slot();
  // Runs `serve()` on a thread of its own (call wait_for_slot() first). It must not throw.
  template <typename Serve>
  void start(Serve serve) {
    std::lock_guard lock(mutex_);
    Worker& worker = workers_.emplace_back();
    ++running_;
    // finished() takes mutex_, which is held here until `worker.thread` is set: reap() never
    // sees a finished worker whose thread is not there yet.
    try {
      worker.thread = std::thread([this, &worker, serve = std::move(serve)]() mutable {
        serve();
        finished(worker);
      });
    } catch (...) {  // no thread (EAGAIN): no worker either
      workers_.pop_back();
      --running_;
      throw;
    }
  }
  // Returns once every connection started has ended.
  void wait_all();

 private:
  struct Worker {
    std::thread thread;
    bool done = false;
  };
  void finished(Worker& worker);
  // Joins the threads that have ended (mutex_ held).
  void reap();

  size_t limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::list<Worker> workers_;  // a list: each thread marks its own element done
  size_t running_ = 0;
};

}  // namespace tlsock::cli
