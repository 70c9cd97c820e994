#include "heap_meter.hpp"

#include <malloc.h>

#include <atomic>
#include <cerrno>
#include <cstddef>

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void* __libc_valloc(size_t);
void* __libc_pvalloc(size_t);
void __libc_free(void*);
}

namespace {

std::atomic<bool> g_on{false};
std::atomic<long long> g_in_use{0}, g_peak{0};

void add(long long n) {
  const long long now = g_in_use.fetch_add(n, std::memory_order_relaxed) + n;
  long long peak = g_peak.load(std::memory_order_relaxed);
  while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

long long usable(void* p) { return p ? static_cast<long long>(malloc_usable_size(p)) : 0; }

void* counted(void* p) {
  if (g_on.load(std::memory_order_relaxed)) add(usable(p));
  return p;
}

}  // namespace

namespace compare {

void heap_meter_on() { g_on.store(true); }
void heap_meter_off() { g_on.store(false); }
long long heap_metered() { return g_in_use.load(); }
long long heap_metered_peak() { return g_peak.exchange(g_in_use.load()); }

}  // namespace compare

extern "C" {

void* malloc(size_t n) { return counted(__libc_malloc(n)); }
void* calloc(size_t a, size_t b) { return counted(__libc_calloc(a, b)); }
void* memalign(size_t align, size_t n) { return counted(__libc_memalign(align, n)); }
void* aligned_alloc(size_t align, size_t n) { return counted(__libc_memalign(align, n)); }
void* valloc(size_t n) { return counted(__libc_valloc(n)); }
void* pvalloc(size_t n) { return counted(__libc_pvalloc(n)); }

int posix_memalign(void** out, size_t align, size_t n) {
  if (align < sizeof(void*) || (align & (align - 1)) != 0) return EINVAL;
  void* p = counted(__libc_memalign(align, n));
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

void free(void* p) {
  if (g_on.load(std::memory_order_relaxed)) add(-usable(p));
  __libc_free(p);
}

void* realloc(void* p, size_t n) {
  const bool on = g_on.load(std::memory_order_relaxed);
  const long long before = on ? usable(p) : 0;
  void* q = __libc_realloc(p, n);
  // realloc(p, 0) frees p and returns null; a failed realloc keeps p.
  if (on && (q || n == 0)) add(usable(q) - before);
  return q;
}
}
