// Short known-answer checks run by `tlsock demo` (and available to applications through
// self_test()). Each family gets one published vector; the full vector sets live in
// vectors/kat/ and run in test_vectors.
#include "crypto/self_test.hpp"

#include <functional>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/prf_12.hpp"

namespace tlsock::crypto_internal {

namespace {

Bytes hex(std::string_view h) {
  Bytes out;
  from_hex(h, out);
  return out;
}

// Returns "" on success, otherwise what went wrong.
using Check = std::function<std::string()>;

std::string expect_equal(ByteView got, std::string_view want_hex) {
  if (to_hex(got) == want_hex) return "";
  return "got " + to_hex(got) + ", want " + std::string(want_hex);
}

std::string aead_check(AeadAlgorithm alg, std::string_view key, std::string_view nonce,
                       std::string_view aad, ByteView plaintext, std::string_view want) {
  auto aead = Aead::create(alg, hex(key));
  if (!aead) return aead.error().message();
  Bytes buf(plaintext.begin(), plaintext.end());
  buf.resize(plaintext.size() + kAeadTagLength);
  Status sealed = (*aead)->seal(hex(nonce), hex(aad), buf, plaintext.size());
  if (!sealed) return sealed.error().message();
  if (std::string bad = expect_equal(buf, want); !bad.empty()) return "seal: " + bad;
  Bytes tampered = buf;
  tampered[0] ^= 1;
  if ((*aead)->open(hex(nonce), hex(aad), tampered)) return "open accepted a modified ciphertext";
  auto opened = (*aead)->open(hex(nonce), hex(aad), buf);
  if (!opened) return "open: " + opened.error().message();
  if (*opened != plaintext.size() || !std::equal(plaintext.begin(), plaintext.end(), buf.begin())) {
    return "open: plaintext differs";
  }
  return "";
}

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 4 (AES-128) and 16
// (AES-256): same IV, AAD and plaintext, the AES-256 key is the AES-128 key twice.
constexpr std::string_view kGcmPlaintext =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b5"
    "25b16aedf5aa0de657ba637b39";
constexpr std::string_view kGcmIv = "cafebabefacedbaddecaf888";
constexpr std::string_view kGcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

std::vector<std::pair<std::string, Check>> checks() {
  std::vector<std::pair<std::string, Check>> c;
  c.emplace_back("aes-128-gcm", [] {
    return aead_check(AeadAlgorithm::aes_128_gcm, "feffe9928665731c6d6a8f9467308308", kGcmIv,
                      kGcmAad, hex(kGcmPlaintext),
                      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b2"
                      "5466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7"
                      "121a47");
  });
  c.emplace_back("aes-256-gcm", [] {
    return aead_check(AeadAlgorithm::aes_256_gcm,
                      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", kGcmIv,
                      kGcmAad, hex(kGcmPlaintext),
                      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48"
                      "590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb"
                      "2d551b");
  });
  c.emplace_back("chacha20-poly1305", [] {
    // RFC 8439 §2.8.2
    return aead_check(
        AeadAlgorithm::chacha20_poly1305,
        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
        "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
        as_bytes("Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
                 "for the future, sunscreen would be it."),
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69"
        "da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad67594"
        "5585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b61161ae10b594f09e26a7e902ecbd0600691");
  });
  c.emplace_back("sha256", [] {
    // FIPS 180-2 Appendix B.1 ("abc"), also checking that digest() leaves the state alone.
    Hash h(HashAlgorithm::sha256);
    h.update(as_bytes("ab"));
    Hash snapshot = h;
    (void)snapshot.digest();
    h.update(as_bytes("c"));
    return expect_equal(h.digest(),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  c.emplace_back("sha384", [] {
    // FIPS 180-2 Appendix D.1
    return expect_equal(Hash::compute(HashAlgorithm::sha384, as_bytes("abc")),
                        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072b"
                        "a1e7cc2358baeca134c825a7");
  });
  c.emplace_back("hmac-sha256", [] {
    // RFC 4231 §4.3 (test case 2)
    return expect_equal(
        hmac(HashAlgorithm::sha256, as_bytes("Jefe"), as_bytes("what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });
  c.emplace_back("hkdf-sha256", []() -> std::string {
    // RFC 5869 A.1
    Secret prk = hkdf_extract(HashAlgorithm::sha256, hex("000102030405060708090a0b0c"),
                              hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
    auto okm = hkdf_expand(HashAlgorithm::sha256, prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42);
    if (!okm) return okm.error().message();
    return expect_equal(*okm,
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208"
                        "d5b887185865");
  });
  c.emplace_back("tls12-prf-sha256", [] {
    Secret out = prf_12(HashAlgorithm::sha256, hex("9bbe436ba940f017b17652849a71db35"),
                        "test label", hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
    return expect_equal(out,
                        "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791"
                        "e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b"
                        "97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
  });
  return c;
}

}  // namespace

std::vector<SelfTestLine> run_self_tests() {
  std::vector<SelfTestLine> lines;
  for (auto& [name, check] : checks()) {
    SelfTestLine line{name, false, ""};
    try {
      line.detail = check();
    } catch (const std::exception& e) {
      line.detail = std::string("exception: ") + e.what();
    }
    line.ok = line.detail.empty();
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace tlsock::crypto_internal
