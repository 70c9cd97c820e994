// AEAD implementations. Each keeps everything it needs in the object so that seal/open do not
// touch the heap:
//  - libsodium's *_detached functions work in place on the caller's buffer and allocate
//    nothing; AES-256-GCM uses the precomputed (beforenm) key schedule.
//  - Botan's Cipher_Mode: each direction is created and keyed by its first seal or open (the
//    only calls that allocate); process() runs in place on the caller's buffer for the bulk (a
//    multiple of update_granularity()), and only the short tail (< granularity, plus the tag)
//    goes through finish() in a member secure_vector whose capacity is reserved once.
#include "crypto/aead.hpp"

#include <botan/aead.h>
#include <botan/exceptn.h>
#include <botan/secmem.h>
#include <sodium.h>

#include <cstring>

#include "common/fuzzer_mode.hpp"
#include "crypto/internal.hpp"

namespace tlsock {

namespace {

Status check_seal_args(ByteView nonce, MutableByteView buf, size_t plaintext_len) {
  if (nonce.size() != kAeadNonceLength) return internal_error("AEAD seal: nonce must be 12 bytes");
  if (plaintext_len > buf.size() || buf.size() - plaintext_len < kAeadTagLength) {
    return internal_error("AEAD seal: buffer has no room for the 16-byte tag");
  }
  return {};
}

Status check_open_args(ByteView nonce, MutableByteView buf) {
  if (nonce.size() != kAeadNonceLength) return internal_error("AEAD open: nonce must be 12 bytes");
  // A record shorter than the tag cannot authenticate: the peer sent garbage.
  if (buf.size() < kAeadTagLength) {
    return crypto_error(AlertDescription::bad_record_mac, "AEAD open: record shorter than the tag");
  }
  return {};
}

Error open_failed(AeadAlgorithm alg) {
  return crypto_error(AlertDescription::bad_record_mac,
                      std::string(name(alg)) + ": record authentication failed (bad tag)");
}

// ---- libsodium ---------------------------------------------------------------------------------

class SodiumChaCha20Poly1305 final : public Aead {
 public:
  explicit SodiumChaCha20Poly1305(ByteView key) { std::memcpy(key_, key.data(), sizeof key_); }
  ~SodiumChaCha20Poly1305() override { sodium_memzero(key_, sizeof key_); }

  AeadAlgorithm algorithm() const override { return AeadAlgorithm::chacha20_poly1305; }
  CryptoBackend backend() const override { return CryptoBackend::sodium; }

  Status seal(ByteView nonce, ByteView aad, MutableByteView buf, size_t pt_len) override {
    TLSOCK_TRY(check_seal_args(nonce, buf, pt_len));
    unsigned long long tag_len = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt_detached(buf.data(), buf.data() + pt_len, &tag_len,
                                                       buf.data(), pt_len, aad.data(), aad.size(),
                                                       nullptr, nonce.data(), key_);
    return {};
  }

  Result<size_t> open(ByteView nonce, ByteView aad, MutableByteView buf) override {
    TLSOCK_TRY(check_open_args(nonce, buf));
    const size_t ct_len = buf.size() - kAeadTagLength;
    if (crypto_aead_chacha20poly1305_ietf_decrypt_detached(buf.data(), nullptr, buf.data(), ct_len,
                                                           buf.data() + ct_len, aad.data(),
                                                           aad.size(), nonce.data(), key_) != 0) {
      return open_failed(algorithm());
    }
    return ct_len;
  }

 private:
  uint8_t key_[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
};

class SodiumAes256Gcm final : public Aead {
 public:
  explicit SodiumAes256Gcm(ByteView key) { crypto_aead_aes256gcm_beforenm(&state_, key.data()); }
  ~SodiumAes256Gcm() override { sodium_memzero(&state_, sizeof state_); }

  AeadAlgorithm algorithm() const override { return AeadAlgorithm::aes_256_gcm; }
  CryptoBackend backend() const override { return CryptoBackend::sodium; }

  Status seal(ByteView nonce, ByteView aad, MutableByteView buf, size_t pt_len) override {
    TLSOCK_TRY(check_seal_args(nonce, buf, pt_len));
    unsigned long long tag_len = 0;
    crypto_aead_aes256gcm_encrypt_detached_afternm(buf.data(), buf.data() + pt_len, &tag_len,
                                                   buf.data(), pt_len, aad.data(), aad.size(),
                                                   nullptr, nonce.data(), &state_);
    return {};
  }

