// No heap allocation per record in steady state. This file replaces the global operator new
// (and, outside sanitizer builds, glibc's malloc/calloc/realloc, which Botan's and libsodium's
// own buffers would use) with counting versions for the whole test_record binary; the tests
// below count what a run of records costs once the buffers are warm.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "record/handshake_deframer.hpp"
#include "record/record_layer.hpp"
#include "unit/record/record_test_support.hpp"

namespace {
std::atomic<uint64_t> g_allocations{0};
}  // namespace

void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void* operator new(size_t n, std::align_val_t a) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  size_t align = static_cast<size_t>(a);
  if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
  throw std::bad_alloc();
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

#if defined(__SANITIZE_ADDRESS__)
#define TLSOCK_COUNT_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TLSOCK_COUNT_MALLOC 0
#endif
#endif
#if !defined(TLSOCK_COUNT_MALLOC) && defined(__GLIBC__)
#define TLSOCK_COUNT_MALLOC 1
#endif
#ifndef TLSOCK_COUNT_MALLOC
#define TLSOCK_COUNT_MALLOC 0
#endif

#if TLSOCK_COUNT_MALLOC
// glibc lets a program interpose malloc; forwarding to glibc's own entry points keeps every
// allocation in one arena, so free() (not replaced) stays correct.
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
namespace {
std::atomic<uint64_t> g_mallocs{0};
}
void* malloc(size_t n) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
}
static uint64_t malloc_count() { return g_mallocs.load(); }
#else
static uint64_t malloc_count() { return 0; }
#endif

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

struct Counts {
  uint64_t news, mallocs;
};
Counts snapshot() { return {g_allocations.load(), malloc_count()}; }

RecordProtector protector(RecordVersion v, AeadAlgorithm alg) {
  Bytes key(aead_key_length(alg), 0x21);
  Bytes iv(v == RecordVersion::tls13 ? 12 : fixed_iv_length_12(alg), 0x42);
  auto p = v == RecordVersion::tls13 ? RecordProtector::create_13(alg, key, iv)
                                     : RecordProtector::create_12(alg, key, iv);
  REQUIRE(p.ok());
  return std::move(p).value();
}

}  // namespace

TEST_CASE("allocation: the counters see allocations") {
  Counts before = snapshot();
  // volatile: the compiler may otherwise elide a new/delete or malloc/free pair.
  static void* volatile sink;
  sink = new int(3);
  delete static_cast<int*>(sink);
  sink = std::malloc(10);
  std::free(sink);
  Counts after = snapshot();
  CHECK(after.news == before.news + 1);
  if (TLSOCK_COUNT_MALLOC) CHECK(after.mallocs >= before.mallocs + 2);
}

TEST_CASE("allocation: no heap allocation per record in steady state (every suite)") {
  struct S { RecordVersion v; AeadAlgorithm alg; };
  const S suites[] = {{RecordVersion::tls13, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::chacha20_poly1305},
                      {RecordVersion::tls12, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::chacha20_poly1305}};
  Bytes data(4 * kMaxPlaintextLength + 1234, 0x5c);
  for (const S& s : suites) {
    CAPTURE(name(s.alg));
    CAPTURE(int(s.v));
    RecordLayer writer, reader;
    writer.set_version(s.v);
    reader.set_version(s.v);
    writer.install_write_protector(protector(s.v, s.alg));
    reader.install_read_protector(protector(s.v, s.alg));
    writer.fragmenter().set_padding(PaddingPolicy{s.v == RecordVersion::tls13 ? 32u : 0u});
    HandshakeDeframer hs;
    Bytes post_handshake = hex("04 000010 00000000000000000000000000000000 18 000001 00");
    Bytes out(writer.sealed_size_bound(data.size()) + writer.sealed_size_bound(post_handshake.size()));

    // One round: a large write, sealed into `out`, fed back in uneven chunks and read,
    // plus a handshake record through the handshake deframer and an alert.
    size_t total_records = 0;
    bool ok = true;
    auto round = [&] {
      auto w = writer.write(ContentType::application_data, data, out);
      ok = ok && w.ok() && w->consumed == data.size();
      if (!ok) return;
      size_t written = w->written;
      auto h = writer.write(ContentType::handshake, post_handshake,
                            MutableByteView(out).subspan(written));
      ok = ok && h.ok() && h->consumed == post_handshake.size();
      if (!ok) return;
      written += h->written;
      size_t pos = 0, got = 0;
      while (ok) {
        pos += reader.feed(ByteView(out).subspan(pos, std::min<size_t>(7000, written - pos)));
        auto r = reader.read();
        ok = ok && r.ok();
        if (!ok) break;
        if (!r->has_value()) {
          if (pos == written) break;
          continue;
        }
        ++total_records;
        if ((*r)->type == ContentType::handshake) {
          ok = ok && hs.add((*r)->content).ok();
          for (;;) {
            auto m = hs.next();
            ok = ok && m.ok();
            if (!ok || !m->has_value()) break;
          }
        } else {
          got += (*r)->content.size();
        }
      }
      ok = ok && got == data.size();
    };
    for (int i = 0; i < 3; ++i) round();  // warm up
    REQUIRE(ok);
    Counts before = snapshot();
    size_t records_before = total_records;
    for (int i = 0; i < 50; ++i) round();
    Counts after = snapshot();
    REQUIRE(ok);
    CHECK(total_records - records_before == 50 * 6);
    CHECK(after.news - before.news == 0);
    CHECK(after.mallocs - before.mallocs == 0);
  }
}
