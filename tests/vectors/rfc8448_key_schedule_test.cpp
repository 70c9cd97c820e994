// RFC 8448 §3 (simple 1-RTT handshake): the whole TLS 1.3 key schedule (RFC 8446 §7.1, §7.3,
// §4.4.4) recomputed from the two X25519 private keys and the handshake messages, through our
// KeyExchange, Hash, hkdf_extract and hkdf_expand_label.
#include <doctest/doctest.h>

#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/key_exchange.hpp"
#include "vector_checks.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

constexpr HashAlgorithm kHash = HashAlgorithm::sha256;

Secret expand_label(ByteView secret, std::string_view label, ByteView context, size_t length) {
  auto out = hkdf_expand_label(kHash, secret, label, context, length);
  REQUIRE(out.ok());
  return *out;
}

// RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) =
//   HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
Secret derive_secret(ByteView secret, std::string_view label, ByteView transcript_hash) {
  return expand_label(secret, label, transcript_hash, hash_length(kHash));
}

}  // namespace

TEST_CASE("RFC 8448 §3 key schedule") {
  VectorFile f = require_vectors("rfc8448/simple_1rtt_key_schedule.txt", 1);
  const VectorCase& c = f.cases[0];
  const size_t hash_len = hash_length(kHash);

  // (EC)DHE through our X25519, both directions.
  for (CryptoBackend backend : {CryptoBackend::sodium, CryptoBackend::botan}) {
    auto client = KeyExchange::from_private_with_backend(NamedGroup::x25519, c["client_private_key"], backend);
    auto server = KeyExchange::from_private_with_backend(NamedGroup::x25519, c["server_private_key"], backend);
    REQUIRE(client.ok());
    REQUIRE(server.ok());
    CHECK(to_hex((*client)->public_value()) == to_hex(c["client_public_key"]));
    CHECK(to_hex((*server)->public_value()) == to_hex(c["server_public_key"]));
    auto z1 = (*client)->derive(c["server_public_key"]);
    auto z2 = (*server)->derive(c["client_public_key"]);
    REQUIRE(z1.ok());
    REQUIRE(z2.ok());
    CHECK(to_hex(*z1) == to_hex(c["ecdhe_shared_secret"]));
    CHECK(to_hex(*z2) == to_hex(c["ecdhe_shared_secret"]));
  }

  // Transcript hashes from the handshake messages, taken as snapshots of one running hash.
  Hash transcript(kHash);
  CHECK(to_hex(transcript.digest()) == to_hex(c["empty_hash"]));
  transcript.update(c["client_hello"]);
  transcript.update(c["server_hello"]);
  const Digest hash_ch_sh = transcript.digest();
  CHECK(to_hex(hash_ch_sh) == to_hex(c["transcript_hash_ch_sh"]));
  transcript.update(c["encrypted_extensions"]);
  transcript.update(c["certificate"]);
  transcript.update(c["certificate_verify"]);
  const Digest hash_ch_cv = transcript.digest();
  transcript.update(c["server_finished_message"]);
  const Digest hash_ch_sf = transcript.digest();
  CHECK(to_hex(hash_ch_sf) == to_hex(c["transcript_hash_ch_sf"]));
  transcript.update(c["client_finished_message"]);
  CHECK(to_hex(transcript.digest()) == to_hex(c["transcript_hash_ch_cf"]));

  // RFC 8446 §7.1 key schedule.
  const Bytes zeros(hash_len, 0);
  Secret early = hkdf_extract(kHash, {}, zeros);  // no PSK: IKM = HashLen zeros, salt = 0
  CHECK(to_hex(early) == to_hex(c["early_secret"]));
  Secret derived1 = derive_secret(early, "derived", c["empty_hash"]);
  CHECK(to_hex(derived1) == to_hex(c["derived_for_handshake"]));
  Secret handshake = hkdf_extract(kHash, derived1, c["ecdhe_shared_secret"]);
  CHECK(to_hex(handshake) == to_hex(c["handshake_secret"]));
  Secret c_hs = derive_secret(handshake, "c hs traffic", hash_ch_sh);
  Secret s_hs = derive_secret(handshake, "s hs traffic", hash_ch_sh);
  CHECK(to_hex(c_hs) == to_hex(c["client_handshake_traffic_secret"]));
  CHECK(to_hex(s_hs) == to_hex(c["server_handshake_traffic_secret"]));
  Secret derived2 = derive_secret(handshake, "derived", c["empty_hash"]);
  CHECK(to_hex(derived2) == to_hex(c["derived_for_master"]));
  Secret master = hkdf_extract(kHash, derived2, zeros);
  CHECK(to_hex(master) == to_hex(c["master_secret"]));
  Secret c_ap = derive_secret(master, "c ap traffic", hash_ch_sf);
  Secret s_ap = derive_secret(master, "s ap traffic", hash_ch_sf);
  CHECK(to_hex(c_ap) == to_hex(c["client_application_traffic_secret"]));
  CHECK(to_hex(s_ap) == to_hex(c["server_application_traffic_secret"]));
  CHECK(to_hex(derive_secret(master, "exp master", hash_ch_sf)) == to_hex(c["exporter_master_secret"]));
  CHECK(to_hex(derive_secret(master, "res master", c["transcript_hash_ch_cf"])) ==
        to_hex(c["resumption_master_secret"]));

  // RFC 8446 §7.3 traffic keys (TLS_AES_128_GCM_SHA256: 16-byte key, 12-byte iv).
  CHECK(to_hex(expand_label(s_hs, "key", {}, 16)) == to_hex(c["server_handshake_key"]));
  CHECK(to_hex(expand_label(s_hs, "iv", {}, 12)) == to_hex(c["server_handshake_iv"]));
  CHECK(to_hex(expand_label(c_hs, "key", {}, 16)) == to_hex(c["client_handshake_key"]));
  CHECK(to_hex(expand_label(c_hs, "iv", {}, 12)) == to_hex(c["client_handshake_iv"]));
  CHECK(to_hex(expand_label(s_ap, "key", {}, 16)) == to_hex(c["server_application_key"]));
  CHECK(to_hex(expand_label(s_ap, "iv", {}, 12)) == to_hex(c["server_application_iv"]));
  CHECK(to_hex(expand_label(c_ap, "key", {}, 16)) == to_hex(c["client_application_key"]));
  CHECK(to_hex(expand_label(c_ap, "iv", {}, 12)) == to_hex(c["client_application_iv"]));

  // RFC 8446 §4.4.4 Finished: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length),
  // verify_data = HMAC(finished_key, Transcript-Hash(...)).
  Secret s_fin = expand_label(s_hs, "finished", {}, hash_len);
  CHECK(to_hex(s_fin) == to_hex(c["server_finished_key"]));
  CHECK(to_hex(hmac(kHash, s_fin, hash_ch_cv)) == to_hex(c["server_finished_verify_data"]));
  Secret c_fin = expand_label(c_hs, "finished", {}, hash_len);
  CHECK(to_hex(c_fin) == to_hex(c["client_finished_key"]));
  CHECK(to_hex(hmac(kHash, c_fin, hash_ch_sf)) == to_hex(c["client_finished_verify_data"]));
  // The Finished messages carry exactly that verify_data (type 20, length 32).
  CHECK(to_hex(c["server_finished_message"]) == "14000020" + to_hex(c["server_finished_verify_data"]));
  CHECK(to_hex(c["client_finished_message"]) == "14000020" + to_hex(c["client_finished_verify_data"]));

  check_fully_used(c);
}
