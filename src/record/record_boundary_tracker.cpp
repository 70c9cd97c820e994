#include "record/record_boundary_tracker.hpp"

#include <algorithm>

namespace tlsock {

namespace {

size_t body_length(const std::array<uint8_t, kRecordHeaderLength>& header) {
  return (size_t{header[3]} << 8) | header[4];
}

}  // namespace

size_t RecordBoundaryTracker::span(ByteView data) const {
  if (header_have_ == kRecordHeaderLength) return std::min(data.size(), body_left_);
  size_t head = std::min(data.size(), kRecordHeaderLength - header_have_);
  if (header_have_ + head < kRecordHeaderLength) return head;
  // The header completes inside `data`: its length field says where the body ends.
  std::array<uint8_t, kRecordHeaderLength> h = header_;
  for (size_t i = 0; i < head; ++i) h[header_have_ + i] = data[i];
  return head + std::min(data.size() - head, body_length(h));
}

void RecordBoundaryTracker::advance(ByteView taken) {
  while (!taken.empty()) {
    if (header_have_ < kRecordHeaderLength) {
      header_[header_have_++] = taken[0];
      taken = taken.subspan(1);
      if (header_have_ == kRecordHeaderLength) body_left_ = body_length(header_);
    } else {
      size_t n = std::min(taken.size(), body_left_);
      body_left_ -= n;
      taken = taken.subspan(n);
    }
    if (header_have_ == kRecordHeaderLength && body_left_ == 0) header_have_ = 0;
  }
}

}  // namespace tlsock
