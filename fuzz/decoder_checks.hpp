// The checks the handshake decoder fuzz targets share (handshake_messages.cpp for every
// message, handshake12_messages.cpp for the TLS 1.2-only ones). A failed check aborts: that is
// the finding libFuzzer reports.
#pragma once

#include <algorithm>
#include <cstdlib>

#include "common/bytes.hpp"
#include "handshake/handshake_message.hpp"

namespace tlsock::fuzz {

// A message body that decodes must re-encode (header included) to exactly the same body.
template <typename Decode>
void round_trip(ByteView body, Decode decode) {
  auto m = decode(body);
  if (!m.ok()) return;
  auto again = m->encode();
  if (!again.ok()) std::abort();
  auto parsed = decode_handshake_message(*again);
  if (!parsed.ok()) std::abort();
  if (!std::equal(parsed->body.begin(), parsed->body.end(), body.begin(), body.end())) std::abort();
}

// A typed extension body that decodes must encode again.
template <typename Decode>
void extension(ByteView body, Decode decode) {
  auto e = decode(body);
  if (e.ok() && !e->encode().ok()) std::abort();
}

}  // namespace tlsock::fuzz
