// Extension blocks (RFC 8446 §4.2): Extension extensions<0..2^16-1>, each
// { ExtensionType extension_type; opaque extension_data<0..2^16-1>; }.
//
// A message keeps its extensions as an ordered list of raw (type, body) pairs: unknown and
// GREASE extensions survive a decode/encode round trip, and the order is kept (pre_shared_key
// must be last in a ClientHello). The typed codecs in this folder parse one body each; the
// per-message rules (which extension may appear where, unsolicited responses) live in
// extension_rules.hpp.
#pragma once

#include <vector>

#include "common/codec.hpp"

namespace tlsock {

struct Extension {
  ExtensionType type;
  Bytes body;
  friend bool operator==(const Extension&, const Extension&) = default;
};

class Extensions {
 public:
  Extensions() = default;

  // Decodes the body of an extensions vector (without its u16 length prefix).
  // decode_error for malformed framing; illegal_parameter for a duplicate type
  // (RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given
  // extension block").
  static Result<Extensions> decode(ByteView block, const char* context);
  // Reads a u16-prefixed extensions vector of length <min_len..2^16-1> from r.
  static Result<Extensions> read(Reader& r, size_t min_len, const char* context);
  // Writes the u16-prefixed vector.
  void write(Writer& w) const;

  const Extension* find(ExtensionType type) const;
  bool has(ExtensionType type) const { return find(type) != nullptr; }
  // Appends (the caller keeps types unique; encode-side order is the caller's).
  void add(ExtensionType type, Bytes body) { items_.push_back({type, std::move(body)}); }
  void add_empty(ExtensionType type) { items_.push_back({type, {}}); }
  // Removes the extension of this type if present.
  void remove(ExtensionType type);

  const std::vector<Extension>& items() const { return items_; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  friend bool operator==(const Extensions&, const Extensions&) = default;

 private:
  std::vector<Extension> items_;
};

// decode_error unless body is empty: for extensions whose data is empty by definition
// (post_handshake_auth, early_data in CH/EE, the server_name acknowledgement, ...).
Status expect_empty_extension(ByteView body, const char* context);

}  // namespace tlsock
