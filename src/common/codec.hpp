// Wire codec: big-endian integers and length-prefixed vectors (RFC 8446 §3).
//
// Reader walks a borrowed buffer; every read checks the remaining length first and returns a
// decode_error instead of reading past the end. Vectors come back as views (no copy) or as
// sub-readers; a sub-reader must be consumed exactly (expect_empty), which is how trailing bytes
// inside a vector are caught. Vector length bounds are the <min..max> of the RFC's presentation
// language and are checked before the body is read.
//
// Writer appends to a caller's Bytes. A length prefix is opened with prefix8/16/24(), which
// returns a guard; when the guard goes out of scope it back-patches the length of everything
// written since. If a body is longer than its prefix can express the writer becomes failed and
// status() reports it: callers check status() once at the end instead of after every call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

class Reader {
 public:
  // context names what is being parsed, for error messages ("ClientHello").
  explicit Reader(ByteView data, const char* context = "message") : data_(data), context_(context) {}

  Result<uint8_t> u8();
  Result<uint16_t> u16();
  Result<uint32_t> u24();
  Result<uint32_t> u32();
  Result<uint64_t> u64();
  Result<ByteView> bytes(size_t n);

  // A vector with a 1/2/3-byte length prefix whose length must lie in [min_len, max_len].
  Result<ByteView> vec8(size_t min_len = 0, size_t max_len = 0xff);
  Result<ByteView> vec16(size_t min_len = 0, size_t max_len = 0xffff);
  Result<ByteView> vec24(size_t min_len = 0, size_t max_len = 0xffffff);
  // The same, as a Reader over the body (for vectors of structures).
  Result<Reader> sub8(size_t min_len = 0, size_t max_len = 0xff);
  Result<Reader> sub16(size_t min_len = 0, size_t max_len = 0xffff);
  Result<Reader> sub24(size_t min_len = 0, size_t max_len = 0xffffff);

  // The rest of the buffer, consumed.
  ByteView rest();
  // decode_error unless every byte has been read.
  Status expect_empty() const;

  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return remaining() == 0; }
  size_t position() const { return pos_; }
  const char* context() const { return context_; }

 private:
  Result<uint64_t> integer(size_t width);
  Result<ByteView> vec(size_t prefix_width, size_t min_len, size_t max_len);
  Error truncated(size_t need) const;

  ByteView data_;
  size_t pos_ = 0;
  const char* context_;
};

class Writer {
 public:
  explicit Writer(Bytes& out) : out_(out) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v);
  void u24(uint32_t v);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void bytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }

  class LengthPrefix {
   public:
    LengthPrefix(const LengthPrefix&) = delete;
    LengthPrefix& operator=(const LengthPrefix&) = delete;
    ~LengthPrefix();

   private:
    friend class Writer;
    LengthPrefix(Writer& w, size_t width);
    Writer& writer_;
    size_t width_;
    size_t start_;
  };

  [[nodiscard]] LengthPrefix prefix8() { return LengthPrefix(*this, 1); }
  [[nodiscard]] LengthPrefix prefix16() { return LengthPrefix(*this, 2); }
  [[nodiscard]] LengthPrefix prefix24() { return LengthPrefix(*this, 3); }

  // Vector helpers for the common case of an opaque body.
  void vec8(ByteView b);
  void vec16(ByteView b);
  void vec24(ByteView b);

  size_t size() const { return out_.size(); }
  Bytes& buffer() { return out_; }
  // Ok, or an internal error naming the first length prefix that overflowed.
  Status status() const;

 private:
  void put(uint64_t v, size_t width);
  Bytes& out_;
  bool overflow_ = false;
};

}  // namespace tlsock
