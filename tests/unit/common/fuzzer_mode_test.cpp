#include <doctest/doctest.h>

#include "common/fuzzer_mode.hpp"

using namespace tlsock;

// Only the fuzz preset compiles in the unsafe fuzzer mode (CMakeLists.txt refuses it with the
// tests): in every tested build a Finished or binder compare really compares.
TEST_CASE("fuzzer mode is off outside the fuzz build") {
  CHECK_FALSE(kUnsafeFuzzerMode);
  Bytes a{1, 2, 3}, b{1, 2, 4}, c{1, 2};
  CHECK(mac_equal_or_fuzzing(a, a));
  CHECK_FALSE(mac_equal_or_fuzzing(a, b));
  CHECK_FALSE(mac_equal_or_fuzzing(a, c));
}
