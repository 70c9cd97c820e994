#include "handshake/extensions/certificate_authorities.hpp"

#include "handshake/wire.hpp"

namespace tlsock {

void CertificateAuthorities::write(Writer& w) const {
  auto list = w.prefix16();
  for (const auto& n : names) w.vec16(n);
}

Result<Bytes> CertificateAuthorities::encode() const {
  return write_bytes([&](Writer& w) { write(w); });
}

Result<CertificateAuthorities> CertificateAuthorities::read(Reader& r, size_t min_len) {
  TLSOCK_TRY_ASSIGN(Reader list, r.sub16(min_len));
  CertificateAuthorities out;
  while (!list.empty()) {
    TLSOCK_TRY_ASSIGN(ByteView n, list.vec16(1));
    out.names.emplace_back(n.begin(), n.end());
  }
  return out;
}

Result<CertificateAuthorities> CertificateAuthorities::decode(ByteView body) {
  return decode_whole(body, "certificate_authorities",
                      [](Reader& r) { return read(r, 3); });
}

}  // namespace tlsock
