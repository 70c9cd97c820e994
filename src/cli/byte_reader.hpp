// A bounds-checked reader of TLS wire structures for the --trace decoder. Reading past the
// end never touches memory outside the data: it yields zeros / empty views and marks the
// reader failed (sticky), so a decoder reads on and checks ok() once at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tlsock::cli {

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  bool ok() const { return ok_; }
  bool empty() const { return data_.empty(); }
  size_t left() const { return data_.size(); }

  uint32_t u8() { return number(1); }
  uint32_t u16() { return number(2); }
  uint32_t u24() { return number(3); }
  uint32_t u32() { return number(4); }
  std::string_view bytes(size_t n) {
    if (n > data_.size()) {
      ok_ = false;
      n = data_.size();
    }
    std::string_view out = data_.substr(0, n);
    data_.remove_prefix(n);
    return out;
  }
  std::string_view rest() { return bytes(data_.size()); }
  // A vector with a 1-, 2- or 3-byte length prefix, as a reader of its own.
  ByteReader sub(size_t prefix_bytes) {
    ByteReader inner(bytes(number(prefix_bytes)));
    if (!ok_) inner.ok_ = false;
    return inner;
  }
  // Marks the reader failed when `inner` failed (for sub-readers read to their end).
  void absorb(const ByteReader& inner) { ok_ = ok_ && inner.ok_; }

 private:
  uint32_t number(size_t n) {
    std::string_view b = bytes(n);
    if (b.size() != n) return 0;
    uint32_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
    return v;
  }

  std::string_view data_;
  bool ok_ = true;
};

}  // namespace tlsock::cli