  Result<size_t> open(ByteView nonce, ByteView aad, MutableByteView buf) override {
    TLSOCK_TRY(check_open_args(nonce, buf));
    const size_t ct_len = buf.size() - kAeadTagLength;
    if (crypto_aead_aes256gcm_decrypt_detached_afternm(buf.data(), nullptr, buf.data(), ct_len,
                                                       buf.data() + ct_len, aad.data(), aad.size(),
                                                       nonce.data(), &state_) != 0) {
      return open_failed(algorithm());
    }
    return ct_len;
  }

 private:
  // The type carries CRYPTO_ALIGN(16); operator new honours it (C++17 aligned new).
  crypto_aead_aes256gcm_state state_;
};

// ---- Botan -------------------------------------------------------------------------------------

const char* botan_aead_name(AeadAlgorithm alg) {
  switch (alg) {
    case AeadAlgorithm::aes_128_gcm: return "AES-128/GCM";
    case AeadAlgorithm::aes_256_gcm: return "AES-256/GCM";
    case AeadAlgorithm::chacha20_poly1305: return "ChaCha20Poly1305";
  }
  return "";
}

class BotanAead final : public Aead {
 public:
  BotanAead(AeadAlgorithm alg, ByteView key) : alg_(alg), key_(key.begin(), key.end()) {}

  AeadAlgorithm algorithm() const override { return alg_; }
  CryptoBackend backend() const override { return CryptoBackend::botan; }

  Status seal(ByteView nonce, ByteView aad, MutableByteView buf, size_t pt_len) override {
    TLSOCK_TRY(check_seal_args(nonce, buf, pt_len));
    try {
      Botan::AEAD_Mode& enc = prepared(enc_, Botan::ENCRYPTION);
      // set_associated_data persists across messages in Botan: set it for every record.
      enc.set_associated_data(aad.data(), aad.size());
      enc.start(nonce.data(), nonce.size());
      const size_t bulk = pt_len - pt_len % enc.update_granularity();
      if (bulk != 0 && enc.process(buf.data(), bulk) != bulk) {
        return internal_error("AEAD seal: Botan process() returned a short count");
      }
      tail_.assign(buf.data() + bulk, buf.data() + pt_len);
      enc.finish(tail_, 0);
      if (tail_.size() != pt_len - bulk + kAeadTagLength) {
        return internal_error("AEAD seal: unexpected Botan output length");
      }
      std::memcpy(buf.data() + bulk, tail_.data(), tail_.size());
      return {};
    } catch (const std::exception& e) {
      return internal_error(std::string("AEAD seal (Botan): ") + e.what());
    }
  }

  Result<size_t> open(ByteView nonce, ByteView aad, MutableByteView buf) override {
    TLSOCK_TRY(check_open_args(nonce, buf));
    const size_t ct_len = buf.size() - kAeadTagLength;
    try {
      Botan::AEAD_Mode& dec = prepared(dec_, Botan::DECRYPTION);
      dec.set_associated_data(aad.data(), aad.size());
      dec.start(nonce.data(), nonce.size());
      const size_t bulk = ct_len - ct_len % dec.update_granularity();
      if (bulk != 0 && dec.process(buf.data(), bulk) != bulk) {
        return internal_error("AEAD open: Botan process() returned a short count");
      }
      tail_.assign(buf.data() + bulk, buf.data() + buf.size());
      dec.finish(tail_, 0);  // throws Invalid_Authentication_Tag on a bad tag
      if (tail_.size() != ct_len - bulk) {
        return internal_error("AEAD open: unexpected Botan output length");
      }
      std::memcpy(buf.data() + bulk, tail_.data(), tail_.size());
      return ct_len;
    } catch (const Botan::Invalid_Authentication_Tag&) {
      return open_failed(alg_);
    } catch (const std::exception& e) {
      return crypto_error(AlertDescription::bad_record_mac,
                          std::string(name(alg_)) + ": record decryption failed: " + e.what());
    }
  }

 private:
  // A record protector only seals or only opens, and Botan's GCM state is about 3.6 KB per
  // direction (its GHASH table alone is 2 KiB): each direction is keyed on first use, so an
  // established connection holds two, not four.
  Botan::AEAD_Mode& prepared(std::unique_ptr<Botan::AEAD_Mode>& mode, Botan::Cipher_Dir dir) {
    if (!mode) {
      auto created = Botan::AEAD_Mode::create_or_throw(botan_aead_name(alg_), dir);
      created->set_key(key_.data(), key_.size());
      // The tail never exceeds granularity - 1 bytes of data plus the tag: reserved once, so
      // finish() never reallocates.
      tail_.reserve(std::max(tail_.capacity(), created->update_granularity() + kAeadTagLength));
      mode = std::move(created);
    }
    return *mode;
  }

