#include "crypto/hash.hpp"

#include <botan/hash.h>

#include <utility>
#include <vector>

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

size_t index(HashAlgorithm alg) { return static_cast<size_t>(alg); }

// These names are compiled into every Botan build we link (SHA-1/2 and HMAC are not optional
// modules), so create_or_throw cannot fail here; constructors have no other way to report.
std::unique_ptr<Botan::HashFunction> make_hash(HashAlgorithm alg) {
  return Botan::HashFunction::create_or_throw(botan_hash_name(alg));
}

// The idle Botan hash objects of one thread. Building one costs a name lookup and three
// allocations, as much as hashing a 100-byte message (HKDF-Expand-Label made one per call);
// a borrowed object is cleared before it is kept, so nothing of a message or key stays in it.
class IdleHashes {
 public:
  ~IdleHashes() { gone = true; }

  // A hash may outlive its thread's IdleHashes (a thread_local destroyed after it): it is
  // then simply freed.
  static thread_local bool gone;

  std::unique_ptr<Botan::HashFunction> take(HashAlgorithm alg) {
    auto& idle = idle_[index(alg)];
    if (idle.empty()) return make_hash(alg);
    std::unique_ptr<Botan::HashFunction> h = std::move(idle.back());
    idle.pop_back();
    return h;
  }

  void give_back(HashAlgorithm alg, std::unique_ptr<Botan::HashFunction> h) {
    auto& idle = idle_[index(alg)];
    if (idle.size() >= kMaxIdle) return;
    h->clear();
    idle.push_back(std::move(h));
  }

 private:
  // A key schedule step holds at most a transcript copy and an HMAC at once.
  static constexpr size_t kMaxIdle = 4;
  std::array<std::vector<std::unique_ptr<Botan::HashFunction>>, 4> idle_;
};

thread_local bool IdleHashes::gone = false;
thread_local IdleHashes idle_hashes;

std::unique_ptr<Botan::HashFunction> borrow_hash(HashAlgorithm alg) {
  return IdleHashes::gone ? make_hash(alg) : idle_hashes.take(alg);
}

void return_hash(HashAlgorithm alg, std::unique_ptr<Botan::HashFunction> h) {
  if (h && !IdleHashes::gone) idle_hashes.give_back(alg, std::move(h));
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
  HashAlgorithm alg;
  std::unique_ptr<Botan::HashFunction> h;
  ~Impl() { return_hash(alg, std::move(h)); }
};

Hash::Hash(HashAlgorithm alg) : alg_(alg), impl_(new Impl{alg, borrow_hash(alg)}) {}

// copy_state() duplicates the running state (clone() would give an empty hash): this is what
// makes a transcript snapshot cheap.
Hash::Hash(const Hash& other)
    : alg_(other.alg_), impl_(new Impl{other.alg_, other.impl_->h->copy_state()}) {}

Hash& Hash::operator=(const Hash& other) {
  if (this != &other) {
    alg_ = other.alg_;
    impl_.reset(new Impl{other.alg_, other.impl_->h->copy_state()});
  }
  return *this;
}

Hash::Hash(Hash&&) noexcept = default;
Hash& Hash::operator=(Hash&&) noexcept = default;
Hash::~Hash() = default;

void Hash::update(ByteView data) { impl_->h->update(data.data(), data.size()); }

Digest Hash::digest() const { return digest_with({}); }

Digest Hash::digest_with(ByteView more) const {
  Digest d;
  d.size = hash_length(alg_);
  std::unique_ptr<Botan::HashFunction> copy = impl_->h->copy_state();
  copy->update(more.data(), more.size());
  copy->final(d.bytes.data());
  return_hash(alg_, std::move(copy));
  return d;
}

Digest Hash::compute(HashAlgorithm alg, ByteView data) {
  Digest d;
  d.size = hash_length(alg);
  std::unique_ptr<Botan::HashFunction> h = borrow_hash(alg);
  h->update(data.data(), data.size());
  h->final(d.bytes.data());
  return_hash(alg, std::move(h));
  return d;
}

// HMAC by hand over one hash object (RFC 2104 §2): H(K ^ opad || H(K ^ ipad || text)).
// Botan's own HMAC object costs a name lookup and a re-keying each time one is made, and
// re-absorbs K ^ ipad after every tag, which HKDF-Expand-Label pays on each of its calls.
// Absorbing the pads again per tag (two compressions, ~50 ns each with SHA-NI) is cheaper than
// keeping keyed states and copying them (copy_state() allocates, ~300 ns).
struct Hmac::Impl {
  HashAlgorithm alg;
  std::unique_ptr<Botan::HashFunction> h;
  std::array<uint8_t, 128> inner_pad{};  // K ^ ipad, block_size(alg) bytes used
  std::array<uint8_t, 128> outer_pad{};  // K ^ opad
  size_t block = 0;
  bool inner_started = false;  // K ^ ipad absorbed for the message in progress

  ~Impl() {
    secure_wipe(inner_pad.data(), inner_pad.size());
    secure_wipe(outer_pad.data(), outer_pad.size());
    return_hash(alg, std::move(h));
  }

  void start_inner() {
    if (!inner_started) h->update(inner_pad.data(), block);
    inner_started = true;
  }
};

Hmac::Hmac(HashAlgorithm alg, ByteView key) : alg_(alg), impl_(std::make_unique<Impl>()) {
  impl_->alg = alg;
  impl_->h = borrow_hash(alg);
  impl_->block = block_size(alg);
  // RFC 2104 §2: a key longer than the block size is replaced by its hash; a shorter one is
  // padded with zeros to the block size.
  Digest hashed;
  if (key.size() > impl_->block) {
    impl_->h->update(key.data(), key.size());
    impl_->h->final(hashed.bytes.data());
    hashed.size = hash_length(alg);
    key = hashed.view();
  }
  for (size_t i = 0; i < impl_->block; ++i) {
    const uint8_t k = i < key.size() ? key[i] : 0;
    impl_->inner_pad[i] = static_cast<uint8_t>(k ^ 0x36);
    impl_->outer_pad[i] = static_cast<uint8_t>(k ^ 0x5c);
  }
  secure_wipe(hashed.bytes.data(), hashed.bytes.size());
}

Hmac::Hmac(Hmac&&) noexcept = default;
Hmac& Hmac::operator=(Hmac&&) noexcept = default;
Hmac::~Hmac() = default;

void Hmac::update(ByteView data) {
  impl_->start_inner();
  impl_->h->update(data.data(), data.size());
}

Digest Hmac::finish() {
  const size_t n = hash_length(alg_);
  impl_->start_inner();
  Digest inner;
  impl_->h->final(inner.bytes.data());  // final() also resets the hash for the outer pass
  impl_->h->update(impl_->outer_pad.data(), impl_->block);
  impl_->h->update(inner.bytes.data(), n);
  Digest d;
  d.size = n;
  impl_->h->final(d.bytes.data());
  secure_wipe(inner.bytes.data(), inner.bytes.size());
  impl_->inner_started = false;
  return d;
}

Digest hmac(HashAlgorithm alg, ByteView key, ByteView data) {
  Hmac mac(alg, key);
  mac.update(data);
  return mac.finish();
}

}  // namespace tlsock
