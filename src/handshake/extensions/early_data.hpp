// early_data (RFC 8446 §4.2.10): empty in ClientHello and EncryptedExtensions (use
// expect_empty_extension), uint32 max_early_data_size in NewSessionTicket.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct EarlyDataTicket {
  uint32_t max_early_data_size = 0;

  Result<Bytes> encode() const;
  static Result<EarlyDataTicket> decode(ByteView body);
};

}  // namespace tlsock
