// NextProtocol (draft-agl-tls-nextprotoneg-04 §3, handshake type 67), sent by the client after
// its ChangeCipherSpec and before its Finished:
//   struct { opaque selected_protocol<0..255>; opaque padding<0..255>; } NextProtocol;
// "The length of padding SHOULD be 32 - ((len(selected_protocol) + 2) % 32)" so that the
// record hides the protocol's length; the padding bytes are zeros. We pad that way and accept
// any padding on receipt (its length and content carry nothing).
#pragma once

#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

struct NextProtocol {
  std::string selected_protocol;
  Bytes padding;  // filled by with_padding(); kept as received by decode()

  // The message for `protocol` with the draft's padding.
  static NextProtocol with_padding(std::string protocol);
  // internal_error for a protocol over 255 bytes.
  Result<Bytes> encode() const;
  static Result<NextProtocol> decode(ByteView body);
};

}  // namespace tlsock
