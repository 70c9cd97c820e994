#include "handshake/extensions/alpn.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> ProtocolNameList::encode() const {
  for (const auto& p : protocols) {
    if (p.empty() || p.size() > 255) {
      return config_error("ALPN protocol names must be 1..255 bytes");
    }
  }
  return write_bytes([&](Writer& w) {
    auto list = w.prefix16();
    for (const auto& p : protocols) w.vec8(as_bytes(p));
  });
}

Result<ProtocolNameList> ProtocolNameList::decode(ByteView body) {
  return decode_whole(body, "alpn", [](Reader& r) -> Result<ProtocolNameList> {
    TLSOCK_TRY_ASSIGN(Reader list, r.sub16(2));
    ProtocolNameList out;
    while (!list.empty()) {
      TLSOCK_TRY_ASSIGN(ByteView p, list.vec8(1));
      out.protocols.emplace_back(as_chars(p));
    }
    return out;
  });
}

Result<std::string> ProtocolNameList::decode_selected(ByteView body) {
  TLSOCK_TRY_ASSIGN(ProtocolNameList list, decode(body));
  if (list.protocols.size() != 1) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "alpn: server selected " + std::to_string(list.protocols.size()) +
                              " protocols, not exactly one");
  }
  return std::move(list.protocols.front());
}

}  // namespace tlsock
