// Counts heap allocations, for the "no allocation per record / per AEAD call" tests.
//
// allocation_counter.cpp is linked into every test binary: it replaces the global operator
// new/delete and, outside sanitizer builds, also
// interposes glibc's malloc/calloc/realloc: Botan's secure_vector and libsodium allocate through
// the C allocator, not operator new. Botan's mlock pool is switched off so that its buffers go
// through calloc where they can be seen.
#pragma once

#include <cstdint>

namespace tlsock::test {

struct AllocationCounts {
  uint64_t news = 0;      // operator new / new[] (every form)
  uint64_t c_allocs = 0;  // malloc/calloc/realloc, when counts_c_allocations()
};

AllocationCounts allocation_counts();

// Both counts' growth between two readings of allocation_counts(): 0 when nothing was allocated.
// Not the number of allocations: where C allocations are counted, operator new's malloc() is
// counted as well.
inline uint64_t allocations_between(const AllocationCounts& a, const AllocationCounts& b) {
  return (b.news - a.news) + (b.c_allocs - a.c_allocs);
}

// False under AddressSanitizer (it owns malloc), where only operator new is counted.
bool counts_c_allocations();

}  // namespace tlsock::test
