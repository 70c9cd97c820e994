// supported_groups (RFC 8446 §4.2.7, RFC 8422 §5.1.1): NamedGroup named_group_list<2..2^16-1>.
#pragma once

#include "handshake/extensions/extension.hpp"

namespace tlsock {

struct SupportedGroups {
  std::vector<NamedGroup> groups;  // unknown and GREASE values kept

  Result<Bytes> encode() const;
  static Result<SupportedGroups> decode(ByteView body);
};

}  // namespace tlsock
