// UNSAFE fuzzer mode (after BoringSSL's BORINGSSL_UNSAFE_FUZZER_MODE): compiled in only by the
// `fuzz` preset (CMake option TLSOCK_UNSAFE_FUZZER_MODE, which needs TLSOCK_FUZZ and refuses to
// install). A fuzzer cannot compute a MAC or a signature over the bytes it mutates, so without
// this mode the engine fuzzers stop at the first Finished or encrypted record. In this mode,
// and only here, the library skips exactly these checks:
//   - record protection: Aead::create gives a null cipher (plaintext plus a zero tag, the tag
//     unchecked), so a fuzzer can write "encrypted" records and session tickets
//     (src/crypto/aead.cpp);
//   - signatures: PublicKey::verify_with_backend accepts any signature once the algorithm
//     matches the key (src/crypto/signature.cpp): CertificateVerify, ServerKeyExchange, and
//     certificate signatures;
//   - Finished verify_data (TLS 1.3 client and server, post-handshake auth, TLS 1.2) and the
//     PSK binder: mac_equal_or_fuzzing below (src/handshake/client_13.cpp, server_13.cpp,
//     handshake_util_12.cpp).
// The randomness is not part of this mode: the fuzz targets pass a ScriptedRng and a
// FixedClock through the Provider (fuzz/engine_fuzz.hpp), as tests do.
#pragma once

#include "common/bytes.hpp"

namespace tlsock {

#ifdef TLSOCK_UNSAFE_FUZZER_MODE
inline constexpr bool kUnsafeFuzzerMode = true;
#else
inline constexpr bool kUnsafeFuzzerMode = false;
#endif

// A Finished or PSK-binder compare: constant_time_equal, which fuzzer mode always passes.
inline bool mac_equal_or_fuzzing(ByteView received, ByteView expected) {
  return kUnsafeFuzzerMode || constant_time_equal(received, expected);
}

}  // namespace tlsock
