#include "handshake/messages/certificate_verify.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> CertificateVerify::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.u16(static_cast<uint16_t>(algorithm));
                      w.vec16(signature);
                    }));
  return encode_handshake_message(HandshakeType::certificate_verify, body);
}

Result<CertificateVerify> CertificateVerify::decode(ByteView body) {
  Reader r(body, "CertificateVerify");
  CertificateVerify out;
  TLSOCK_TRY_ASSIGN(uint16_t alg, r.u16());
  out.algorithm = static_cast<SignatureScheme>(alg);
  TLSOCK_TRY_ASSIGN(ByteView sig, r.vec16());
  out.signature.assign(sig.begin(), sig.end());
  TLSOCK_TRY(r.expect_empty());
  return out;
}

}  // namespace tlsock
