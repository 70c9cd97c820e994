#include "support/allocation_counter.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

// The replacement operator new/delete pair malloc with free on purpose; GCC cannot see that
// through inlining.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Sanitizers bring their own malloc: memory from glibc's would reach their free().
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TLSOCK_COUNT_C_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TLSOCK_COUNT_C_ALLOCATIONS 0
#endif
#endif
#if !defined(TLSOCK_COUNT_C_ALLOCATIONS) && defined(__GLIBC__)
#define TLSOCK_COUNT_C_ALLOCATIONS 1
#endif
#ifndef TLSOCK_COUNT_C_ALLOCATIONS
#define TLSOCK_COUNT_C_ALLOCATIONS 0
#endif

namespace {

std::atomic<uint64_t> g_news{0};
std::atomic<uint64_t> g_c_allocs{0};

// Botan reads BOTAN_MLOCK_POOL_SIZE when it first creates its pool: set it before anything runs.
struct DisableBotanMlockPool {
  DisableBotanMlockPool() { setenv("BOTAN_MLOCK_POOL_SIZE", "0", 1); }
} const g_disable_pool __attribute__((init_priority(101)));

}  // namespace

namespace tlsock::test {

AllocationCounts allocation_counts() { return {g_news.load(), g_c_allocs.load()}; }
bool counts_c_allocations() { return TLSOCK_COUNT_C_ALLOCATIONS != 0; }

}  // namespace tlsock::test

#if TLSOCK_COUNT_C_ALLOCATIONS
// glibc lets a program interpose malloc; forwarding to glibc's own entry points keeps every
// allocation in one arena, so free() (not replaced) stays correct.
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);

void* malloc(size_t n) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
}
#endif

void* operator new(size_t n) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  g_news.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void* operator new(size_t n, std::align_val_t a) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  void* p = nullptr;
  size_t align = std::max(static_cast<size_t>(a), sizeof(void*));
  if (posix_memalign(&p, align, n == 0 ? 1 : n) != 0) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { std::free(p); }
