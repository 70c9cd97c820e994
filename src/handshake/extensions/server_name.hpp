// server_name (RFC 6066 §3). The ClientHello carries a ServerNameList; the server acknowledges
// with an empty extension (in EncryptedExtensions for TLS 1.3, ServerHello for 1.2).
#pragma once

#include <string>

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct ServerNameList {
  // RFC 6066 §3 defines only host_name (0). We keep the host name; entries of unknown name
  // types are skipped (their syntax is unknown, but every defined form is a u16 vector).
  std::string host_name;

  Result<Bytes> encode() const;
  // decode_error for malformed bodies; illegal_parameter for a second host_name (RFC 6066 §3:
  // "MUST NOT contain more than one name of the same name_type") or a host name with a NUL
  // or a trailing dot (RFC 6066 §3: HostName is the DNS name "without a trailing dot").
  static Result<ServerNameList> decode(ByteView body);
};

}  // namespace tlsock
