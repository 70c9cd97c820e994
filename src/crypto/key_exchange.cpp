#include "crypto/key_exchange.hpp"

#include <botan/bigint.h>
#include <botan/curve25519.h>
#include <botan/ec_group.h>
#include <botan/ecdh.h>
#include <botan/pubkey.h>
#include <sodium.h>

#include <cstring>

#include "crypto/botan_rng.hpp"
#include "crypto/internal.hpp"

namespace tlsock {

namespace {

constexpr size_t kX25519Length = 32;

Error bad_share(NamedGroup group, const std::string& why) {
  return crypto_error(AlertDescription::illegal_parameter,
                      "key share for " + name(group) + ": " + why);
}

// ---- X25519 ------------------------------------------------------------------------------------

class X25519 final : public KeyExchange {
 public:
  X25519(ByteView private_key, CryptoBackend backend) : backend_(backend) {
    std::memcpy(private_, private_key.data(), kX25519Length);
    if (backend_ == CryptoBackend::sodium) {
      crypto_scalarmult_base(public_, private_);
    } else {
      Botan::curve25519_basepoint(public_, private_);
    }
  }
  ~X25519() override { secure_wipe(private_, sizeof private_); }

  NamedGroup group() const override { return NamedGroup::x25519; }
  CryptoBackend backend() const override { return backend_; }
  ByteView public_value() const override { return {public_, kX25519Length}; }

  Result<Secret> derive(ByteView peer) const override {
    if (peer.size() != kX25519Length) {
      return bad_share(group(), "must be 32 bytes, got " + std::to_string(peer.size()));
    }
    Secret shared(kX25519Length);
    if (backend_ == CryptoBackend::sodium) {
      // libsodium returns -1 exactly when the result is all zero (a small-order peer point).
      if (crypto_scalarmult(shared.data(), private_, peer.data()) != 0) {
        return bad_share(group(), "all-zero shared secret (low-order point)");
      }
    } else {
      Botan::curve25519_donna(shared.data(), private_, peer.data());
    }
    // RFC 8446 §7.4.2 / RFC 7748 §6.1: implementations MUST check whether the computed
    // Diffie-Hellman shared secret is the all-zero value and abort if so. Botan does not;
    // checked here for both backends.
    if (crypto_internal::all_zero(shared)) {
      return bad_share(group(), "all-zero shared secret (low-order point)");
    }
    return shared;
  }

 private:
  CryptoBackend backend_;
  uint8_t private_[kX25519Length];
  uint8_t public_[kX25519Length];
};

// ---- NIST curves (Botan) -----------------------------------------------------------------------

const char* curve_name(NamedGroup group) {
  return group == NamedGroup::secp256r1 ? "secp256r1" : "secp384r1";
}

class NistEcdh final : public KeyExchange {
 public:
  NistEcdh(NamedGroup group, std::unique_ptr<Botan::ECDH_PrivateKey> key)
      : group_(group), key_(std::move(key)) {
    const std::vector<uint8_t> pub = key_->public_value();
    public_.assign(pub.begin(), pub.end());
  }

  NamedGroup group() const override { return group_; }
  CryptoBackend backend() const override { return CryptoBackend::botan; }
  ByteView public_value() const override { return public_; }

  Result<Secret> derive(ByteView peer) const override {
    // RFC 8446 §4.2.8.2: UncompressedPointRepresentation, legacy_form = 4; peers MUST validate
    // the point (RFC 8446 §4.2.8.2, RFC 8422 §5.11): exact length, form byte, on the curve.
    const size_t want = key_exchange_public_length(group_);
    if (peer.size() != want) {
      return bad_share(group_, "must be " + std::to_string(want) + " bytes, got " +
                                   std::to_string(peer.size()));
    }
    if (peer[0] != 0x04) return bad_share(group_, "not an uncompressed point (first byte != 4)");
    try {
      const Botan::EC_Group& ec = key_->domain();
      Botan::PointGFp point = ec.OS2ECP(peer.data(), peer.size());  // throws if not on curve
      if (point.is_zero() || !ec.verify_public_element(point)) {
        return bad_share(group_, "point is not a valid public element");
      }
    } catch (const std::exception&) {
      return bad_share(group_, "point is not on the curve");
    }
    try {
      // Blinding randomness comes from the system RNG, never from the provider's Rng: it does
      // not affect the output, and drawing it from a ScriptedRng would eat scripted bytes.
      crypto_internal::BotanRngAdapter rng(system_rng());
      Botan::PK_Key_Agreement ka(*key_, rng, "Raw");
      Botan::SymmetricKey z = ka.derive_key(0, peer.data(), peer.size());
      // RFC 8446 §7.4.2: the shared secret is the x coordinate, fixed length (field size).
      return Secret(ByteView(z.begin(), z.length()));
    } catch (const std::exception& e) {
      return bad_share(group_, std::string("key agreement failed: ") + e.what());
    }
  }

