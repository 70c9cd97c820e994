// The TLS 1.2 key schedule (RFC 5246 §6.3, §7.4.9, §8.1; RFC 7627; RFC 5705), all on the
// suite's PRF (crypto/prf_12.hpp):
//
//   pre_master_secret (the ECDHE shared secret, RFC 8422 §5.10)
//     | master_secret_12:    PRF(pms, "master secret", client_random || server_random)[48]
//     | or extended_master_secret_12 (RFC 7627 §4):
//     |                      PRF(pms, "extended master secret", session_hash)[48]
//   master_secret
//     | key_block_12:  PRF(ms, "key expansion", server_random || client_random) split into
//     |                client_write_key, server_write_key, client_write_IV, server_write_IV
//     |                (AEAD suites have no MAC keys; the IV is the 4-byte GCM salt, RFC 5288
//     |                §3, or the 12-byte ChaCha20 IV, RFC 7905 §2)
//     | verify_data_12: PRF(ms, "client finished" / "server finished", Hash(handshake))[12]
//     | exporter_12:    PRF(ms, label, client_random || server_random [|| len(ctx) || ctx])
//
// session_hash (RFC 7627 §3) is Hash(handshake messages up to and including the
// ClientKeyExchange), with the PRF hash. The master secret is what a session resumes, so the
// key block of an abbreviated handshake comes from the session's master secret and the new
// randoms.
#pragma once

#include <optional>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "handshake/cipher_suites.hpp"

namespace tlsock {

// RFC 5246 §8.1: "The master secret is always exactly 48 bytes in length."
inline constexpr size_t kMasterSecretLength12 = 48;
// RFC 5246 §7.4.9: verify_data_length is 12 for every suite we implement.
inline constexpr size_t kVerifyDataLength12 = 12;

Secret master_secret_12(HashAlgorithm prf_hash, ByteView pre_master_secret,
                        ByteView client_random, ByteView server_random);
Secret extended_master_secret_12(HashAlgorithm prf_hash, ByteView pre_master_secret,
                                 ByteView session_hash);

struct KeyBlock12 {
  Secret client_write_key;
  Secret server_write_key;
  Secret client_write_iv;  // fixed IV: fixed_iv_length_12(aead) bytes
  Secret server_write_iv;
};
KeyBlock12 key_block_12(const CipherSuiteInfo& suite, ByteView master_secret,
                        ByteView client_random, ByteView server_random);

enum class FinishedSender : uint8_t { client, server };
Bytes verify_data_12(HashAlgorithm prf_hash, ByteView master_secret, FinishedSender sender,
                     ByteView handshake_hash);

// RFC 5705 §4: config_error for a label the TLS 1.2 PRF itself uses ("client finished",
// "server finished", "master secret", "key expansion", "extended master secret"); context
// nullopt means "no context" (different from an empty one). A context over 2^16-1 bytes is a
// config_error.
Result<Secret> export_keying_material_12(HashAlgorithm prf_hash, ByteView master_secret,
                                         ByteView client_random, ByteView server_random,
                                         std::string_view label,
                                         std::optional<ByteView> context, size_t length);

// The NSS key log line for a TLS 1.2 session: "CLIENT_RANDOM <client_random> <master_secret>"
// in lower-case hex (the SSLKEYLOGFILE format).
std::string key_log_line_12(ByteView client_random, ByteView master_secret);

}  // namespace tlsock
