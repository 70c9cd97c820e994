// Ceiling benchmark: the raw speed of each primitive tlsock wraps, for each backend (Botan,
// libsodium). Every later performance figure of tlsock is compared against these. It goes
// through src/crypto's explicit-backend entry points (Aead::create_with_backend,
// KeyExchange::generate_with_backend, PrivateKey::sign_with_backend, ...), never through Botan
// or libsodium headers directly.
//
// Run: tlsock_bench --benchmark_filter=Ceiling --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "crypto/aead.hpp"
#include "crypto/key_exchange.hpp"
#include "crypto/signature.hpp"

using namespace tlsock;

namespace {

constexpr size_t kRecord = 16384;  // 2^14, the TLS maximum plaintext record

void aead_bench(benchmark::State& state, AeadAlgorithm alg, CryptoBackend backend, bool open) {
  if (!aead_backend_available(alg, backend)) {
    state.SkipWithError("backend does not offer this algorithm here");
    return;
  }
  auto aead = Aead::create_with_backend(alg, Bytes(aead_key_length(alg), 0x11), backend);
  if (!aead) {
    state.SkipWithError(aead.error().message().c_str());
    return;
  }
  Bytes nonce(kAeadNonceLength, 0), aad(13, 0x17), buf(kRecord + kAeadTagLength, 0x42);
  Bytes sealed = buf;
  (void)(*aead)->seal(nonce, aad, sealed, kRecord);
  for (auto _ : state) {
    if (open) {
      std::copy(sealed.begin(), sealed.end(), buf.begin());
      auto r = (*aead)->open(nonce, aad, buf);
      benchmark::DoNotOptimize(r);
    } else {
      auto r = (*aead)->seal(nonce, aad, buf, kRecord);
      benchmark::DoNotOptimize(r);
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * kRecord);
}

void kx_keygen(benchmark::State& state, NamedGroup group, CryptoBackend backend) {
  ScriptedRng rng(1);
  for (auto _ : state) {
    auto kx = KeyExchange::generate_with_backend(group, rng, backend);
    benchmark::DoNotOptimize(kx);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void kx_derive(benchmark::State& state, NamedGroup group, CryptoBackend backend) {
  ScriptedRng rng(2);
  auto me = KeyExchange::generate_with_backend(group, rng, backend);
  auto peer = KeyExchange::generate_with_backend(group, rng, backend);
  if (!me || !peer) {
    state.SkipWithError("keygen failed");
    return;
  }
  Bytes peer_public((*peer)->public_value().begin(), (*peer)->public_value().end());
  for (auto _ : state) {
    auto z = (*me)->derive(peer_public);
    benchmark::DoNotOptimize(z);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The test keys in vectors/keys/, found from this file's path (bench/CMakeLists.txt defines no
// vectors directory) unless TLSOCK_VECTORS_DIR is set.
std::string keys_dir() {
  if (const char* env = std::getenv("TLSOCK_VECTORS_DIR"); env != nullptr && *env != '\0') {
    return std::string(env) + "/keys";
  }
  std::string here = __FILE__;
  return here.substr(0, here.find_last_of('/')) + "/../vectors/keys";
}

Bytes read_key(const std::string& file) {
  std::ifstream in(keys_dir() + "/" + file, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void sig_bench(benchmark::State& state, const char* key_file, SignatureScheme scheme,
               CryptoBackend backend, bool verify) {
  auto key = PrivateKey::load(read_key(key_file));
  if (!key) {
    state.SkipWithError(key.error().message().c_str());
    return;
  }
  ScriptedRng rng(3);
  Bytes msg(130, 0x5c);  // about the size of a TLS 1.3 CertificateVerify input
  auto sig = key->sign_with_backend(scheme, msg, rng, backend);
  if (!sig) {
    state.SkipWithError(sig.error().message().c_str());
    return;
  }
  PublicKey pub = key->public_key();
  const SignatureAlgorithm alg = *signature_algorithm(scheme);
  for (auto _ : state) {
    if (verify) {
      auto ok = pub.verify_with_backend(alg, msg, *sig, backend);
      benchmark::DoNotOptimize(ok);
    } else {
      auto s = key->sign_with_backend(scheme, msg, rng, backend);
      benchmark::DoNotOptimize(s);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

}  // namespace

// AEAD, 16 KiB records
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes128gcm_seal/botan, AeadAlgorithm::aes_128_gcm, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes128gcm_open/botan, AeadAlgorithm::aes_128_gcm, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes256gcm_seal/botan, AeadAlgorithm::aes_256_gcm, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes256gcm_open/botan, AeadAlgorithm::aes_256_gcm, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes256gcm_seal/sodium, AeadAlgorithm::aes_256_gcm, CryptoBackend::sodium, false);
BENCHMARK_CAPTURE(aead_bench, Ceiling/aes256gcm_open/sodium, AeadAlgorithm::aes_256_gcm, CryptoBackend::sodium, true);
BENCHMARK_CAPTURE(aead_bench, Ceiling/chacha20poly1305_seal/botan, AeadAlgorithm::chacha20_poly1305, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(aead_bench, Ceiling/chacha20poly1305_open/botan, AeadAlgorithm::chacha20_poly1305, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(aead_bench, Ceiling/chacha20poly1305_seal/sodium, AeadAlgorithm::chacha20_poly1305, CryptoBackend::sodium, false);
BENCHMARK_CAPTURE(aead_bench, Ceiling/chacha20poly1305_open/sodium, AeadAlgorithm::chacha20_poly1305, CryptoBackend::sodium, true);

// Key exchange
BENCHMARK_CAPTURE(kx_keygen, Ceiling/x25519_keygen/botan, NamedGroup::x25519, CryptoBackend::botan);
BENCHMARK_CAPTURE(kx_keygen, Ceiling/x25519_keygen/sodium, NamedGroup::x25519, CryptoBackend::sodium);
BENCHMARK_CAPTURE(kx_derive, Ceiling/x25519_derive/botan, NamedGroup::x25519, CryptoBackend::botan);
BENCHMARK_CAPTURE(kx_derive, Ceiling/x25519_derive/sodium, NamedGroup::x25519, CryptoBackend::sodium);
BENCHMARK_CAPTURE(kx_keygen, Ceiling/p256_keygen/botan, NamedGroup::secp256r1, CryptoBackend::botan);
BENCHMARK_CAPTURE(kx_derive, Ceiling/p256_derive/botan, NamedGroup::secp256r1, CryptoBackend::botan);
BENCHMARK_CAPTURE(kx_keygen, Ceiling/p384_keygen/botan, NamedGroup::secp384r1, CryptoBackend::botan);
BENCHMARK_CAPTURE(kx_derive, Ceiling/p384_derive/botan, NamedGroup::secp384r1, CryptoBackend::botan);

// Signatures
BENCHMARK_CAPTURE(sig_bench, Ceiling/ecdsa_p256_sha256_sign/botan, "ec_p256.pem", SignatureScheme::ecdsa_secp256r1_sha256, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ecdsa_p256_sha256_verify/botan, "ec_p256.pem", SignatureScheme::ecdsa_secp256r1_sha256, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ecdsa_p384_sha384_sign/botan, "ec_p384.pem", SignatureScheme::ecdsa_secp384r1_sha384, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ecdsa_p384_sha384_verify/botan, "ec_p384.pem", SignatureScheme::ecdsa_secp384r1_sha384, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(sig_bench, Ceiling/rsa2048_pss_sha256_sign/botan, "rsa2048.pem", SignatureScheme::rsa_pss_rsae_sha256, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/rsa2048_pss_sha256_verify/botan, "rsa2048.pem", SignatureScheme::rsa_pss_rsae_sha256, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(sig_bench, Ceiling/rsa2048_pkcs1_sha256_sign/botan, "rsa2048.pem", SignatureScheme::rsa_pkcs1_sha256, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/rsa2048_pkcs1_sha256_verify/botan, "rsa2048.pem", SignatureScheme::rsa_pkcs1_sha256, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ed25519_sign/botan, "ed25519.pem", SignatureScheme::ed25519, CryptoBackend::botan, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ed25519_sign/sodium, "ed25519.pem", SignatureScheme::ed25519, CryptoBackend::sodium, false);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ed25519_verify/botan, "ed25519.pem", SignatureScheme::ed25519, CryptoBackend::botan, true);
BENCHMARK_CAPTURE(sig_bench, Ceiling/ed25519_verify/sodium, "ed25519.pem", SignatureScheme::ed25519, CryptoBackend::sodium, true);
