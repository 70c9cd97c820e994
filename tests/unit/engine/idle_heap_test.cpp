// What an idle established connection keeps on the heap (mallinfo2 around the pair, the peer
// destroyed): the record layer's receive buffer (two maximal records, allocated with the
// layer), the keys, the post-handshake state, the configuration copy. The output buffer and
// the handshake reassembly buffer are released when idle.
#include <doctest/doctest.h>
#include <malloc.h>

#include "engine_test_support.hpp"
#include "record/record_deframer.hpp"

namespace tlsock::test {

#if defined(__SANITIZE_ADDRESS__)
#define TLSOCK_ENGINE_HEAP_MEASURABLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TLSOCK_ENGINE_HEAP_MEASURABLE 0
#endif
#endif
#ifndef TLSOCK_ENGINE_HEAP_MEASURABLE
#define TLSOCK_ENGINE_HEAP_MEASURABLE 1
#endif

TEST_CASE("engine: heap held by an idle established connection") {
  if (!TLSOCK_ENGINE_HEAP_MEASURABLE) return;  // the sanitizer's allocator is not malloc's
  for (int role = 0; role < 2; ++role) {
    EnginePair p;
    size_t before = mallinfo2().uordblks;
    REQUIRE(p.start().ok());
    p.pump();
    REQUIRE(p.established());
    CHECK(!p.client->has_output());
    CHECK(!p.server->has_output());
    if (role == 0) p.server.reset(); else p.client.reset();
    size_t held = mallinfo2().uordblks - before;
    MESSAGE((role == 0 ? "client" : "server") << " idle heap bytes: " << held
            << " (record receive buffer: " << RecordDeframer::kBufferSize << ")");
    // The receive buffer dominates; keys, post-handshake state, the verified chain and the
    // configuration copy make the rest.
    CHECK(held < RecordDeframer::kBufferSize + 32 * 1024);
  }
}

}  // namespace tlsock::test
