#include "handshake/extensions/extension.hpp"

#include <algorithm>

#include "handshake/code_point_set.hpp"

namespace tlsock {

Result<Extensions> Extensions::decode(ByteView block, const char* context) {
  Reader r(block, context);
  Extensions out;
  CodePointSet seen;
  while (!r.empty()) {
    TLSOCK_TRY_ASSIGN(uint16_t type, r.u16());
    TLSOCK_TRY_ASSIGN(ByteView body, r.vec16());
    auto t = static_cast<ExtensionType>(type);
    // RFC 8446 §4.2: MUST NOT be more than one extension of the same type. The RFC names no
    // alert; illegal_parameter is what OpenSSL and BoringSSL send.
    if (!seen.insert(type)) {
      return protocol_error(AlertDescription::illegal_parameter,
                            std::string(context) + ": duplicate extension " + name(t));
    }
    out.items_.push_back({t, Bytes(body.begin(), body.end())});
  }
  return out;
}

Result<Extensions> Extensions::read(Reader& r, size_t min_len, const char* context) {
  TLSOCK_TRY_ASSIGN(ByteView block, r.vec16(min_len));
  return decode(block, context);
}

void Extensions::write(Writer& w) const {
  auto block = w.prefix16();
  for (const auto& e : items_) {
    w.u16(static_cast<uint16_t>(e.type));
    w.vec16(e.body);
  }
}

const Extension* Extensions::find(ExtensionType type) const {
  for (const auto& e : items_) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

void Extensions::remove(ExtensionType type) {
  std::erase_if(items_, [type](const Extension& e) { return e.type == type; });
}

Status expect_empty_extension(ByteView body, const char* context) {
  if (!body.empty()) {
    return decode_error(std::string(context) + ": extension data must be empty, has " +
                        std::to_string(body.size()) + " bytes");
  }
  return {};
}

}  // namespace tlsock
