// Fuzzes the wire codec: interprets the input as a small program of Reader operations (the
// first bytes choose the operations) and checks the Reader never reads out of bounds, and that
// whatever it reads as vectors re-encodes to the same bytes through the Writer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "common/codec.hpp"

using namespace tlsock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t ops = data[0] % 16;
  ByteView program(data + 1, std::min(ops, size - 1));
  Reader r(ByteView(data, size).subspan(1 + program.size()), "fuzz");
  Bytes reencoded;
  Writer w(reencoded);
  size_t start = r.position();
  for (uint8_t op : program) {
    switch (op % 8) {
      case 0: if (auto v = r.u8()) w.u8(*v); break;
      case 1: if (auto v = r.u16()) w.u16(*v); break;
      case 2: if (auto v = r.u24()) w.u24(*v); break;
      case 3: if (auto v = r.u32()) w.u32(*v); break;
      case 4: if (auto v = r.vec8(op >> 4)) w.vec8(*v); break;
      case 5: if (auto v = r.vec16(0, 1u << (op >> 4))) w.vec16(*v); break;
      case 6: if (auto v = r.vec24()) w.vec24(*v); break;
      case 7: if (auto sub = r.sub16()) { auto guard = w.prefix16(); w.bytes(sub->rest()); } break;
    }
  }
  (void)r.expect_empty();
  // Every successful read re-encodes to exactly the bytes it consumed.
  if (!w.status().ok()) std::abort();
  ByteView consumed(data + 1 + program.size() + start, r.position() - start);
  if (reencoded.size() != consumed.size() ||
      !std::equal(reencoded.begin(), reencoded.end(), consumed.begin())) {
    std::abort();
  }
  return 0;
}