  AeadAlgorithm alg_;
  Botan::secure_vector<uint8_t> key_;
  std::unique_ptr<Botan::AEAD_Mode> enc_;
  std::unique_ptr<Botan::AEAD_Mode> dec_;
  Botan::secure_vector<uint8_t> tail_;
};

// ---- UNSAFE fuzzer mode (common/fuzzer_mode.hpp) ---------------------------------------------
// Plaintext and a zero tag; open() ignores the tag. The record layouts stay those of `alg` (tag
// length, TLS 1.3 inner content type and padding), so what the fuzzer mutates still goes
// through the record parsing; only the cryptography is gone.
class FuzzerNullAead final : public Aead {
 public:
  explicit FuzzerNullAead(AeadAlgorithm alg) : alg_(alg) {}
  AeadAlgorithm algorithm() const override { return alg_; }
  CryptoBackend backend() const override { return CryptoBackend::botan; }

  Status seal(ByteView nonce, ByteView, MutableByteView buf, size_t plaintext_len) override {
    TLSOCK_TRY(check_seal_args(nonce, buf, plaintext_len));
    std::memset(buf.data() + plaintext_len, 0, kAeadTagLength);
    return {};
  }
  Result<size_t> open(ByteView nonce, ByteView, MutableByteView buf) override {
    TLSOCK_TRY(check_open_args(nonce, buf));
    return buf.size() - kAeadTagLength;
  }

 private:
  AeadAlgorithm alg_;
};

}  // namespace

const char* name(CryptoBackend backend) {
  return backend == CryptoBackend::sodium ? "libsodium" : "botan";
}

const char* name(AeadAlgorithm alg) {
  switch (alg) {
    case AeadAlgorithm::aes_128_gcm: return "aes-128-gcm";
    case AeadAlgorithm::aes_256_gcm: return "aes-256-gcm";
    case AeadAlgorithm::chacha20_poly1305: return "chacha20-poly1305";
  }
  return "unknown";
}

size_t aead_key_length(AeadAlgorithm alg) {
  return alg == AeadAlgorithm::aes_128_gcm ? 16 : 32;
}

bool aead_backend_available(AeadAlgorithm alg, CryptoBackend backend) {
  if (backend == CryptoBackend::botan) return true;
  crypto_internal::ensure_sodium();
  switch (alg) {
    case AeadAlgorithm::aes_128_gcm: return false;
    case AeadAlgorithm::aes_256_gcm: return crypto_aead_aes256gcm_is_available() == 1;
    case AeadAlgorithm::chacha20_poly1305: return true;
  }
  return false;
}

CryptoBackend aead_default_backend(AeadAlgorithm alg) {
  switch (alg) {
    case AeadAlgorithm::aes_128_gcm:
      return CryptoBackend::botan;  // the only one
    case AeadAlgorithm::aes_256_gcm:
      // Botan is faster (bench/ceiling_bench.cpp, 16 KiB records: it seals 15% and opens 40%
      // faster), but every connection holds this state while idle: libsodium's precomputed
      // state is 512 bytes per direction, Botan's GCM about 4 KB (its GHASH keeps a 2 KiB
      // table even when it uses CLMUL).
      return CryptoBackend::sodium;
    case AeadAlgorithm::chacha20_poly1305:
      // Measured: libsodium is faster, and Botan's ChaCha20Poly1305 allocates in start().
      return CryptoBackend::sodium;
  }
  return CryptoBackend::botan;
}

Result<std::unique_ptr<Aead>> Aead::create(AeadAlgorithm alg, ByteView key) {
  CryptoBackend backend = aead_default_backend(alg);
  if (!aead_backend_available(alg, backend)) backend = CryptoBackend::botan;
  return create_with_backend(alg, key, backend);
}

Result<std::unique_ptr<Aead>> Aead::create_with_backend(AeadAlgorithm alg, ByteView key,
                                                        CryptoBackend backend) {
  if (key.size() != aead_key_length(alg)) {
    return config_error(std::string(name(alg)) + ": key must be " +
                        std::to_string(aead_key_length(alg)) + " bytes, got " +
                        std::to_string(key.size()));
  }
  if constexpr (kUnsafeFuzzerMode) {
    return std::unique_ptr<Aead>(std::make_unique<FuzzerNullAead>(alg));
  }
  if (!aead_backend_available(alg, backend)) {
    return config_error(std::string(name(alg)) + " is not available from " + name(backend) +
                        " on this machine");
  }
  if (backend == CryptoBackend::botan) return std::unique_ptr<Aead>(std::make_unique<BotanAead>(alg, key));
  crypto_internal::ensure_sodium();
  if (alg == AeadAlgorithm::chacha20_poly1305) {
    return std::unique_ptr<Aead>(std::make_unique<SodiumChaCha20Poly1305>(key));
  }
  return std::unique_ptr<Aead>(std::make_unique<SodiumAes256Gcm>(key));
}

}  // namespace tlsock
