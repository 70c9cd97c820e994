// Prepared Botan signature objects (PK_Signer, PK_Verifier) of one key, kept per
// SignatureAlgorithm and reused across calls. Building one costs more than many uses: an RSA
// signer's blinding state is a modular exponentiation and an inversion (Botan re-blinds a kept
// signer by squaring), an ECDSA signer's an inversion and the RFC 6979 nonce generator, an
// ECDSA verifier's a table of point multiples. Botan's objects are not thread-safe: each is lent
// to one caller at a time, and concurrent callers get objects of their own, of which up to
// kMaxIdle per algorithm are kept afterwards. Private to src/crypto.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "crypto/signature.hpp"

namespace tlsock::crypto_internal {

template <class T>
class PreparedPool {
 public:
  // Lends an idle object for `alg` (or make()s one) to use(object) and returns use's result.
  // The object is kept for the next caller only when clean(result) says it finished its work:
  // Botan may leave a refused message in a PK_Verifier's hash (a malformed DER signature
  // returns false before the hash is finalised). When use throws, the object is dropped too.
  template <class Make, class Use, class Clean>
  auto with(SignatureAlgorithm alg, Make&& make, Use&& use, Clean&& clean) {
    std::unique_ptr<T> object = take(alg);
    if (!object) object = make();
    auto result = use(*object);
    if (clean(result)) give_back(alg, std::move(object));
    return result;
  }

 private:
  // Enough for every core signing at once; more are built on demand and not kept.
  static constexpr size_t kMaxIdle = 16;

  struct Idle {
    SignatureAlgorithm alg;
    std::unique_ptr<T> object;
  };

  std::unique_ptr<T> take(SignatureAlgorithm alg) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = idle_.size(); i-- > 0;) {
      if (idle_[i].alg == alg) {
        std::unique_ptr<T> object = std::move(idle_[i].object);
        idle_[i] = std::move(idle_.back());
        idle_.pop_back();
        return object;
      }
    }
    return nullptr;
  }

  void give_back(SignatureAlgorithm alg, std::unique_ptr<T> object) {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t same = 0;
    for (const Idle& idle : idle_) same += idle.alg == alg ? 1 : 0;
    if (same < kMaxIdle) idle_.push_back(Idle{alg, std::move(object)});
  }

  std::mutex mutex_;
  std::vector<Idle> idle_;
};

}  // namespace tlsock::crypto_internal
