#include "crypto/hash.hpp"

#include <botan/hash.h>
#include <botan/mac.h>

#include <utility>

namespace tlsock {

namespace {

const char* botan_hash_name(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1: return "SHA-1";
    case HashAlgorithm::sha256: return "SHA-256";
    case HashAlgorithm::sha384: return "SHA-384";
    case HashAlgorithm::sha512: return "SHA-512";
  }
  return "SHA-256";
}

size_t block_size(HashAlgorithm alg) {
  return (alg == HashAlgorithm::sha384 || alg == HashAlgorithm::sha512) ? 128 : 64;
}

// These names are compiled into every Botan build we link (SHA-1/2 and HMAC are not optional
// modules), so create_or_throw cannot fail here; constructors have no other way to report.
std::unique_ptr<Botan::HashFunction> make_hash(HashAlgorithm alg) {
  return Botan::HashFunction::create_or_throw(botan_hash_name(alg));
}

}  // namespace

const char* name(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1: return "sha1";
    case HashAlgorithm::sha256: return "sha256";
    case HashAlgorithm::sha384: return "sha384";
    case HashAlgorithm::sha512: return "sha512";
  }
  return "unknown";
}

size_t hash_length(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::sha1: return 20;
    case HashAlgorithm::sha256: return 32;
    case HashAlgorithm::sha384: return 48;
    case HashAlgorithm::sha512: return 64;
  }
  return 0;
}

struct Hash::Impl {
  std::unique_ptr<Botan::HashFunction> h;
};

Hash::Hash(HashAlgorithm alg) : alg_(alg), impl_(std::make_unique<Impl>(Impl{make_hash(alg)})) {}

// copy_state() duplicates the running state (clone() would give an empty hash): this is what
// makes a transcript snapshot cheap.
Hash::Hash(const Hash& other)
    : alg_(other.alg_), impl_(std::make_unique<Impl>(Impl{other.impl_->h->copy_state()})) {}

Hash& Hash::operator=(const Hash& other) {
  if (this != &other) {
    alg_ = other.alg_;
    impl_ = std::make_unique<Impl>(Impl{other.impl_->h->copy_state()});
  }
  return *this;
}

Hash::Hash(Hash&&) noexcept = default;
Hash& Hash::operator=(Hash&&) noexcept = default;
Hash::~Hash() = default;

void Hash::update(ByteView data) { impl_->h->update(data.data(), data.size()); }

Digest Hash::digest() const {
  Digest d;
  d.size = hash_length(alg_);
  impl_->h->copy_state()->final(d.bytes.data());
  return d;
}

Digest Hash::compute(HashAlgorithm alg, ByteView data) {
  Hash h(alg);
  h.update(data);
  return h.digest();
}

struct Hmac::Impl {
  std::unique_ptr<Botan::MessageAuthenticationCode> mac;
};

Hmac::Hmac(HashAlgorithm alg, ByteView key) : alg_(alg) {
  std::string mac_name = std::string("HMAC(") + botan_hash_name(alg) + ")";
  impl_ = std::make_unique<Impl>(Impl{Botan::MessageAuthenticationCode::create_or_throw(mac_name)});
  // RFC 2104 §2: a key longer than the block size is replaced by its hash. Doing it here keeps
  // us clear of Botan's HMAC key length limit (4096 bytes), which would otherwise throw.
  if (key.size() > block_size(alg)) {
    Digest hashed = Hash::compute(alg, key);
    impl_->mac->set_key(hashed.bytes.data(), hashed.size);
    secure_wipe(hashed.bytes.data(), hashed.bytes.size());
  } else {
    impl_->mac->set_key(key.data(), key.size());
  }
}

Hmac::Hmac(Hmac&&) noexcept = default;
Hmac& Hmac::operator=(Hmac&&) noexcept = default;
Hmac::~Hmac() = default;

void Hmac::update(ByteView data) { impl_->mac->update(data.data(), data.size()); }

Digest Hmac::finish() {
  Digest d;
  d.size = hash_length(alg_);
  impl_->mac->final(d.bytes.data());
  return d;
}

Digest hmac(HashAlgorithm alg, ByteView key, ByteView data) {
  Hmac mac(alg, key);
  mac.update(data);
  return mac.finish();
}

}  // namespace tlsock
