// application_layer_protocol_negotiation (RFC 7301 §3.1):
// ProtocolName protocol_name_list<2..2^16-1>, ProtocolName opaque<1..2^8-1>.
// The server's answer carries exactly one name.
#pragma once

#include <string>

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct ProtocolNameList {
  std::vector<std::string> protocols;

  // internal_error for an empty name or one longer than 255 bytes (our own config).
  Result<Bytes> encode() const;
  static Result<ProtocolNameList> decode(ByteView body);
  // The server's form: decode, then illegal_parameter unless exactly one name (RFC 7301
  // §3.1: the server's "ProtocolNameList" MUST contain exactly one "ProtocolName").
  static Result<std::string> decode_selected(ByteView body);
};

}  // namespace tlsock
