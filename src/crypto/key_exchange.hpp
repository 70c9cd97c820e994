// Ephemeral key exchange: X25519 (RFC 7748), secp256r1 and secp384r1 ECDH (RFC 8422, RFC 8446
// §4.2.8.2). Public values on the wire: 32 bytes for X25519, 0x04||X||Y for the NIST curves.
//
// derive() validates the peer's value before use: exact length, uncompressed form, point on
// the curve (NIST); an all-zero X25519 result is refused (RFC 7748 §6.1, RFC 8446 §7.4.2).
// Each failure is an Error with alert illegal_parameter.
#pragma once

#include <memory>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/backend.hpp"
#include "crypto/rng.hpp"

namespace tlsock {

bool key_exchange_supported(NamedGroup group);
// Length of the public value on the wire (32, 65, 97), 0 when unsupported.
size_t key_exchange_public_length(NamedGroup group);
// The backend generate()/from_private() use (X25519: the faster of the two on this machine;
// the NIST curves exist only in Botan).
CryptoBackend key_exchange_default_backend(NamedGroup group);
bool key_exchange_backend_available(NamedGroup group, CryptoBackend backend);

class KeyExchange {
 public:
  // A fresh private key drawn from rng. config_error for an unsupported group.
  static Result<std::unique_ptr<KeyExchange>> generate(NamedGroup group, Rng& rng);
  // A known private key (test vectors): 32 bytes for X25519, the scalar for NIST curves.
  static Result<std::unique_ptr<KeyExchange>> from_private(NamedGroup group, ByteView private_key);
  // The same with an explicit library (benchmarks, cross-backend tests); config_error when the
  // backend does not offer the group.
  static Result<std::unique_ptr<KeyExchange>> generate_with_backend(NamedGroup group, Rng& rng,
                                                                    CryptoBackend backend);
  static Result<std::unique_ptr<KeyExchange>> from_private_with_backend(NamedGroup group,
                                                                        ByteView private_key,
                                                                        CryptoBackend backend);
  virtual ~KeyExchange() = default;

  virtual NamedGroup group() const = 0;
  virtual CryptoBackend backend() const = 0;
  virtual ByteView public_value() const = 0;
  // The shared secret (X25519 output, or the x coordinate for ECDH per RFC 8446 §7.4.2).
  virtual Result<Secret> derive(ByteView peer_public) const = 0;
};

}  // namespace tlsock
