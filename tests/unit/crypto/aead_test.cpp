#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "crypto/aead.hpp"
#include "support/allocation_counter.hpp"

using namespace tlsock;

namespace {
// Every allocation the counter sees: operator new, and the C allocator where it is counted
// (Botan's secure buffers and libsodium use it).
uint64_t allocations() {
  auto c = test::allocation_counts();
  return c.news + c.c_allocs;
}
}  // namespace

namespace {

const AeadAlgorithm kAll[] = {AeadAlgorithm::aes_128_gcm, AeadAlgorithm::aes_256_gcm,
                              AeadAlgorithm::chacha20_poly1305};

std::unique_ptr<Aead> make(AeadAlgorithm alg, CryptoBackend backend) {
  Bytes key(aead_key_length(alg), 0x42);
  auto aead = Aead::create_with_backend(alg, key, backend);
  REQUIRE_MESSAGE(aead.ok(), aead.error().message());
  return std::move(*aead);
}

}  // namespace

TEST_CASE("the allocation counter sees operator new, malloc and calloc") {
  size_t before = allocations();
  auto* p = new std::vector<int>(100);
  delete p;
  CHECK(allocations() - before >= 2);
  if (test::counts_c_allocations()) {
    before = allocations();
    void* volatile c = calloc(10, 10);
    free(c);
    CHECK(allocations() - before == 1);
  }
}

TEST_CASE("AEAD seal/open allocate nothing per call (default backends)") {
  for (AeadAlgorithm alg : kAll) {
    CAPTURE(std::string(name(alg)));
    Bytes key(aead_key_length(alg), 7);
    auto aead = Aead::create(alg, key);
    REQUIRE(aead.ok());
    Bytes nonce(12, 1), aad(13, 2);
    // Sizes that exercise the Botan bulk/tail split: empty, sub-block, odd, 16 KiB + 1.
    std::vector<Bytes> bufs;
    for (size_t n : {size_t{0}, size_t{1}, size_t{15}, size_t{17}, size_t{1000}, size_t{16385}}) {
      bufs.emplace_back(n + kAeadTagLength, 0x5a);
    }
    // No doctest macros inside the measured loop: doctest itself allocates now and then while
    // recording assertions.
    bool all_ok = true;
    auto round = [&] {
      for (Bytes& b : bufs) {
        const size_t n = b.size() - kAeadTagLength;
        all_ok &= (*aead)->seal(nonce, aad, b, n).ok();
        auto opened = (*aead)->open(nonce, aad, b);
        all_ok &= opened.ok() && *opened == n;
        nonce[0]++;
      }
    };
    round();  // warm-up
    const size_t before = allocations();
    for (int i = 0; i < 50; ++i) round();
    const size_t count = allocations() - before;
    CHECK(all_ok);
    CHECK_MESSAGE(count == 0, std::string(name(alg)) << " via "
                                  << std::string(name((*aead)->backend())) << " allocated "
                                  << count << " times in 600 calls");
  }
}

TEST_CASE("AEAD zero-allocation check for every backend") {
  // Every backend is required to be allocation-free, including the ones create() does not pick,
  // so that a change of default never brings allocations in.
  for (AeadAlgorithm alg : kAll) {
    for (CryptoBackend backend : {CryptoBackend::botan, CryptoBackend::sodium}) {
      if (!aead_backend_available(alg, backend)) continue;
      auto aead = make(alg, backend);
      Bytes nonce(12, 3), buf(4096 + 16, 1);
      REQUIRE(aead->seal(nonce, {}, buf, 4096).ok());
      REQUIRE(aead->open(nonce, {}, buf).ok());
      bool all_ok = true;
      const size_t before = allocations();
      for (int i = 0; i < 20; ++i) {
        all_ok &= aead->seal(nonce, {}, buf, 4096).ok();
        all_ok &= aead->open(nonce, {}, buf).ok();
      }
      const size_t count = allocations() - before;
      CHECK(all_ok);
      MESSAGE(std::string(name(alg)) << " via " << std::string(name(backend)) << ": " << count
                                      << " allocations in 40 calls");
      CHECK(count == 0);
    }
  }
}

