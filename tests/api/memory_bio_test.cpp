// Port of CPython's MemoryBIOTests (test_ssl.py), plus what the C++ spelling adds: shared
// handles, read_into(), linear cost and the memory an empty BIO holds.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <list>
#include <span>
#include <string>
#include <vector>

#include "support/allocation_counter.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"

using namespace tlsock;

TEST_CASE("MemoryBIO: test_read_write") {
  MemoryBIO bio;
  bio.write("foo");
  CHECK(bio.read() == "foo");
  CHECK(bio.read() == "");
  bio.write("foo");
  bio.write("bar");
  CHECK(bio.read() == "foobar");
  CHECK(bio.read() == "");
  bio.write("baz");
  CHECK(bio.read(2) == "ba");
  CHECK(bio.read(1) == "z");
  CHECK(bio.read(1) == "");
}

TEST_CASE("MemoryBIO: test_eof") {
  MemoryBIO bio;
  CHECK_FALSE(bio.eof());
  CHECK(bio.read() == "");
  CHECK_FALSE(bio.eof());
  bio.write("foo");
  CHECK_FALSE(bio.eof());
  bio.write_eof();
  CHECK_FALSE(bio.eof());
  CHECK(bio.read(2) == "fo");
  CHECK_FALSE(bio.eof());
  CHECK(bio.read(1) == "o");
  CHECK(bio.eof());
  CHECK(bio.read() == "");
  CHECK(bio.eof());
}

TEST_CASE("MemoryBIO: test_pending") {
  MemoryBIO bio;
  CHECK(bio.pending() == 0);
  bio.write("foo");
  CHECK(bio.pending() == 3);
  for (size_t i = 0; i < 3; ++i) {
    bio.read(1);
    CHECK(bio.pending() == 3 - i - 1);
  }
  for (size_t i = 0; i < 3; ++i) {
    bio.write("x");
    CHECK(bio.pending() == i + 1);
  }
  bio.read();
  CHECK(bio.pending() == 0);
}

TEST_CASE("MemoryBIO: test_buffer_types") {
  MemoryBIO bio;
  CHECK(bio.write(std::string("foo")) == 3);
  CHECK(bio.read() == "foo");
  std::vector<std::byte> bytearray = {std::byte{'b'}, std::byte{'a'}, std::byte{'r'}};
  CHECK(bio.write(bytearray) == 3);
  CHECK(bio.read() == "bar");
  std::array<uint8_t, 3> view = {'b', 'a', 'z'};
  CHECK(bio.write(std::span<const uint8_t>(view)) == 3);
  CHECK(bio.read() == "baz");
  CHECK(bio.write(std::string("nul\0byte", 8)) == 8);
  CHECK(bio.read() == std::string("nul\0byte", 8));
  // A non-contiguous buffer is Python's BufferError; here it does not compile.
  static_assert(!std::is_convertible_v<std::list<char>, ConstBuffer>);
}

TEST_CASE("MemoryBIO: test_error_types") {
  // Python's TypeError for str, None, True and 1: not bytes-like, so they do not compile.
  static_assert(!std::is_convertible_v<int, ConstBuffer>);
  static_assert(!std::is_convertible_v<bool, ConstBuffer>);
  static_assert(!std::is_convertible_v<std::nullptr_t, ConstBuffer>);
  static_assert(!std::is_convertible_v<std::u16string, ConstBuffer>);
  static_assert(!std::is_convertible_v<std::vector<int>, ConstBuffer>);
  MemoryBIO bio;
  bio.write_eof();
  try {
    bio.write("x");
    FAIL("write after write_eof");
  } catch (const SSLError& e) {
    CHECK(std::string(e.what()) == "cannot write() after write_eof()");
  }
}

TEST_CASE("MemoryBIO: read(n) across chunks, negative n reads everything") {
  MemoryBIO bio;
  bio.write("ab");
  bio.write("");
  bio.write("cde");
  bio.write("f");
  CHECK(bio.read(0) == "");
  CHECK(bio.read(3) == "abc");
  CHECK(bio.pending() == 3);
  CHECK(bio.read(-5) == "def");
  CHECK(bio.read(10) == "");
}

TEST_CASE("MemoryBIO: copies share one buffer, as Python references do") {
  MemoryBIO a;
  MemoryBIO b = a;
  a.write("shared");
  CHECK(b.pending() == 6);
  CHECK(b.read(3) == "sha");
  a.write_eof();
  CHECK(a.read() == "red");
  CHECK(b.eof());
}

TEST_CASE("MemoryBIO: read_into() fills a caller's buffer from the front") {
  MemoryBIO bio;
  std::array<char, 4> buf{};
  CHECK(bio.read_into(buf) == 0);
  bio.write("abcdef");
  CHECK(bio.read_into(MutableBuffer()) == 0);
  CHECK(bio.pending() == 6);
  CHECK(bio.read_into(buf) == 4);
  CHECK(std::string(buf.data(), 4) == "abcd");
  bio.write("gh");
  CHECK(bio.read(1) == "e");
  CHECK(bio.read_into(buf) == 3);
  CHECK(std::string(buf.data(), 3) == "fgh");
  bio.write_eof();
  CHECK(bio.eof());
  CHECK(bio.read_into(buf) == 0);
}

TEST_CASE("MemoryBIO: an empty BIO holds only its shared state") {
  test::AllocationCounts a = test::allocation_counts();
  MemoryBIO bio;
  test::AllocationCounts b = test::allocation_counts();
  CHECK(b.news - a.news == 1);
  const std::string record(1000, 'r');
  bio.write(record);
  std::array<char, 600> buf;
  b = test::allocation_counts();
  CHECK(bio.read_into(buf) == 600);
  CHECK(bio.read_into(buf) == 400);
  test::AllocationCounts c = test::allocation_counts();
  CHECK(test::allocations_between(b, c) == 0);
  // Drained, the BIO gave its buffer back: the next write allocates a new one.
  bio.write(record);
  test::AllocationCounts d = test::allocation_counts();
  CHECK(d.news - c.news == 1);
  CHECK(bio.read() == record);
}

TEST_CASE("MemoryBIO: cost is linear in the bytes moved") {
  // 200000 one-byte writes read back one byte at a time: quadratic erase-from-front would take
  // seconds here; cutting the consumed front off once it passes half takes milliseconds.
  MemoryBIO bio;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200000; ++i) bio.write("x");
  std::string big(1 << 20, 'y');
  bio.write(big);
  size_t total = 0;
  for (int i = 0; i < 200000; ++i) total += bio.read(1).size();
  while (bio.pending() > 0) total += bio.read(4096).size();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(total == 200000 + big.size());
  CHECK(seconds < 2.0);
}
