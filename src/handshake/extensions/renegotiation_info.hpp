// renegotiation_info (RFC 5746 §3.2): opaque renegotiated_connection<0..255>.
// tlsock never renegotiates, so the only value it sends or accepts is the empty one of an
// initial handshake (RFC 5746 §3.4, §3.6: a non-empty value there is a handshake_failure,
// checked by the state machines). The TLS_EMPTY_RENEGOTIATION_INFO_SCSV cipher suite signals
// the same as an empty extension in a ClientHello (RFC 5746 §3.3).
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct RenegotiationInfo {
  Bytes renegotiated_connection;

  Result<Bytes> encode() const;
  static Result<RenegotiationInfo> decode(ByteView body);
};

}  // namespace tlsock
