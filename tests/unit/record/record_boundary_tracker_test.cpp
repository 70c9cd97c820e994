#include <doctest/doctest.h>

#include <vector>

#include "record/record_boundary_tracker.hpp"
#include "record/record_deframer.hpp"

using namespace tlsock;

namespace {

// Records of these body lengths (0 and 2^16-1 included: the tracker reads only the length).
Bytes stream_of(const std::vector<size_t>& bodies, std::vector<size_t>& ends) {
  Bytes s;
  for (size_t n : bodies) {
    Bytes h(kRecordHeaderLength);
    write_record_header(h, ContentType::application_data, 0x0303, static_cast<uint16_t>(n));
    s.insert(s.end(), h.begin(), h.end());
    s.resize(s.size() + n, static_cast<uint8_t>(n));
    ends.push_back(s.size());
  }
  return s;
}

}  // namespace

TEST_CASE("record boundary tracker: a chunk is never taken past the end of the current record") {
  std::vector<size_t> ends;
  Bytes stream = stream_of({3, 0, 1, 300, 0xffff, 7}, ends);
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{4}, size_t{5}, size_t{6}, size_t{9},
                       size_t{1000}, stream.size()}) {
    CAPTURE(chunk);
    RecordBoundaryTracker t;
    CHECK(t.at_boundary());
    size_t pos = 0;
    std::vector<size_t> seen;
    while (pos < stream.size()) {
      ByteView offered = ByteView(stream).subspan(pos, std::min(chunk, stream.size() - pos));
      size_t n = t.span(offered);
      REQUIRE(n > 0);
      REQUIRE(n <= offered.size());
      // Taken in two steps, as a caller may hand on less than span().
      t.advance(offered.first(n / 2));
      t.advance(offered.subspan(n / 2, n - n / 2));
      pos += n;
      if (t.at_boundary()) seen.push_back(pos);
      // The next record's end is never passed.
      size_t next_end = *std::lower_bound(ends.begin(), ends.end(), pos);
      CHECK(pos <= next_end);
    }
    CHECK(seen == ends);
  }
}

TEST_CASE("record boundary tracker: a header split anywhere still says where the body ends") {
  std::vector<size_t> ends;
  Bytes stream = stream_of({10, 4}, ends);
  for (size_t first = 1; first < kRecordHeaderLength; ++first) {
    CAPTURE(first);
    RecordBoundaryTracker t;
    CHECK(t.span(ByteView(stream).first(first)) == first);
    t.advance(ByteView(stream).first(first));
    CHECK(!t.at_boundary());
    // The rest of the header and more than the body: only up to the first record's end.
    CHECK(t.span(ByteView(stream).subspan(first)) == ends[0] - first);
  }
}
