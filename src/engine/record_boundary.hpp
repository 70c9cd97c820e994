// RecordBoundary: where the current record ends in the incoming byte stream.
//
// The engine hands the record layer at most one record at a time and processes it before
// taking more. That way bytes after a close_notify stay with the caller (STARTTLS: Python's
// unwrap() returns the plain socket and the next protocol's bytes must not be swallowed), and
// nothing past an unread application data record is taken in (its plaintext is a view into
// the record layer's buffer). The boundary is found from the 5-byte headers alone (length at
// bytes 3-4, RFC 8446 §5.1); the record layer checks the headers themselves.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

class RecordBoundary {
 public:
  // How many leading bytes of `data` belong to the current record (header included).
  size_t span(ByteView data) const;
  // `n` bytes (at most span()) were handed on: move through the stream.
  void advance(ByteView taken);
  // Bytes still to come of the current record: its header's, then its body's (at least 1).
  size_t wanted() const {
    return header_have_ < kRecordHeaderLength ? kRecordHeaderLength - header_have_ : body_left_;
  }
  // No partial record is held.
  bool at_boundary() const { return header_have_ == 0; }
  // The content type of the current record once its first byte is in (0 before).
  uint8_t current_type() const { return header_have_ != 0 ? header_[0] : 0; }

 private:
  std::array<uint8_t, 5> header_{};
  size_t header_have_ = 0;   // 0..5
  size_t body_left_ = 0;     // once the header is complete
};

}  // namespace tlsock
