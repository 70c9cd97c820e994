// Short known-answer checks run by `tlsock demo` (and available to applications through
// self_test()). Each family gets one published vector; the full vector sets live in
// vectors/kat/ and run in test_vectors.
#include "crypto/self_test.hpp"

#include <functional>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/prf_12.hpp"
#include "crypto/signature.hpp"

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


// Test keys (copies of vectors/keys/ec_p256.pem and rsa2048.pem, made with the OpenSSL CLI;
// they protect nothing) for the sign+verify round trips.
constexpr std::string_view kEcP256Pem = R"PEM(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEHcIAYBisPcTz2Fp
dI0tztGMUcpNcCeYMfGA3JySHmWhRANCAATun8uw2oOvQ2+iLGIQ1EHLNtegA3mT
7LDSgzfwLR7ceOt9bQd+dW/3RJD87bLlsfF0EPPXDdUH3Uyb9+/qJAUx
-----END PRIVATE KEY-----
)PEM";
constexpr std::string_view kRsa2048Pem = R"PEM(-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDkuSGgAPLbiUwA
moDZ/3U+llcBj/iB1J53h79NjR1FPDsgYX5JkM/qwg00PfH0RTwGs8y9WlRo/SyX
KQqiDHKWBc0y/cqyYRFgSA2Ps4CYGTE5pY3SK70OXJPl/yc8yXTqMtU0e4wk2bO7
wnxt+mx7rsYhk0OHaHuLRgTQxlQS4fz8BhgmStvRLguqcjlo//KxH5VLD/CFnahH
ljbCCxkjqpSIFqiEmyonWvvwopihG7SVTA5WerSN/B5A+ogHae8skDH+MMC+rcpv
qYyuk+mAVXdGaxfi0WD9VCXoYbM4Au3OBAKsz+e4ZY5Tqv4j6LfIkWRMHxcSnq7B
TGiRFiUbAgMBAAECggEABepf20KLBXCMnathT8ISpza+M1Uk6T61hoPlR70xl5vS
L6k12fM73Wd9be94NYgg4E+AKRmP+1Mo9xPhqYVG5WhrATmdJ3XpPCNA7omG9ugX
5NTKUTg+YIO2c4lg22qecnw0FXJokn9q7Z0/GJ0UdzJy/2VOps7l+xkpgLjQbdiL
7SyzkIZkZjR+fC91K8U+4oWKfK24zhOZRrSgwLaAbh6joEqBAAPpn+ksi44/muHm
gt62ryvRWb3+SRoCYvzCV4bSFmgaToWurkEipEzdX9KmZfRAKlLYppyrPPBEbmUV
tYXuJtdWbmJc+fKTueU/XibUqYzeAuu+3r7rPhR5gQKBgQDyIqeRb22papQlZcJf
74WleVTT7dZ2TjE7h+DkvBON58shY94mI9kUWPUhZ4R2YYl5Af2ePZvHJXNjjEqk
6KOx1Owf+kJn7kyTIDek5ceskmvINTTAsDqqb6fUqdKeepMNJeUhNN7LkGDNdvva
xYnYTgJ9YkIu8lRD23dzfciOWwKBgQDx0d+yyBaZxI85FR7N9irpHlqwHQERu4QV
Z/kQkyTU/rG5ryakvCVeLW18yQkdspTkUDbLCT0Xw44C4o5vbgtc3W5ccKVKXxto
jnQJGMS8TACbfijhdOPlAI9+KQk13ftqdSBKBHqozz4XW1EYHvDhrxZn/R12u5a4
dEmOX54AQQKBgQDQk7WQ/FGUrLBs/plPlr6jaj7+SFSDmJukUkoR/0lA5jj+zE5i
wGKQuoh+e/OJHkATsvlLxHpaNBKP4Bu0ronD+Exmx2dIq+fenNQSAbXdHEwoLF0C
10vR4VjLQnah+aiOnOQhlK+O3xHkK+iL7bnuUFSouWmVkz2vLnBZVjLbHQKBgQDS
RZfJ4vjcDrInhbj6iTK48L8U4rOaUr7Ayl8lzX06hJnQB4CHwF6R7NiGqFz36OBV
Q3bRyB/KeS4UTiJivIK+5oDfesgPynGP0kcN3e68eS4SB3rOyRCdgYZEwrQSlgrX
gC9qjUiHX2Xzc2Epo0X8SH4oQE2NgALIM73+QiCmwQKBgB+vI3nwjwQcg0aj2Nev
yKrxzCGbHHh4CfJpholhCFfV6KGZdw0rkMniFFiGEfOi7f8Lm9b8pntWi6QzHlWy
NQ9ZJgvKty8swc22NQj9kw/jTgWQC0g0HBOm49lKMQ27VU5Lg512K7c6/Fnipn9R
B7avE5018uFtrK1i+0rVC9Ts
-----END PRIVATE KEY-----
)PEM";

