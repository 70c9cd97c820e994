// Small helpers shared by the message and extension codecs.
#pragma once

#include <utility>
#include <vector>

#include "common/codec.hpp"

namespace tlsock {

// Runs f(Writer&) over a fresh buffer and returns it, or the writer's overflow error.
template <typename F>
Result<Bytes> write_bytes(F&& f) {
  Bytes out;
  Writer w(out);
  std::forward<F>(f)(w);
  TLSOCK_TRY(w.status());
  return out;
}

// A decode_error naming the context, for values the presentation language forbids.
inline Error malformed(const char* context, const std::string& what) {
  return decode_error(std::string(context) + ": " + what);
}

}  // namespace tlsock

namespace tlsock {

// A vector of u16 code points (NamedGroup, SignatureScheme, CipherSuite, ...) with a u16 length
// prefix of <min_len..max_len> bytes. An odd length is a decode_error; unknown values are kept.
template <typename T>
Result<std::vector<T>> read_u16_list(Reader& r, size_t min_len, size_t max_len) {
  TLSOCK_TRY_ASSIGN(Reader list, r.sub16(min_len, max_len));
  if (list.remaining() % 2 != 0) {
    return malformed(list.context(), "odd length for a list of 16-bit values");
  }
  std::vector<T> out;
  out.reserve(list.remaining() / 2);
  while (!list.empty()) {
    TLSOCK_TRY_ASSIGN(uint16_t v, list.u16());
    out.push_back(static_cast<T>(v));
  }
  return out;
}

template <typename T>
void write_u16_list(Writer& w, const std::vector<T>& values) {
  auto list = w.prefix16();
  for (T v : values) w.u16(static_cast<uint16_t>(v));
}

// Decodes a whole extension body with f(Reader&) -> Result<T>, then requires the body to be
// consumed exactly (trailing bytes are a decode_error).
template <typename F>
auto decode_whole(ByteView body, const char* context, F&& f) -> decltype(f(std::declval<Reader&>())) {
  Reader r(body, context);
  auto v = std::forward<F>(f)(r);
  if (!v.ok()) return v;
  TLSOCK_TRY(r.expect_empty());
  return v;
}

}  // namespace tlsock
