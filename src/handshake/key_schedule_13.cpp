#include "handshake/key_schedule_13.hpp"

#include "crypto/hkdf.hpp"

namespace tlsock {

namespace {
Digest empty_hash(HashAlgorithm alg) { return Hash::compute(alg, {}); }

// HKDF-Extract(Derive-Secret(previous, "derived", ""), ikm); an empty ikm means HashLen zeros.
Result<Secret> next_stage(HashAlgorithm alg, ByteView previous, ByteView ikm) {
  TLSOCK_TRY_ASSIGN(Secret salt, derive_secret(alg, previous, "derived", empty_hash(alg)));
  if (ikm.empty()) {
    Bytes zeros(hash_length(alg), 0);
    return hkdf_extract(alg, salt, zeros);
  }
  return hkdf_extract(alg, salt, ikm);
}
}  // namespace

Result<Secret> derive_secret(HashAlgorithm alg, ByteView secret, std::string_view label,
                             ByteView transcript_hash) {
  return hkdf_expand_label(alg, secret, label, transcript_hash, hash_length(alg));
}

EarlySecret EarlySecret::derive(HashAlgorithm alg, ByteView psk) {
  Bytes zeros(hash_length(alg), 0);
  return EarlySecret(alg, hkdf_extract(alg, {}, psk.empty() ? ByteView(zeros) : psk));
}

Result<Secret> EarlySecret::binder_key(bool resumption) const {
  return derive_secret(alg_, secret_, resumption ? "res binder" : "ext binder", empty_hash(alg_));
}
Result<Secret> EarlySecret::client_early_traffic_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "c e traffic", h);
}
Result<Secret> EarlySecret::early_exporter_master_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "e exp master", h);
}
Result<HandshakeSecret> EarlySecret::into_handshake(ByteView ecdhe) && {
  if (ecdhe.empty()) return internal_error("key schedule: empty (EC)DHE shared secret");
  TLSOCK_TRY_ASSIGN(Secret s, next_stage(alg_, secret_, ecdhe));
  return HandshakeSecret(alg_, std::move(s));
}

Result<Secret> HandshakeSecret::client_handshake_traffic_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "c hs traffic", h);
}
Result<Secret> HandshakeSecret::server_handshake_traffic_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "s hs traffic", h);
}
Result<MasterSecret> HandshakeSecret::into_master() && {
  TLSOCK_TRY_ASSIGN(Secret s, next_stage(alg_, secret_, {}));
  return MasterSecret(alg_, std::move(s));
}

Result<Secret> MasterSecret::client_application_traffic_secret_0(ByteView h) const {
  return derive_secret(alg_, secret_, "c ap traffic", h);
}
Result<Secret> MasterSecret::server_application_traffic_secret_0(ByteView h) const {
  return derive_secret(alg_, secret_, "s ap traffic", h);
}
Result<Secret> MasterSecret::exporter_master_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "exp master", h);
}
Result<Secret> MasterSecret::resumption_master_secret(ByteView h) const {
  return derive_secret(alg_, secret_, "res master", h);
}

Result<Secret> finished_key(HashAlgorithm alg, ByteView base_key) {
  return hkdf_expand_label(alg, base_key, "finished", {}, hash_length(alg));
}

Result<Bytes> finished_verify_data(HashAlgorithm alg, ByteView base_key, ByteView transcript_hash) {
  TLSOCK_TRY_ASSIGN(Secret key, finished_key(alg, base_key));
  Digest mac = hmac(alg, key, transcript_hash);
  return Bytes(mac.view().begin(), mac.view().end());
}

Result<TrafficKeys> traffic_keys(const CipherSuiteInfo& suite, ByteView traffic_secret) {
  TLSOCK_TRY_ASSIGN(Secret key, hkdf_expand_label(suite.hash, traffic_secret, "key", {},
                                                  aead_key_length(suite.aead)));
  TLSOCK_TRY_ASSIGN(Secret iv,
                    hkdf_expand_label(suite.hash, traffic_secret, "iv", {}, kAeadNonceLength));
  return TrafficKeys{std::move(key), std::move(iv)};
}

Result<Secret> next_application_traffic_secret(HashAlgorithm alg, ByteView secret) {
  return hkdf_expand_label(alg, secret, "traffic upd", {}, hash_length(alg));
}

Result<Secret> resumption_psk(HashAlgorithm alg, ByteView rms, ByteView nonce) {
  return hkdf_expand_label(alg, rms, "resumption", nonce, hash_length(alg));
}

Result<Secret> export_keying_material(HashAlgorithm alg, ByteView exporter_master_secret,
                                      std::string_view label, ByteView context, size_t length) {
  TLSOCK_TRY_ASSIGN(Secret derived,
                    derive_secret(alg, exporter_master_secret, label, empty_hash(alg)));
  return hkdf_expand_label(alg, derived, "exporter", Hash::compute(alg, context), length);
}

}  // namespace tlsock
