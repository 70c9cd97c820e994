#include "handshake/extensions/key_share.hpp"

#include "handshake/code_point_set.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

namespace {
Result<KeyShareEntry> read_entry(Reader& r) {
  TLSOCK_TRY_ASSIGN(uint16_t group, r.u16());
  TLSOCK_TRY_ASSIGN(ByteView key, r.vec16(0));
  // key_exchange<1..2^16-1> (RFC 8446 §4.2.8): an empty one is no valid public value of any
  // group, the illegal_parameter of §4.2.8.2, as for a share of the wrong length.
  if (key.empty()) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "key_share: empty key_exchange for group " + name(static_cast<NamedGroup>(group)));
  }
  return KeyShareEntry{static_cast<NamedGroup>(group), Bytes(key.begin(), key.end())};
}
void write_entry(Writer& w, const KeyShareEntry& e) {
  w.u16(static_cast<uint16_t>(e.group));
  w.vec16(e.key_exchange);
}
}  // namespace

Result<Bytes> KeyShareClientHello::encode() const {
  return write_bytes([&](Writer& w) {
    auto list = w.prefix16();
    for (const auto& e : shares) write_entry(w, e);
  });
}

Result<KeyShareClientHello> KeyShareClientHello::decode(ByteView body) {
  return decode_whole(body, "key_share", [](Reader& r) -> Result<KeyShareClientHello> {
    TLSOCK_TRY_ASSIGN(Reader list, r.sub16());
    KeyShareClientHello out;
    CodePointSet groups;
    while (!list.empty()) {
      TLSOCK_TRY_ASSIGN(KeyShareEntry e, read_entry(list));
      if (!groups.insert(static_cast<uint16_t>(e.group))) {
        return protocol_error(AlertDescription::illegal_parameter,
                              "key_share: two shares for group " + name(e.group));
      }
      out.shares.push_back(std::move(e));
    }
    return out;
  });
}

const KeyShareEntry* KeyShareClientHello::find(NamedGroup g) const {
  for (const auto& e : shares) {
    if (e.group == g) return &e;
  }
  return nullptr;
}

Result<Bytes> KeyShareServerHello::encode() const {
  return write_bytes([&](Writer& w) { write_entry(w, share); });
}

Result<KeyShareServerHello> KeyShareServerHello::decode(ByteView body) {
  return decode_whole(body, "key_share", [](Reader& r) -> Result<KeyShareServerHello> {
    TLSOCK_TRY_ASSIGN(KeyShareEntry e, read_entry(r));
    return KeyShareServerHello{std::move(e)};
  });
}

Result<Bytes> KeyShareHelloRetryRequest::encode() const {
  return write_bytes([&](Writer& w) { w.u16(static_cast<uint16_t>(selected_group)); });
}

Result<KeyShareHelloRetryRequest> KeyShareHelloRetryRequest::decode(ByteView body) {
  return decode_whole(body, "key_share", [](Reader& r) -> Result<KeyShareHelloRetryRequest> {
    TLSOCK_TRY_ASSIGN(uint16_t g, r.u16());
    return KeyShareHelloRetryRequest{static_cast<NamedGroup>(g)};
  });
}

}  // namespace tlsock
