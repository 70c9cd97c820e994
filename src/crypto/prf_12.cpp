#include "crypto/prf_12.hpp"

#include <algorithm>
#include <cstring>

namespace tlsock {

// RFC 5246 §5:
//   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
//   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
//   A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
Secret prf_12(HashAlgorithm alg, ByteView secret, std::string_view label, ByteView seed,
              size_t length) {
  Secret out(length);
  Hmac mac(alg, secret);
  const ByteView label_bytes = as_bytes(label);

  mac.update(label_bytes);
  mac.update(seed);
  Digest a = mac.finish();  // A(1)
  size_t done = 0;
  while (done < length) {
    mac.update(a.view());
    mac.update(label_bytes);
    mac.update(seed);
    Digest block = mac.finish();
    const size_t n = std::min(block.size, length - done);
    std::memcpy(out.data() + done, block.bytes.data(), n);
    done += n;
    secure_wipe(block.bytes.data(), block.bytes.size());
    mac.update(a.view());
    a = mac.finish();  // A(i+1)
  }
  secure_wipe(a.bytes.data(), a.bytes.size());
  return out;
}

}  // namespace tlsock