std::string sign_verify(std::string_view pem, SignatureScheme scheme) {
  auto key = PrivateKey::load(as_bytes(pem));
  if (!key) return key.error().message();
  ScriptedRng rng(1);
  const ByteView msg = as_bytes("tlsock self-test");
  auto sig = key->sign(scheme, msg, rng);
  if (!sig) return sig.error().message();
  PublicKey pub = key->public_key();
  if (Status st = pub.verify(scheme, msg, *sig, true); !st) return st.error().message();
  Bytes bad = *sig;
  bad[bad.size() / 2] ^= 1;
  if (pub.verify(scheme, msg, bad, true)) return "a modified signature verified";
  return "";
}

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
  c.emplace_back("x25519", []() -> std::string {
    // RFC 7748 §6.1, and the all-zero result for a low-order point must be refused.
    auto alice = KeyExchange::from_private(
        NamedGroup::x25519, hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    if (!alice) return alice.error().message();
    auto k = (*alice)->derive(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    if (!k) return k.error().message();
    if (std::string bad = expect_equal(
            *k, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        !bad.empty()) {
      return bad;
    }
    if ((*alice)->derive(Bytes(32, 0))) return "accepted a low-order point";
    return "";
  });
  c.emplace_back("p256-ecdh", []() -> std::string {
    ScriptedRng rng(1);
    auto a = KeyExchange::generate(NamedGroup::secp256r1, rng);
    auto b = KeyExchange::generate(NamedGroup::secp256r1, rng);
    if (!a || !b) return "key generation failed";
    auto k1 = (*a)->derive((*b)->public_value());
    auto k2 = (*b)->derive((*a)->public_value());
    if (!k1 || !k2) return "derive failed";
    if (!(*k1 == *k2)) return "the two sides disagree";
    Bytes off_curve((*b)->public_value().begin(), (*b)->public_value().end());
    off_curve.back() ^= 1;
    if ((*a)->derive(off_curve)) return "accepted a point off the curve";
    return "";
  });
  c.emplace_back("ecdsa-p256-sha256", [] {
    return sign_verify(kEcP256Pem, SignatureScheme::ecdsa_secp256r1_sha256);
  });
  c.emplace_back("rsa-pss-sha256", [] {
    return sign_verify(kRsa2048Pem, SignatureScheme::rsa_pss_rsae_sha256);
  });
  c.emplace_back("ed25519", []() -> std::string {
    // RFC 8032 §7.1 TEST 2, the seed wrapped in PKCS#8 (RFC 8410).
    auto key = PrivateKey::load(hex("302e020100300506032b657004220420"
                                    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
    if (!key) return key.error().message();
    ScriptedRng rng;
    auto sig = key->sign(SignatureScheme::ed25519, hex("72"), rng);
    if (!sig) return sig.error().message();
    if (std::string bad = expect_equal(*sig,
                                       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223eb"
                                       "db69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d"
                                       "291612bb0c00");
        !bad.empty()) {
      return bad;
    }
    if (Status st = key->public_key().verify(SignatureScheme::ed25519, hex("72"), *sig, true); !st) {
      return st.error().message();
    }
    if (key->public_key().verify(SignatureScheme::ed25519, hex("73"), *sig, true)) {
      return "verified the wrong message";
    }
    return "";
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
