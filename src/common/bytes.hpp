// Byte containers shared by every layer.
//
// Bytes is an owned buffer, ByteView a borrowed read-only window, MutableByteView a borrowed
// writable one. Secret is an owned buffer for key material: it is wiped when it is destroyed or
// overwritten, and its comparison is constant time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsock {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
using MutableByteView = std::span<uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// Overwrites memory in a way the optimiser may not remove.
void secure_wipe(void* data, size_t size);

// Constant-time equality (time depends only on the lengths): for tags, Finished, binders.
bool constant_time_equal(ByteView a, ByteView b);

std::string to_hex(ByteView b);
// Parses hex, ignoring whitespace and ':'; returns false on an odd length or a non-hex char.
bool from_hex(std::string_view hex, Bytes& out);

class Secret {
 public:
  Secret() = default;
  explicit Secret(size_t size) : bytes_(size, 0) {}
  explicit Secret(ByteView b) : bytes_(b.begin(), b.end()) {}
  Secret(const Secret& other) : bytes_(other.bytes_) {}
  Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }
  Secret& operator=(const Secret& other) {
    if (this != &other) {
      wipe();
      bytes_ = other.bytes_;
    }
    return *this;
  }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.bytes_.clear();
    }
    return *this;
  }
  ~Secret() { wipe(); }

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  ByteView view() const { return bytes_; }
  MutableByteView mutable_view() { return bytes_; }
  operator ByteView() const { return bytes_; }

  friend bool operator==(const Secret& a, const Secret& b) { return constant_time_equal(a, b); }

 private:
  void wipe() {
    secure_wipe(bytes_.data(), bytes_.size());
    bytes_.clear();
  }
  Bytes bytes_;
};

}  // namespace tlsock
