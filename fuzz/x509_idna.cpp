// libFuzzer: IDNA ToASCII and Punycode over arbitrary bytes. Whatever the input, a converted
// name is pure ASCII, and an ASCII input comes back unchanged (Python's fast path).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "x509/idna.hpp"
#include "x509/punycode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ascii = tlsock::x509::hostname_to_ascii(text);
  if (ascii) {
    for (char c : *ascii)
      if (static_cast<unsigned char>(c) >= 0x80) __builtin_trap();
    bool input_ascii = true;
    for (char c : text) input_ascii = input_ascii && static_cast<unsigned char>(c) < 0x80;
    if (input_ascii && *ascii != text) __builtin_trap();
  }
  std::u32string cps;
  for (size_t i = 0; i + 3 < size; i += 4)
    cps.push_back(static_cast<char32_t>(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | (data[i + 3] & 0x1f) << 24));
  (void)tlsock::x509::punycode_encode(cps);
  return 0;
}
