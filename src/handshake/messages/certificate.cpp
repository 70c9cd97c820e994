#include "handshake/messages/certificate.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/limits.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

namespace {
Error too_many_certificates() {
  return {ErrorKind::limit, AlertDescription::bad_certificate,
          "Certificate: more than " + std::to_string(kMaxCertificateChainLength) +
              " certificates in the chain"};
}
}  // namespace

Result<Bytes> Certificate13::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      w.vec8(request_context);
                      auto list = w.prefix24();
                      for (const auto& e : entries) {
                        w.vec24(e.cert_data);
                        e.extensions.write(w);
                      }
                    }));
  return encode_handshake_message(HandshakeType::certificate, body);
}

Result<Certificate13> Certificate13::decode(ByteView body) {
  const char* ctx = "Certificate";
  Reader r(body, ctx);
  Certificate13 out;
  TLSOCK_TRY_ASSIGN(ByteView context, r.vec8());
  out.request_context.assign(context.begin(), context.end());
  TLSOCK_TRY_ASSIGN(Reader list, r.sub24());
  while (!list.empty()) {
    if (out.entries.size() == kMaxCertificateChainLength) return too_many_certificates();
    CertificateEntry e;
    TLSOCK_TRY_ASSIGN(ByteView cert, list.vec24(1));
    e.cert_data.assign(cert.begin(), cert.end());
    TLSOCK_TRY_ASSIGN(e.extensions, Extensions::read(list, 0, ctx));
    out.entries.push_back(std::move(e));
  }
  TLSOCK_TRY(r.expect_empty());
  return out;
}

std::vector<Bytes> Certificate13::chain() const {
  std::vector<Bytes> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.cert_data);
  return out;
}

Result<Bytes> Certificate12::encode() const {
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      auto list = w.prefix24();
                      for (const auto& c : chain) w.vec24(c);
                    }));
  return encode_handshake_message(HandshakeType::certificate, body);
}

Result<Certificate12> Certificate12::decode(ByteView body) {
  Reader r(body, "Certificate");
  Certificate12 out;
  TLSOCK_TRY_ASSIGN(Reader list, r.sub24());
  while (!list.empty()) {
    if (out.chain.size() == kMaxCertificateChainLength) return too_many_certificates();
    TLSOCK_TRY_ASSIGN(ByteView cert, list.vec24(1));
    out.chain.emplace_back(cert.begin(), cert.end());
  }
  TLSOCK_TRY(r.expect_empty());
  return out;
}

}  // namespace tlsock
