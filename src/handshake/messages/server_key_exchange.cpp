#include "handshake/messages/server_key_exchange.hpp"

#include "handshake/handshake_message.hpp"
#include "handshake/wire.hpp"

namespace tlsock {

namespace {
void write_params(Writer& w, const ServerKeyExchangeEcdhe& m) {
  w.u8(kEcCurveTypeNamedCurve);
  w.u16(static_cast<uint16_t>(m.group));
  w.vec8(m.public_point);
}
}  // namespace

Result<Bytes> ServerKeyExchangeEcdhe::params() const {
  if (public_point.empty()) return internal_error("ServerKeyExchange: empty point");
  return write_bytes([&](Writer& w) { write_params(w, *this); });
}

Result<Bytes> ServerKeyExchangeEcdhe::signed_content(ByteView client_random,
                                                     ByteView server_random) const {
  TLSOCK_TRY_ASSIGN(Bytes p, params());
  Bytes out;
  out.reserve(client_random.size() + server_random.size() + p.size());
  Writer w(out);
  w.bytes(client_random);
  w.bytes(server_random);
  w.bytes(p);
  return out;
}

Result<Bytes> ServerKeyExchangeEcdhe::encode() const {
  if (public_point.empty()) return internal_error("ServerKeyExchange: empty point");
  TLSOCK_TRY_ASSIGN(Bytes body, write_bytes([&](Writer& w) {
                      write_params(w, *this);
                      w.u16(static_cast<uint16_t>(algorithm));
                      w.vec16(signature);
                    }));
  return encode_handshake_message(HandshakeType::server_key_exchange, body);
}

Result<ServerKeyExchangeEcdhe> ServerKeyExchangeEcdhe::decode(ByteView body) {
  return decode_whole(body, "ServerKeyExchange", [](Reader& r) -> Result<ServerKeyExchangeEcdhe> {
    ServerKeyExchangeEcdhe out;
    TLSOCK_TRY_ASSIGN(uint8_t curve_type, r.u8());
    if (curve_type != kEcCurveTypeNamedCurve) {
      return protocol_error(AlertDescription::illegal_parameter,
                            "ServerKeyExchange: curve_type " + std::to_string(curve_type) +
                                " is not named_curve (RFC 8422 §5.4)");
    }
    TLSOCK_TRY_ASSIGN(uint16_t group, r.u16());
    out.group = static_cast<NamedGroup>(group);
    TLSOCK_TRY_ASSIGN(ByteView point, r.vec8(1));
    out.public_point.assign(point.begin(), point.end());
    TLSOCK_TRY_ASSIGN(uint16_t alg, r.u16());
    out.algorithm = static_cast<SignatureScheme>(alg);
    TLSOCK_TRY_ASSIGN(ByteView sig, r.vec16());
    out.signature.assign(sig.begin(), sig.end());
    return out;
  });
}

}  // namespace tlsock
