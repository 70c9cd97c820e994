#include "common/codec.hpp"

namespace tlsock {

Error Reader::truncated(size_t need) const {
  return decode_error(std::string(context_) + ": truncated (need " + std::to_string(need) +
                      " bytes at offset " + std::to_string(pos_) + ", have " +
                      std::to_string(remaining()) + ")");
}

Result<uint64_t> Reader::integer(size_t width) {
  if (remaining() < width) return truncated(width);
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = v << 8 | data_[pos_ + i];
  pos_ += width;
  return v;
}

Result<uint8_t> Reader::u8() {
  TLSOCK_TRY_ASSIGN(uint64_t v, integer(1));
  return static_cast<uint8_t>(v);
}
Result<uint16_t> Reader::u16() {
  TLSOCK_TRY_ASSIGN(uint64_t v, integer(2));
  return static_cast<uint16_t>(v);
}
Result<uint32_t> Reader::u24() {
  TLSOCK_TRY_ASSIGN(uint64_t v, integer(3));
  return static_cast<uint32_t>(v);
}
Result<uint32_t> Reader::u32() {
  TLSOCK_TRY_ASSIGN(uint64_t v, integer(4));
  return static_cast<uint32_t>(v);
}
Result<uint64_t> Reader::u64() { return integer(8); }

Result<ByteView> Reader::bytes(size_t n) {
  if (remaining() < n) return truncated(n);
  ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

Result<ByteView> Reader::vec(size_t prefix_width, size_t min_len, size_t max_len) {
  size_t start = pos_;
  TLSOCK_TRY_ASSIGN(uint64_t len, integer(prefix_width));
  if (len < min_len || len > max_len) {
    pos_ = start;
    return decode_error(std::string(context_) + ": vector length " + std::to_string(len) +
                        " outside <" + std::to_string(min_len) + ".." + std::to_string(max_len) +
                        "> at offset " + std::to_string(start));
  }
  auto body = bytes(static_cast<size_t>(len));
  if (!body.ok()) pos_ = start;
  return body;
}

Result<ByteView> Reader::vec8(size_t min_len, size_t max_len) { return vec(1, min_len, max_len); }
Result<ByteView> Reader::vec16(size_t min_len, size_t max_len) { return vec(2, min_len, max_len); }
Result<ByteView> Reader::vec24(size_t min_len, size_t max_len) { return vec(3, min_len, max_len); }

Result<Reader> Reader::sub8(size_t min_len, size_t max_len) {
  TLSOCK_TRY_ASSIGN(ByteView body, vec8(min_len, max_len));
  return Reader(body, context_);
}
Result<Reader> Reader::sub16(size_t min_len, size_t max_len) {
  TLSOCK_TRY_ASSIGN(ByteView body, vec16(min_len, max_len));
  return Reader(body, context_);
}
Result<Reader> Reader::sub24(size_t min_len, size_t max_len) {
  TLSOCK_TRY_ASSIGN(ByteView body, vec24(min_len, max_len));
  return Reader(body, context_);
}

ByteView Reader::rest() {
  ByteView out = data_.subspan(pos_);
  pos_ = data_.size();
  return out;
}

Status Reader::expect_empty() const {
  if (!empty()) {
    return decode_error(std::string(context_) + ": " + std::to_string(remaining()) +
                        " trailing bytes at offset " + std::to_string(pos_));
  }
  return {};
}

void Writer::put(uint64_t v, size_t width) {
  for (size_t i = width; i-- > 0;) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void Writer::u16(uint16_t v) { put(v, 2); }
void Writer::u24(uint32_t v) {
  if (v > 0xffffff) overflow_ = true;
  put(v, 3);
}
void Writer::u32(uint32_t v) { put(v, 4); }
void Writer::u64(uint64_t v) { put(v, 8); }

void Writer::vec8(ByteView b) {
  auto guard = prefix8();
  bytes(b);
}
void Writer::vec16(ByteView b) {
  auto guard = prefix16();
  bytes(b);
}
void Writer::vec24(ByteView b) {
  auto guard = prefix24();
  bytes(b);
}

Writer::LengthPrefix::LengthPrefix(Writer& w, size_t width)
    : writer_(w), width_(width), start_(w.out_.size() + width) {
  w.put(0, width);
}

Writer::LengthPrefix::~LengthPrefix() {
  size_t len = writer_.out_.size() - start_;
  if (len >> (8 * width_) != 0) {
    writer_.overflow_ = true;
    return;
  }
  for (size_t i = 0; i < width_; ++i) {
    writer_.out_[start_ - width_ + i] = static_cast<uint8_t>(len >> (8 * (width_ - 1 - i)));
  }
}

Status Writer::status() const {
  if (overflow_) return internal_error("encoder: a vector is longer than its length prefix allows");
  return {};
}

}  // namespace tlsock
