#include "common/buffer_cache.hpp"

#include <utility>

namespace tlsock {
namespace {

struct ThreadBuffers {
  std::unique_ptr<uint8_t[]> fixed;
  size_t fixed_size = 0;
  Bytes growable;
};

ThreadBuffers& thread_buffers() {
  thread_local ThreadBuffers buffers;
  return buffers;
}

}  // namespace

std::unique_ptr<uint8_t[]> take_fixed_buffer(size_t size) {
  ThreadBuffers& t = thread_buffers();
  if (t.fixed && t.fixed_size == size) return std::move(t.fixed);
  return std::unique_ptr<uint8_t[]>(new uint8_t[size]);
}

void give_back_fixed_buffer(std::unique_ptr<uint8_t[]> buffer, size_t size) {
  ThreadBuffers& t = thread_buffers();
  if (t.fixed || !buffer) return;
  t.fixed = std::move(buffer);
  t.fixed_size = size;
}

Bytes take_growable_buffer() { return std::move(thread_buffers().growable); }

void give_back_growable_buffer(Bytes& buffer) {
  ThreadBuffers& t = thread_buffers();
  if (t.growable.capacity() == 0 && buffer.capacity() <= kMaxCachedGrowable) {
    buffer.clear();
    t.growable = std::move(buffer);
  }
  Bytes().swap(buffer);
}

}  // namespace tlsock
