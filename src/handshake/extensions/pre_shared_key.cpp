#include "handshake/extensions/pre_shared_key.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> OfferedPsks::encode() const {
  return write_bytes([&](Writer& w) {
    {
      auto ids = w.prefix16();
      for (const auto& id : identities) {
        w.vec16(id.identity);
        w.u32(id.obfuscated_ticket_age);
      }
    }
    auto list = w.prefix16();
    for (const auto& b : binders) w.vec8(b);
  });
}

Result<OfferedPsks> OfferedPsks::decode(ByteView body) {
  return decode_whole(body, "pre_shared_key", [](Reader& r) -> Result<OfferedPsks> {
    OfferedPsks out;
    TLSOCK_TRY_ASSIGN(Reader ids, r.sub16(7));
    while (!ids.empty()) {
      TLSOCK_TRY_ASSIGN(ByteView identity, ids.vec16(1));
      TLSOCK_TRY_ASSIGN(uint32_t age, ids.u32());
      out.identities.push_back({Bytes(identity.begin(), identity.end()), age});
    }
    TLSOCK_TRY_ASSIGN(Reader binders, r.sub16(33));
    while (!binders.empty()) {
      TLSOCK_TRY_ASSIGN(ByteView binder, binders.vec8(32, 255));
      out.binders.emplace_back(binder.begin(), binder.end());
    }
    if (out.binders.size() != out.identities.size()) {
      return protocol_error(AlertDescription::illegal_parameter,
                            "pre_shared_key: " + std::to_string(out.identities.size()) +
                                " identities but " + std::to_string(out.binders.size()) +
                                " binders");
    }
    return out;
  });
}

size_t binders_list_length(const std::vector<size_t>& binder_lengths) {
  size_t n = 2;
  for (size_t len : binder_lengths) n += 1 + len;
  return n;
}

size_t OfferedPsks::binders_length() const {
  size_t n = 2;
  for (const auto& b : binders) n += 1 + b.size();
  return n;
}

Result<Bytes> PreSharedKeyServerHello::encode() const {
  return write_bytes([&](Writer& w) { w.u16(selected_identity); });
}

Result<PreSharedKeyServerHello> PreSharedKeyServerHello::decode(ByteView body) {
  return decode_whole(body, "pre_shared_key", [](Reader& r) -> Result<PreSharedKeyServerHello> {
    TLSOCK_TRY_ASSIGN(uint16_t i, r.u16());
    return PreSharedKeyServerHello{i};
  });
}

}  // namespace tlsock
