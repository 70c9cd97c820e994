#include "handshake/extensions/next_protocol_negotiation.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> NextProtocolNegotiationServer::encode() const {
  for (const auto& p : protocols) {
    if (p.empty() || p.size() > 255) return config_error("NPN protocol names must be 1..255 bytes");
  }
  return write_bytes([&](Writer& w) {
    for (const auto& p : protocols) w.vec8(as_bytes(p));
  });
}

Result<NextProtocolNegotiationServer> NextProtocolNegotiationServer::decode(ByteView body) {
  Reader r(body, "next_protocol_negotiation");
  NextProtocolNegotiationServer out;
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(ByteView p, r.vec8(1));
    out.protocols.emplace_back(as_chars(p));
  }
  return out;
}

}  // namespace tlsock
