// HKDF built directly on HMAC (RFC 5869 §2.2, §2.3) rather than Botan's KDF objects: the
// algorithm is a dozen lines, the error cases are ours to name, and the known-answer tests in
// vectors/kat/hkdf_rfc5869.txt pin it down.
#include "crypto/hkdf.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace tlsock {

Secret hkdf_extract(HashAlgorithm alg, ByteView salt, ByteView ikm) {
  // RFC 5869 §2.2: salt not provided -> a string of HashLen zeros.
  std::array<uint8_t, 64> zeros{};
  ByteView key = salt.empty() ? ByteView(zeros.data(), hash_length(alg)) : salt;
  Digest prk = hmac(alg, key, ikm);
  Secret out(prk.view());
  secure_wipe(prk.bytes.data(), prk.bytes.size());
  return out;
}

Result<Secret> hkdf_expand(HashAlgorithm alg, ByteView prk, ByteView info, size_t length) {
  const size_t hash_len = hash_length(alg);
  // RFC 5869 §2.3: L <= 255 * HashLen.
  if (length > 255 * hash_len) {
    return config_error("HKDF-Expand: output length " + std::to_string(length) + " exceeds 255 * " +
                        std::to_string(hash_len));
  }
  Secret okm(length);
  Hmac mac(alg, prk);
  Digest t;  // T(0) is empty
  size_t done = 0;
  for (uint8_t counter = 1; done < length; ++counter) {
    mac.update(t.view());
    mac.update(info);
    mac.update(ByteView(&counter, 1));
    t = mac.finish();
    const size_t n = std::min(hash_len, length - done);
    std::memcpy(okm.data() + done, t.bytes.data(), n);
    done += n;
  }
  secure_wipe(t.bytes.data(), t.bytes.size());
  return okm;
}

Result<Secret> hkdf_expand_label(HashAlgorithm alg, ByteView secret, std::string_view label,
                                 ByteView context, size_t length) {
  // RFC 8446 §7.1:
  //   struct { uint16 length = Length;
  //            opaque label<7..255> = "tls13 " + Label;
  //            opaque context<0..255> = Context; } HkdfLabel;
  static constexpr std::string_view kPrefix = "tls13 ";
  if (kPrefix.size() + label.size() > 255) return config_error("HKDF-Expand-Label: label too long");
  if (context.size() > 255) return config_error("HKDF-Expand-Label: context too long");
  if (length > 0xffff) return config_error("HKDF-Expand-Label: length does not fit in uint16");

  std::array<uint8_t, 2 + 1 + 255 + 1 + 255> buf;
  size_t n = 0;
  buf[n++] = static_cast<uint8_t>(length >> 8);
  buf[n++] = static_cast<uint8_t>(length);
  buf[n++] = static_cast<uint8_t>(kPrefix.size() + label.size());
  std::memcpy(buf.data() + n, kPrefix.data(), kPrefix.size());
  n += kPrefix.size();
  std::memcpy(buf.data() + n, label.data(), label.size());
  n += label.size();
  buf[n++] = static_cast<uint8_t>(context.size());
  if (!context.empty()) std::memcpy(buf.data() + n, context.data(), context.size());
  n += context.size();
  return hkdf_expand(alg, secret, ByteView(buf.data(), n), length);
}

}  // namespace tlsock
