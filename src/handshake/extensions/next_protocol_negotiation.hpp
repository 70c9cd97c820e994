// next_protocol_negotiation (draft-agl-tls-nextprotoneg-04 §3, type 13172). The ClientHello
// carries it empty; the server's ServerHello carries the protocols it advertises as a series
// of 8-bit length-prefixed strings filling the whole body (no outer length), possibly none.
// The client then names its choice in a NextProtocol message (messages/next_protocol.hpp).
#pragma once

#include <string>

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct NextProtocolNegotiationServer {
  std::vector<std::string> protocols;

  // internal_error for an empty name or one over 255 bytes (our own config).
  Result<Bytes> encode() const;
  // decode_error for a truncated or empty name.
  static Result<NextProtocolNegotiationServer> decode(ByteView body);
};

}  // namespace tlsock
