#include "handshake/messages/certificate_request.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

Result<Bytes> CertificateRequest13::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.vec8(request_context);
                      extensions.write(w);
                    }));
  return encode_handshake_message(HandshakeType::certificate_request, body);
}

Result<CertificateRequest13> CertificateRequest13::decode(ByteView body) {
  const char* ctx = "CertificateRequest";
  Reader r(body, ctx);
  CertificateRequest13 out;
  TLSOCK_TRY_ASSIGN(ByteView context, r.vec8());
  out.request_context.assign(context.begin(), context.end());
  TLSOCK_TRY_ASSIGN(out.extensions, Extensions::read(r, 2, ctx));
  TLSOCK_TRY(r.expect_empty());
  if (!out.extensions.has(ExtensionType::signature_algorithms)) {
    return protocol_error(AlertDescription::missing_extension,
                          "CertificateRequest: no signature_algorithms extension");
  }
  return out;
}

Result<Bytes> CertificateRequest12::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.vec8(certificate_types);
                      {
                        auto list = w.prefix16();
                        for (auto s : signature_algorithms.schemes) w.u16(static_cast<uint16_t>(s));
                      }
                      authorities.write(w);
                    }));
  return encode_handshake_message(HandshakeType::certificate_request, body);
}

Result<CertificateRequest12> CertificateRequest12::decode(ByteView body) {
  Reader r(body, "CertificateRequest");
  CertificateRequest12 out;
  TLSOCK_TRY_ASSIGN(ByteView types, r.vec8(1));
  out.certificate_types.assign(types.begin(), types.end());
  TLSOCK_TRY_ASSIGN(out.signature_algorithms, SignatureSchemeList::read(r));
  TLSOCK_TRY_ASSIGN(out.authorities, CertificateAuthorities::read(r, 0));
  TLSOCK_TRY(r.expect_empty());
  return out;
}

}  // namespace tlsock
