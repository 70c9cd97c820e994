// RecordBoundaryTracker: where the record now arriving ends in the incoming byte stream.
//
// The record layer takes at most one record at a time (RecordLayer::feed): its caller reads
// that record before it feeds more. That way bytes after a close_notify stay with the caller
// (STARTTLS: Python's unwrap() returns the plain socket, and the next protocol's bytes must not
// be swallowed), and nothing past an unread application data record is taken in (its plaintext
// is a view into the receive buffer). The boundary is found from the 5-byte headers alone
// (length at bytes 3-4, RFC 8446 §5.1); the deframer checks the headers themselves.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

class RecordBoundaryTracker {
 public:
  // How many leading bytes of `data` belong to the record now arriving (header included).
  size_t span(ByteView data) const;
  // `taken` (at most span() bytes) was handed on: move through the stream.
  void advance(ByteView taken);
  // Bytes still to come of the record now arriving: its header's, then its body's (at least 1).
  size_t wanted() const {
    return header_have_ < kRecordHeaderLength ? kRecordHeaderLength - header_have_ : body_left_;
  }
  // No partial record is held: the last record taken in is whole.
  bool at_boundary() const { return header_have_ == 0; }

 private:
  std::array<uint8_t, kRecordHeaderLength> header_{};
  size_t header_have_ = 0;  // 0..5
  size_t body_left_ = 0;    // once the header is complete
};

}  // namespace tlsock