 private:
  NamedGroup group_;
  std::unique_ptr<Botan::ECDH_PrivateKey> key_;
  Bytes public_;
};

size_t scalar_length(NamedGroup group) { return group == NamedGroup::secp256r1 ? 32 : 48; }

// nullptr-free result: config_error when the scalar is 0 or >= the group order.
Result<std::unique_ptr<KeyExchange>> nist_from_scalar(NamedGroup group, ByteView scalar) {
  if (scalar.size() != scalar_length(group)) {
    return config_error(name(group) + " private key must be " +
                        std::to_string(scalar_length(group)) + " bytes, got " +
                        std::to_string(scalar.size()));
  }
  try {
    Botan::EC_Group ec(curve_name(group));
    Botan::BigInt x = Botan::BigInt::decode(scalar.data(), scalar.size());
    if (x.is_zero() || x >= ec.get_order()) {
      return config_error(name(group) + " private key out of range [1, n-1]");
    }
    crypto_internal::BotanRngAdapter rng(system_rng());
    auto key = std::make_unique<Botan::ECDH_PrivateKey>(rng, ec, x);
    return std::unique_ptr<KeyExchange>(std::make_unique<NistEcdh>(group, std::move(key)));
  } catch (const std::exception& e) {
    return internal_error(name(group) + ": Botan could not build the key: " + e.what());
  }
}

Error unsupported(NamedGroup group) {
  return config_error("key exchange group " + name(group) + " is not supported");
}

}  // namespace

bool key_exchange_supported(NamedGroup group) {
  return group == NamedGroup::x25519 || group == NamedGroup::secp256r1 ||
         group == NamedGroup::secp384r1;
}

size_t key_exchange_public_length(NamedGroup group) {
  switch (group) {
    case NamedGroup::x25519: return 32;
    case NamedGroup::secp256r1: return 65;
    case NamedGroup::secp384r1: return 97;
    default: return 0;
  }
}

CryptoBackend key_exchange_default_backend(NamedGroup group) {
  // X25519: libsodium measured faster for both keygen and derive (bench/ceiling_bench.cpp).
  return group == NamedGroup::x25519 ? CryptoBackend::sodium : CryptoBackend::botan;
}

bool key_exchange_backend_available(NamedGroup group, CryptoBackend backend) {
  if (!key_exchange_supported(group)) return false;
  return backend == CryptoBackend::botan || group == NamedGroup::x25519;
}

Result<std::unique_ptr<KeyExchange>> KeyExchange::generate(NamedGroup group, Rng& rng) {
  return generate_with_backend(group, rng, key_exchange_default_backend(group));
}

Result<std::unique_ptr<KeyExchange>> KeyExchange::from_private(NamedGroup group,
                                                               ByteView private_key) {
  return from_private_with_backend(group, private_key, key_exchange_default_backend(group));
}

Result<std::unique_ptr<KeyExchange>> KeyExchange::generate_with_backend(NamedGroup group, Rng& rng,
                                                                        CryptoBackend backend) {
  if (!key_exchange_backend_available(group, backend)) return unsupported(group);
  if (group == NamedGroup::x25519) {
    // RFC 7748 §6.1: the private key is 32 random bytes (clamped inside the scalar mult).
    Secret priv(kX25519Length);
    rng.fill(priv.mutable_view());
    return from_private_with_backend(group, priv, backend);
  }
  // NIST: a scalar of the order's byte length drawn from rng, retried while out of [1, n-1]
  // (rejection sampling keeps it uniform; for P-256/P-384 a retry is astronomically rare).
  Secret scalar(scalar_length(group));
  for (int attempt = 0; attempt < 64; ++attempt) {
    rng.fill(scalar.mutable_view());
    auto kx = nist_from_scalar(group, scalar);
    if (kx || kx.error().kind != ErrorKind::config) return kx;
  }
  return internal_error(name(group) + ": the RNG produced no usable scalar in 64 attempts");
}

Result<std::unique_ptr<KeyExchange>> KeyExchange::from_private_with_backend(NamedGroup group,
                                                                            ByteView private_key,
                                                                            CryptoBackend backend) {
  if (!key_exchange_backend_available(group, backend)) return unsupported(group);
  if (group == NamedGroup::x25519) {
    if (private_key.size() != kX25519Length) {
      return config_error("x25519 private key must be 32 bytes, got " +
                          std::to_string(private_key.size()));
    }
    if (backend == CryptoBackend::sodium) crypto_internal::ensure_sodium();
    return std::unique_ptr<KeyExchange>(std::make_unique<X25519>(private_key, backend));
  }
  return nist_from_scalar(group, private_key);
}

}  // namespace tlsock
