// key_share (RFC 8446 §4.2.8) in its three forms:
//   ClientHello:       KeyShareEntry client_shares<0..2^16-1>
//   ServerHello:       KeyShareEntry server_share
//   HelloRetryRequest: NamedGroup selected_group
// KeyShareEntry is { NamedGroup group; opaque key_exchange<1..2^16-1>; }.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct KeyShareEntry {
  NamedGroup group;
  Bytes key_exchange;
  friend bool operator==(const KeyShareEntry&, const KeyShareEntry&) = default;
};

struct KeyShareClientHello {
  std::vector<KeyShareEntry> shares;

  Result<Bytes> encode() const;
  // illegal_parameter for two shares of one group (RFC 8446 §4.2.8: "Clients MUST NOT offer
  // multiple KeyShareEntry values for the same group ... Servers MAY check for violations of
  // these rules and abort the handshake with an "illegal_parameter" alert").
  static Result<KeyShareClientHello> decode(ByteView body);
  const KeyShareEntry* find(NamedGroup g) const;
};

struct KeyShareServerHello {
  KeyShareEntry share;

  Result<Bytes> encode() const;
  static Result<KeyShareServerHello> decode(ByteView body);
};

struct KeyShareHelloRetryRequest {
  NamedGroup selected_group;

  Result<Bytes> encode() const;
  static Result<KeyShareHelloRetryRequest> decode(ByteView body);
};

}  // namespace tlsock
