// Per-thread recycling of the buffers a connection takes while records flow and gives back
// when idle (the record layer's receive buffer, the sealed output).
//
// An idle connection holds neither buffer, so one that reads or writes a record after an idle
// spell needs them again: without recycling that is a heap allocation per record for a
// connection that reads one record per call (Python's recv(): one record's data at most). Each
// thread keeps the last buffer of each kind it gave back and hands it to the next taker, so a
// thread moving records allocates nothing in steady state, and the memory held stays one
// buffer of each kind per thread, whatever the number of connections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/bytes.hpp"

namespace tlsock {

// A buffer of `size` bytes, uninitialised: this thread's cached one when it has that size.
std::unique_ptr<uint8_t[]> take_fixed_buffer(size_t size);
// Keeps `buffer` (of `size` bytes) for the next take_fixed_buffer(size) on this thread, or
// frees it when one is kept already.
void give_back_fixed_buffer(std::unique_ptr<uint8_t[]> buffer, size_t size);

// An empty vector, with the capacity of this thread's cached one.
Bytes take_growable_buffer();
// Clears `buffer` and keeps it (up to kMaxCachedGrowable bytes of capacity) for the next
// take_growable_buffer() on this thread; `buffer` is left empty without capacity.
void give_back_growable_buffer(Bytes& buffer);
// Larger output buffers (a write of megabytes) are freed rather than kept.
inline constexpr size_t kMaxCachedGrowable = size_t{1} << 17;

}  // namespace tlsock
