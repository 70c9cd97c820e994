#include "handshake/extensions/signature_algorithms.hpp"

#include <algorithm>

#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> SignatureSchemeList::encode() const {
  return write_bytes([&](Writer& w) { write_u16_list(w, schemes); });
}

Result<SignatureSchemeList> SignatureSchemeList::read(Reader& r) {
  TLSOCK_TRY_ASSIGN(auto schemes, read_u16_list<SignatureScheme>(r, 2, 0xfffe));
  return SignatureSchemeList{std::move(schemes)};
}

Result<SignatureSchemeList> SignatureSchemeList::decode(ByteView body, const char* context) {
  return decode_whole(body, context, [](Reader& r) { return read(r); });
}

bool SignatureSchemeList::contains(SignatureScheme s) const {
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

}  // namespace tlsock
