// Python's "bytes-like object", spelled in C++.
//
// Python methods such as send(), sendall() and MemoryBIO.write() accept any bytes-like object,
// and recv_into() any writable buffer. ConstBuffer and MutableBuffer are the C++ parameter types
// for those: non-owning views that convert implicitly from every contiguous range of one-byte
// elements (std::string, std::string_view, std::vector<std::byte>, std::span<uint8_t>,
// std::array<char, N>, ...) and from C strings. One parameter type instead of an overload per
// container keeps each virtual method of Socket a single signature, so a derived SSLSocket
// overrides it without hiding sibling overloads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ranges>
#include <span>
#include <string_view>
#include <type_traits>

namespace tlsock {

namespace detail {
template <typename T>
concept OneByte = std::is_same_v<T, char> || std::is_same_v<T, unsigned char> ||
                  std::is_same_v<T, signed char> || std::is_same_v<T, std::byte> ||
                  std::is_same_v<T, char8_t>;

template <typename R>
concept ReadableByteRange =
    std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    OneByte<std::remove_cv_t<std::ranges::range_value_t<R>>>;

// A string literal (an array of const char) is a C string: ConstBuffer's const char*
// constructor takes it, without the trailing NUL that the array type counts.
template <typename R>
concept StringLiteral = std::is_array_v<std::remove_reference_t<R>> &&
                        std::is_same_v<std::remove_extent_t<std::remove_reference_t<R>>, const char>;

template <typename R>
concept WritableByteRange =
    ReadableByteRange<R> &&
    !std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>;
}  // namespace detail

class MutableBuffer;

// A read-only view of bytes (Python: a bytes-like object passed as input).
class ConstBuffer {
 public:
  ConstBuffer() = default;
  ConstBuffer(const void* data, size_t size)
      : data_(static_cast<const std::byte*>(data)), size_(size) {}
  // A C string is taken up to its NUL, as std::string_view would.
  ConstBuffer(const char* s) : ConstBuffer(s, std::strlen(s)) {}
  // Python's write(None) is a TypeError; here it does not compile (strlen(nullptr) would crash).
  ConstBuffer(std::nullptr_t) = delete;
  template <detail::ReadableByteRange R>
    requires(!detail::StringLiteral<R>)
  ConstBuffer(R&& r)  // NOLINT: implicit on purpose, like Python's buffer protocol
      : data_(reinterpret_cast<const std::byte*>(std::ranges::data(r))),
        size_(std::ranges::size(r)) {}

  ConstBuffer(const MutableBuffer& b);

  const std::byte* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const std::byte> bytes() const { return {data_, size_}; }
  std::string_view chars() const { return {reinterpret_cast<const char*>(data_), size_}; }
  // The bytes from offset on (offset is clamped to size()).
  ConstBuffer subspan(size_t offset) const {
    offset = offset < size_ ? offset : size_;
    return {data_ + offset, size_ - offset};
  }

 private:
  const std::byte* data_ = nullptr;
  size_t size_ = 0;
};

// A writable view of bytes (Python: the buffer given to recv_into / read(n, buffer)).
class MutableBuffer {
 public:
  MutableBuffer() = default;
  MutableBuffer(void* data, size_t size) : data_(static_cast<std::byte*>(data)), size_(size) {}
  template <detail::WritableByteRange R>
  MutableBuffer(R&& r)  // NOLINT: implicit on purpose, like Python's buffer protocol
      : data_(reinterpret_cast<std::byte*>(std::ranges::data(r))), size_(std::ranges::size(r)) {}

  std::byte* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<std::byte> bytes() const { return {data_, size_}; }
  // The first n bytes (n is clamped to size()).
  MutableBuffer first(size_t n) const { return {data_, n < size_ ? n : size_}; }

 private:
  std::byte* data_ = nullptr;
  size_t size_ = 0;
};

inline ConstBuffer::ConstBuffer(const MutableBuffer& b) : data_(b.data()), size_(b.size()) {}

}  // namespace tlsock
