#include "x509/signature_cache.hpp"

#include <atomic>
#include <cstring>

#include "crypto/hash.hpp"

namespace tlsock::x509 {
namespace {
std::atomic<uint64_t> g_signatures_verified{0};
}  // namespace

SignatureCache::Key SignatureCache::key(const Certificate& child, const Certificate& issuer) {
  Hash h(HashAlgorithm::sha256);
  h.update(Hash::compute(HashAlgorithm::sha256, child.der()));
  h.update(Hash::compute(HashAlgorithm::sha256, issuer.der()));
  Digest d = h.digest();
  Key k;
  std::memcpy(k.data(), d.bytes.data(), k.size());
  return k;
}

size_t SignatureCache::KeyHash::operator()(const Key& k) const noexcept {
  size_t h;
  std::memcpy(&h, k.data(), sizeof h);  // already a hash
  return h;
}

bool SignatureCache::contains(const Key& key) const {
  std::lock_guard lock(mutex_);
  return entries_.count(key) != 0;
}

void SignatureCache::insert(const Key& key) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert(key);
}

void SignatureCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

size_t SignatureCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

uint64_t certificate_signatures_verified() { return g_signatures_verified.load(); }
void count_certificate_signature_verified() { g_signatures_verified.fetch_add(1); }

}  // namespace tlsock::x509
