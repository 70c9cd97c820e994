// ec_point_formats (RFC 8422 §5.1.2): ECPointFormat ec_point_format_list<1..2^8-1>, with
// uncompressed (0) the only format tlsock sends or uses. RFC 8422 §5.1.2: "If the client sends
// the extension and the extension does not contain the uncompressed point format, and the
// client has used the Supported Groups extension to indicate support for any of the curves
// defined in this specification, then the server MUST abort the handshake and return an
// illegal_parameter alert." The same check applies to a server's list (checked by the state
// machines through has_uncompressed()).
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

inline constexpr uint8_t kEcPointFormatUncompressed = 0;

struct EcPointFormats {
  Bytes formats;  // unknown values kept

  Result<Bytes> encode() const;
  static Result<EcPointFormats> decode(ByteView body);
  bool has_uncompressed() const;
};

}  // namespace tlsock
