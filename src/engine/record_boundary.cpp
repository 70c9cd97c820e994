#include "engine/record_boundary.hpp"

#include <algorithm>

#include "record/record_limits.hpp"

namespace tlsock {

size_t RecordBoundary::span(ByteView data) const {
  if (header_have_ == kRecordHeaderLength) return std::min(data.size(), body_left_);
  size_t head = std::min(data.size(), kRecordHeaderLength - header_have_);
  if (header_have_ + head < kRecordHeaderLength) return head;
  // The header completes inside `data`: its length field says where the body ends.
  std::array<uint8_t, 5> h = header_;
  for (size_t i = 0; i < head; ++i) h[header_have_ + i] = data[i];
  size_t body = (size_t{h[3]} << 8) | h[4];
  return head + std::min(data.size() - head, body);
}

void RecordBoundary::advance(ByteView taken) {
  while (!taken.empty()) {
    if (header_have_ < kRecordHeaderLength) {
      header_[header_have_++] = taken[0];
      taken = taken.subspan(1);
      if (header_have_ == kRecordHeaderLength) body_left_ = (size_t{header_[3]} << 8) | header_[4];
    } else {
      size_t n = std::min(taken.size(), body_left_);
      body_left_ -= n;
      taken = taken.subspan(n);
    }
    if (header_have_ == kRecordHeaderLength && body_left_ == 0) header_have_ = 0;
  }
}

}  // namespace tlsock