TEST_CASE("AEAD backends agree and error paths do not throw") {
  for (AeadAlgorithm alg : kAll) {
    CAPTURE(std::string(name(alg)));
    SUBCASE("wrong key length is a config error") {
      auto bad = Aead::create(alg, Bytes(aead_key_length(alg) + 1, 0));
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().kind == ErrorKind::config);
      CHECK_FALSE(Aead::create(alg, {}).ok());
    }
    SUBCASE("bad tag, modified AAD, wrong nonce, truncated record -> bad_record_mac") {
      for (CryptoBackend backend : {CryptoBackend::botan, CryptoBackend::sodium}) {
        if (!aead_backend_available(alg, backend)) continue;
        CAPTURE(std::string(name(backend)));
        auto aead = make(alg, backend);
        Bytes nonce(12, 9), aad = {1, 2, 3};
        Bytes sealed(100 + 16, 0x33);
        REQUIRE(aead->seal(nonce, aad, sealed, 100).ok());

        Bytes b = sealed;
        b[100] ^= 1;  // tag
        auto r1 = aead->open(nonce, aad, b);
        REQUIRE_FALSE(r1.ok());
        CHECK(r1.error().alert == AlertDescription::bad_record_mac);

        b = sealed;
        Bytes other_aad = {1, 2, 4};
        CHECK(aead->open(nonce, other_aad, b).error().alert == AlertDescription::bad_record_mac);

        b = sealed;
        Bytes other_nonce(12, 8);
        CHECK_FALSE(aead->open(other_nonce, aad, b).ok());

        Bytes short_buf(15, 0);
        auto r2 = aead->open(nonce, aad, short_buf);
        REQUIRE_FALSE(r2.ok());
        CHECK(r2.error().alert == AlertDescription::bad_record_mac);

        Bytes just_tag(16, 0);
        CHECK_FALSE(aead->open(nonce, aad, just_tag).ok());

        // The object is still usable after failures.
        b = sealed;
        auto ok = aead->open(nonce, aad, b);
        REQUIRE(ok.ok());
        CHECK(*ok == 100);
        CHECK(Bytes(b.begin(), b.begin() + 100) == Bytes(100, 0x33));
      }
    }
    SUBCASE("seal argument errors") {
      auto aead = make(alg, aead_default_backend(alg) == CryptoBackend::sodium &&
                                    aead_backend_available(alg, CryptoBackend::sodium)
                                ? CryptoBackend::sodium
                                : CryptoBackend::botan);
      Bytes buf(20, 0);
      CHECK_FALSE(aead->seal(Bytes(12, 0), {}, buf, 5).ok());   // no room for the tag
      CHECK_FALSE(aead->seal(Bytes(12, 0), {}, buf, 21).ok());  // plaintext_len > size
      CHECK_FALSE(aead->seal(Bytes(11, 0), {}, buf, 4).ok());   // nonce length
      Bytes ct(32, 0);
      CHECK_FALSE(aead->open(Bytes(13, 0), {}, ct).ok());
    }
    SUBCASE("both backends produce the same bytes") {
      if (aead_backend_available(alg, CryptoBackend::sodium)) {
        auto a = make(alg, CryptoBackend::botan);
        auto s = make(alg, CryptoBackend::sodium);
        for (size_t n : {size_t{0}, size_t{5}, size_t{64}, size_t{333}, size_t{16384}}) {
          Bytes b1(n + 16), b2(n + 16);
          for (size_t i = 0; i < n; ++i) b1[i] = b2[i] = static_cast<uint8_t>(i * 7);
          Bytes nonce(12, 0x11), aad(5, 0x22);
          REQUIRE(a->seal(nonce, aad, b1, n).ok());
          REQUIRE(s->seal(nonce, aad, b2, n).ok());
          CHECK(b1 == b2);
          REQUIRE(a->open(nonce, aad, b2).ok());
          REQUIRE(s->open(nonce, aad, b1).ok());
          CHECK(b1 == b2);
        }
      }
    }
  }
}

TEST_CASE("AEAD names, key lengths and backend choices") {
  CHECK(std::string(name(AeadAlgorithm::aes_128_gcm)) == "aes-128-gcm");
  CHECK(aead_key_length(AeadAlgorithm::aes_128_gcm) == 16);
  CHECK(aead_key_length(AeadAlgorithm::aes_256_gcm) == 32);
  CHECK(aead_key_length(AeadAlgorithm::chacha20_poly1305) == 32);
  CHECK_FALSE(aead_backend_available(AeadAlgorithm::aes_128_gcm, CryptoBackend::sodium));
  auto no = Aead::create_with_backend(AeadAlgorithm::aes_128_gcm, Bytes(16, 0), CryptoBackend::sodium);
  REQUIRE_FALSE(no.ok());
  CHECK(no.error().kind == ErrorKind::config);
  for (AeadAlgorithm alg : kAll) {
    auto a = Aead::create(alg, Bytes(aead_key_length(alg), 0));
    REQUIRE(a.ok());
    CHECK((*a)->algorithm() == alg);
    CHECK((*a)->backend() == aead_default_backend(alg));
  }
}
