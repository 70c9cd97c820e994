// Handshakes that share one server SSLContext run in parallel: the context's lock covers only
// its ticket keys and session caches, never signing, path building or the sni_callback. Every
// test is time-bounded, so a deadlock fails it instead of hanging the run; the
// ThreadSanitizer build runs them too (scripts/test.sh).
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

// How long a group of handshakes may take (loaded 2-core machine, ThreadSanitizer build).
constexpr auto kBound = std::chrono::seconds(60);

// Runs each job on a thread of its own and waits at most kBound for all of them; returns what
// each raised ("" for none), or nullopt when one is still running (deadlocked). Threads that
// do not finish are left behind (detached): they cannot be stopped.
std::optional<std::vector<std::string>> run_bounded(std::vector<std::function<void()>> jobs) {
  struct Shared {
    std::mutex mutex;
    std::condition_variable done;
    size_t finished = 0;
    std::vector<std::string> errors;
  };
  auto shared = std::make_shared<Shared>();
  shared->errors.resize(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::thread([shared, i, job = std::move(jobs[i])] {
      std::string error;
      try {
        job();
      } catch (const std::exception& e) {
        error = e.what();
        if (error.empty()) error = "exception";
      }
      std::lock_guard lock(shared->mutex);
      shared->errors[i] = error;
      ++shared->finished;
      shared->done.notify_all();
    }).detach();
  }
  std::unique_lock lock(shared->mutex);
  if (!shared->done.wait_for(lock, kBound, [&] { return shared->finished == shared->errors.size(); })) {
    return std::nullopt;
  }
  return shared->errors;
}

// BioPair::handshake() for worker threads, where doctest's REQUIRE cannot stop the test.
void handshake(BioPair& p) {
  if (!p.try_handshake()) throw std::runtime_error("the handshake did not complete");
}

// A full handshake, then a resumption with the session it gave: the server's ticket sealer
// (TLS 1.3 and 1.2 tickets) or its session-ID cache (TLS 1.2 with OP_NO_TICKET) both ways.
void full_then_resumed(const SSLContext& cctx, const SSLContext& sctx) {
  BioPair full(cctx, sctx);
  handshake(full);
  // TLS 1.3 tickets arrive after the handshake: a read takes them.
  if (full.client.version() == "TLSv1.3") {
    try {
      full.client.read();
    } catch (const SSLWantReadError&) {
    }
  }
  std::optional<SSLSession> session = full.client.session();
  if (!session) throw std::runtime_error("no session after the handshake");
  BioPair again(cctx, sctx, {.server_hostname = "localhost", .session = *session});
  handshake(again);
  if (again.client.session_reused() != true) throw std::runtime_error("not resumed");
}

}  // namespace

TEST_CASE("parallel handshakes: threads sharing one server context all finish") {
  constexpr int kThreads = 4;
  constexpr int kRounds = 3;
  SSLContext sctx = server_context();
  SSLContext cctx13 = client_context();
  SSLContext cctx12 = client_context();
  cctx12.set_maximum_version(TLSVersion::TLSv1_2);
  SSLContext sctx_ids = server_context();  // TLS 1.2 resumes by session ID
  sctx_ids.set_options(sctx_ids.options() | OP_NO_TICKET);
  std::vector<std::function<void()>> jobs;
  for (int t = 0; t < kThreads; ++t) {
    jobs.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        full_then_resumed(t % 2 == 0 ? cctx13 : cctx12, sctx);
        full_then_resumed(cctx12, sctx_ids);
      }
    });
  }
  std::optional<std::vector<std::string>> errors = run_bounded(std::move(jobs));
  REQUIRE_MESSAGE(errors, "handshakes on one context did not finish (deadlock?)");
  for (const std::string& e : *errors) CHECK(e == "");
  SessionStats stats = sctx.session_stats();
  CHECK(stats.accept_good == 2 * kThreads * kRounds);
  CHECK(stats.hits == kThreads * kRounds);
  CHECK(sctx_ids.session_stats().hits == kThreads * kRounds);
}

TEST_CASE("parallel handshakes: an sni_callback waits for another handshake on its context") {
  // Handshake A's callback waits until handshake B on the same context has finished: B must
  // not wait for A's callback (a context-wide lock held through the callback would stall both).
  SSLContext sctx = server_context();
  std::mutex mutex;
  std::condition_variable changed;
  bool b_done = false;
  sctx.set_sni_callback([&](SSLConnection&, std::optional<std::string_view> name,
                            SSLContext&) -> std::optional<AlertDescription> {
    if (name == "example.test") {
      std::unique_lock lock(mutex);
      if (!changed.wait_for(lock, std::chrono::seconds(30), [&] { return b_done; })) {
        throw std::runtime_error("handshake B did not finish while A's callback ran");
      }
    }
    return std::nullopt;
  });
  SSLContext cctx = client_context();
  std::vector<std::function<void()>> jobs;
  jobs.emplace_back([&] {
    BioPair a(cctx, sctx, {.server_hostname = "example.test"});
    handshake(a);
  });
  jobs.emplace_back([&] {
    // Started once A is (very likely) inside its callback; correct either way.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BioPair b(cctx, sctx, {.server_hostname = "localhost"});
    handshake(b);
    std::lock_guard lock(mutex);
    b_done = true;
    changed.notify_all();
  });
  std::optional<std::vector<std::string>> errors = run_bounded(std::move(jobs));
  REQUIRE_MESSAGE(errors, "the handshakes did not finish (deadlock?)");
  CHECK((*errors)[0] == "");
  CHECK((*errors)[1] == "");
}

TEST_CASE("parallel handshakes: an sni_callback that handshakes on the same context") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    CAPTURE(static_cast<int>(version));
    SSLContext cctx = client_context();
    cctx.set_maximum_version(version);
    SSLContext sctx = server_context();
    bool inner_done = false;
    sctx.set_sni_callback([&](SSLConnection&, std::optional<std::string_view> name,
                              SSLContext& original) -> std::optional<AlertDescription> {
      // E.g. a health check of the context before serving with it, on this thread.
      if (name == "example.test") full_then_resumed(cctx, original);
      inner_done = true;
      return std::nullopt;
    });
    std::vector<std::function<void()>> jobs;
    jobs.emplace_back([&] {
      BioPair outer(cctx, sctx, {.server_hostname = "example.test"});
      handshake(outer);
    });
    std::optional<std::vector<std::string>> errors = run_bounded(std::move(jobs));
    REQUIRE_MESSAGE(errors, "a handshake inside the sni_callback deadlocked");
    CHECK((*errors)[0] == "");
    CHECK(inner_done);
  }
}
