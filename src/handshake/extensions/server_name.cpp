#include "handshake/extensions/server_name.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

namespace {
constexpr uint8_t kNameTypeHostName = 0;
}

Result<Bytes> ServerNameList::encode() const {
  return write_bytes([&](Writer& w) {
    auto list = w.prefix16();
    w.u8(kNameTypeHostName);
    w.vec16(as_bytes(host_name));
  });
}

Result<ServerNameList> ServerNameList::decode(ByteView body) {
  return decode_whole(body, "server_name", [](Reader& r) -> Result<ServerNameList> {
    TLSOCK_TRY_ASSIGN(Reader list, r.sub16(1));
    ServerNameList out;
    bool have_host = false;
    while (!list.empty()) {
      TLSOCK_TRY_ASSIGN(uint8_t type, list.u8());
      TLSOCK_TRY_ASSIGN(ByteView name, list.vec16(1));
      if (type != kNameTypeHostName) continue;
      if (have_host) {
        return protocol_error(AlertDescription::illegal_parameter,
                              "server_name: more than one host_name");
      }
      std::string host(as_chars(name));
      if (host.find('\0') != std::string::npos || host.back() == '.') {
        return protocol_error(AlertDescription::illegal_parameter,
                              "server_name: host name has a NUL byte or a trailing dot");
      }
      out.host_name = std::move(host);
      have_host = true;
    }
    return out;
  });
}

}  // namespace tlsock
