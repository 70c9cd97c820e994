// The TLS 1.3 key schedule (RFC 8446 §7.1) as a typestate:
//
//   EarlySecret = HKDF-Extract(0, PSK or 0)            -> binder key, early traffic
//     | into_handshake(ECDHE shared secret)
//   HandshakeSecret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE)
//     | into_master()                                  -> c/s hs traffic
//   MasterSecret = HKDF-Extract(Derive-Secret(., "derived", ""), 0)
//                                                      -> c/s ap traffic, exporter, resumption
//
// Each stage is consumed (rvalue) to reach the next, so code cannot derive application keys
// from a schedule that has not absorbed the (EC)DHE secret. The stage secrets live in Secret
// (wiped on destruction). Free functions cover what is derived from traffic secrets: Finished
// keys (§4.4.4), record keys (§7.3), KeyUpdate (§7.2), ticket PSKs (§4.6.1), exporters (§7.5).
#pragma once

#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/hash.hpp"
#include "handshake/cipher_suites.hpp"

namespace tlsock {

// Derive-Secret(Secret, Label, Messages) with Messages given as their transcript hash.
Result<Secret> derive_secret(HashAlgorithm alg, ByteView secret, std::string_view label,
                             ByteView transcript_hash);

class HandshakeSecret;
class MasterSecret;

class EarlySecret {
 public:
  // psk empty: no PSK, HashLen zero bytes (RFC 8446 §7.1).
  static EarlySecret derive(HashAlgorithm alg, ByteView psk);

  HashAlgorithm algorithm() const { return alg_; }
  ByteView secret() const { return secret_; }
  // "res binder" (resumption) or "ext binder" (external PSK), over Hash("").
  Result<Secret> binder_key(bool resumption) const;
  Result<Secret> client_early_traffic_secret(ByteView client_hello_hash) const;
  Result<Secret> early_exporter_master_secret(ByteView client_hello_hash) const;
  Result<HandshakeSecret> into_handshake(ByteView ecdhe_shared_secret) &&;

 private:
  EarlySecret(HashAlgorithm alg, Secret s) : alg_(alg), secret_(std::move(s)) {}
  HashAlgorithm alg_;
  Secret secret_;
};

class HandshakeSecret {
 public:
  HashAlgorithm algorithm() const { return alg_; }
  ByteView secret() const { return secret_; }
  // Over Transcript-Hash(ClientHello...ServerHello).
  Result<Secret> client_handshake_traffic_secret(ByteView transcript_hash) const;
  Result<Secret> server_handshake_traffic_secret(ByteView transcript_hash) const;
  Result<MasterSecret> into_master() &&;

 private:
  friend class EarlySecret;
  HandshakeSecret(HashAlgorithm alg, Secret s) : alg_(alg), secret_(std::move(s)) {}
  HashAlgorithm alg_;
  Secret secret_;
};

class MasterSecret {
 public:
  HashAlgorithm algorithm() const { return alg_; }
  ByteView secret() const { return secret_; }
  // Over Transcript-Hash(ClientHello...server Finished).
  Result<Secret> client_application_traffic_secret_0(ByteView transcript_hash) const;
  Result<Secret> server_application_traffic_secret_0(ByteView transcript_hash) const;
  Result<Secret> exporter_master_secret(ByteView transcript_hash) const;
  // Over Transcript-Hash(ClientHello...client Finished).
  Result<Secret> resumption_master_secret(ByteView transcript_hash) const;

 private:
  friend class HandshakeSecret;
  MasterSecret(HashAlgorithm alg, Secret s) : alg_(alg), secret_(std::move(s)) {}
  HashAlgorithm alg_;
  Secret secret_;
};

// RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length).
Result<Secret> finished_key(HashAlgorithm alg, ByteView base_key);
// verify_data = HMAC(finished_key, Transcript-Hash(...)).
Result<Bytes> finished_verify_data(HashAlgorithm alg, ByteView base_key, ByteView transcript_hash);

// RFC 8446 §7.3: write key and IV of a traffic secret.
struct TrafficKeys {
  Secret key;
  Secret iv;
};
Result<TrafficKeys> traffic_keys(const CipherSuiteInfo& suite, ByteView traffic_secret);

// RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", len).
Result<Secret> next_application_traffic_secret(HashAlgorithm alg, ByteView secret);

// RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", nonce, len).
Result<Secret> resumption_psk(HashAlgorithm alg, ByteView resumption_master_secret,
                              ByteView ticket_nonce);

// RFC 8446 §7.5: TLS-Exporter(label, context, length) =
//   HKDF-Expand-Label(Derive-Secret(exporter_secret, label, ""), "exporter", Hash(context), length)
Result<Secret> export_keying_material(HashAlgorithm alg, ByteView exporter_master_secret,
                                      std::string_view label, ByteView context, size_t length);

}  // namespace tlsock
