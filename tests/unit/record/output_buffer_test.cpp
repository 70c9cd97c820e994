#include <doctest/doctest.h>

#include <cstring>

#include "record/output_buffer.hpp"
#include "support/allocation_counter.hpp"

using namespace tlsock;

TEST_CASE("output buffer: reserve, commit what was written, take it in pieces") {
  OutputBuffer out;
  CHECK(out.empty());
  MutableByteView space = out.reserve(10);
  REQUIRE(space.size() == 10);
  std::memcpy(space.data(), "abcdef", 6);
  out.commit(10, 6);  // the rest of the reservation is dropped
  CHECK(out.size() == 6);
  uint8_t two[2];
  CHECK(out.take(two) == 2);
  CHECK(std::memcmp(two, "ab", 2) == 0);
  // A second reservation goes after what is still pending.
  space = out.reserve(3);
  std::memcpy(space.data(), "xyz", 3);
  out.commit(3, 3);
  ByteView pending = out.pending();
  CHECK(std::string(pending.begin(), pending.end()) == "cdefxyz");
  out.consume(100);  // more than pending: everything
  CHECK(out.empty());
}

TEST_CASE("output buffer: the memory is kept while bytes wait, and goes back to the thread's cache once all were taken") {
  OutputBuffer out;
  auto queue = [&](size_t n) {
    MutableByteView space = out.reserve(n);
    out.commit(n, space.size());
  };
  auto allocations = [] {
    test::AllocationCounts c = test::allocation_counts();
    return c.news + c.c_allocs;
  };
  queue(200);
  out.consume(150);
  uint64_t before = allocations();
  queue(100);  // the 150 bytes taken make room: no allocation
  CHECK(allocations() == before);
  CHECK(out.size() == 150);
  out.consume(150);
  CHECK(out.empty());
  // Everything was taken: the buffer went back to this thread's cache (common/buffer_cache.hpp),
  // where the next one comes from without an allocation...
  before = allocations();
  queue(10);
  CHECK(allocations() == before);
  // ...while the cache holds one buffer only: a second buffer in use at once is allocated.
  OutputBuffer second;
  second.reserve(10);
  CHECK(allocations() > before);
  // Nothing written: nothing kept.
  OutputBuffer idle;
  idle.reserve(10);
  idle.commit(10, 0);
  CHECK(idle.empty());
  CHECK(idle.pending().empty());
}
