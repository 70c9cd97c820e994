// The library, the versions of the cryptography behind it, and its self-test (`tlsock demo`,
// bug reports).
#pragma once

#include <string>

namespace tlsock {

// The library version ("0.1.0").
const char* version();

// Versions of Botan and libsodium, which tlsock's cryptography is built on ("2.19.3").
std::string botan_version();
std::string sodium_version();

// A known-answer check of every primitive family (AEAD, hash, HKDF, PRF, key exchange,
// signatures): one line per family in text ("aes-128-gcm: ok", or "...: FAILED why"); ok false
// on any failure.
struct SelfTestReport {
  bool ok = true;
  std::string text;
};
SelfTestReport self_test();

}  // namespace tlsock
