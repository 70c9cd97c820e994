#include "handshake/key_schedule_12.hpp"

#include <array>
#include <string>

#include "crypto/prf_12.hpp"
#include "record/record_protector.hpp"

namespace tlsock {

namespace {
Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}
}  // namespace

Secret master_secret_12(HashAlgorithm prf_hash, ByteView pre_master_secret,
                        ByteView client_random, ByteView server_random) {
  return prf_12(prf_hash, pre_master_secret, "master secret", concat(client_random, server_random),
                kMasterSecretLength12);
}

Secret extended_master_secret_12(HashAlgorithm prf_hash, ByteView pre_master_secret,
                                 ByteView session_hash) {
  return prf_12(prf_hash, pre_master_secret, "extended master secret", session_hash,
                kMasterSecretLength12);
}

KeyBlock12 key_block_12(const CipherSuiteInfo& suite, ByteView master_secret,
                        ByteView client_random, ByteView server_random) {
  const size_t key_len = aead_key_length(suite.aead);
  const size_t iv_len = fixed_iv_length_12(suite.aead);
  // RFC 5246 §6.3: the seed is server_random + client_random (the other order than §8.1).
  Secret block = prf_12(suite.hash, master_secret, "key expansion",
                        concat(server_random, client_random), 2 * key_len + 2 * iv_len);
  ByteView b = block;
  KeyBlock12 k;
  k.client_write_key = Secret(b.subspan(0, key_len));
  k.server_write_key = Secret(b.subspan(key_len, key_len));
  k.client_write_iv = Secret(b.subspan(2 * key_len, iv_len));
  k.server_write_iv = Secret(b.subspan(2 * key_len + iv_len, iv_len));
  return k;
}

Bytes verify_data_12(HashAlgorithm prf_hash, ByteView master_secret, FinishedSender sender,
                     ByteView handshake_hash) {
  Secret vd = prf_12(prf_hash, master_secret,
                     sender == FinishedSender::client ? "client finished" : "server finished",
                     handshake_hash, kVerifyDataLength12);
  return Bytes(vd.view().begin(), vd.view().end());
}

Result<Secret> export_keying_material_12(HashAlgorithm prf_hash, ByteView master_secret,
                                         ByteView client_random, ByteView server_random,
                                         std::string_view label,
                                         std::optional<ByteView> context, size_t length) {
  // RFC 5705 §4: labels used by TLS itself MUST NOT be used by exporters (RFC 7627 §6 adds
  // "extended master secret").
  static constexpr std::array<std::string_view, 5> kReserved = {
      "client finished", "server finished", "master secret", "key expansion",
      "extended master secret"};
  for (auto r : kReserved) {
    if (label == r) return config_error("exporter label \"" + std::string(label) + "\" is reserved");
  }
  Bytes seed = concat(client_random, server_random);
  if (context) {
    // RFC 5705 §4: context_value_length is a uint16.
    if (context->size() > 0xffff) return config_error("exporter context longer than 2^16-1 bytes");
    seed.push_back(static_cast<uint8_t>(context->size() >> 8));
    seed.push_back(static_cast<uint8_t>(context->size()));
    seed.insert(seed.end(), context->begin(), context->end());
  }
  return prf_12(prf_hash, master_secret, label, seed, length);
}

std::string key_log_line_12(ByteView client_random, ByteView master_secret) {
  return "CLIENT_RANDOM " + to_hex(client_random) + " " + to_hex(master_secret);
}

}  // namespace tlsock
