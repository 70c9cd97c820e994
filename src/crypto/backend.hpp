// Which library performs a primitive. Where both Botan and libsodium implement one (AES-256-GCM,
// ChaCha20-Poly1305, X25519, Ed25519), the default is the one measured faster on the target
// machine (figures in the comments next to each default). The explicit choice exists for the
// ceiling benchmark and for the tests that prove both backends agree; production code never
// needs it.
#pragma once

namespace tlsock {

enum class CryptoBackend { botan, sodium };

const char* name(CryptoBackend backend);

}  // namespace tlsock
