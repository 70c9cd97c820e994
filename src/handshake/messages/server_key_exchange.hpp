// ServerKeyExchange for the ECDHE key exchanges of TLS 1.2 (RFC 8422 §5.4, RFC 5246 §7.4.3):
//   struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;  (named_curve = 3)
//   struct { ECParameters curve_params; opaque point <1..2^8-1>; } ServerECDHParams;
//   struct { ServerECDHParams params; digitally-signed struct { ... } signed_params; }
// digitally-signed (RFC 5246 §4.7) is SignatureAndHashAlgorithm algorithm; opaque
// signature<0..2^16-1>, the same bytes as a SignatureScheme code point and its signature.
// The signed content is client_random || server_random || ServerECDHParams.
#pragma once

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"

namespace tlsock {

// RFC 8422 §5.4: ECCurveType; explicit_prime (1) and explicit_char2 (2) are deprecated and
// "MUST NOT" be used, so only named_curve is accepted.
inline constexpr uint8_t kEcCurveTypeNamedCurve = 3;

struct ServerKeyExchangeEcdhe {
  NamedGroup group{};
  Bytes public_point;
  SignatureScheme algorithm{};
  Bytes signature;

  // The ServerECDHParams bytes (what the signature covers, after the two randoms).
  Result<Bytes> params() const;
  // client_random || server_random || params (RFC 5246 §7.4.3).
  Result<Bytes> signed_content(ByteView client_random, ByteView server_random) const;

  Result<Bytes> encode() const;
  // decode_error for malformed bodies; illegal_parameter for a curve_type other than
  // named_curve (RFC 8422 §5.4).
  static Result<ServerKeyExchangeEcdhe> decode(ByteView body);
};

}  // namespace tlsock
