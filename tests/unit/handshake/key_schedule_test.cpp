// Transcript and key schedule against the RFC 8448 secrets (§3 full handshake, §4 binder and
// resumption PSK, §5 HelloRetryRequest transcript restart).
#include "crypto/key_exchange.hpp"
#include "handshake/key_schedule_13.hpp"
#include "handshake/transcript.hpp"
#include "test_support.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {
std::string h(ByteView b) { return to_hex(b); }

Secret shared_secret(const VectorFile& v, const char* priv, const char* peer_pub, NamedGroup g) {
  auto kx = KeyExchange::from_private(g, v[priv]);
  REQUIRE(kx.ok());
  auto s = (*kx)->derive(v[peer_pub]);
  REQUIRE(s.ok());
  return *s;
}
}  // namespace

TEST_CASE("key schedule: RFC 8448 §3 simple 1-RTT") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  const auto alg = HashAlgorithm::sha256;
  auto suite = *tls13_suite(CipherSuite::TLS_AES_128_GCM_SHA256);

  EarlySecret early = EarlySecret::derive(alg, {});
  CHECK(h(early.secret()) == h(v["early_secret"]));

  Transcript t(alg);
  t.add(v["client_hello"]);
  t.add(v["server_hello"]);
  Digest hello_hash = t.hash();

  Secret dhe = shared_secret(v, "client_x25519_private", "server_x25519_public", NamedGroup::x25519);
  auto hs = std::move(early).into_handshake(dhe);
  REQUIRE(hs.ok());
  CHECK(h(hs->secret()) == h(v["handshake_secret"]));
  auto c_hs = hs->client_handshake_traffic_secret(hello_hash);
  auto s_hs = hs->server_handshake_traffic_secret(hello_hash);
  CHECK(h(*c_hs) == h(v["c_hs_traffic"]));
  CHECK(h(*s_hs) == h(v["s_hs_traffic"]));
  auto s_hs_keys = traffic_keys(suite, *s_hs);
  REQUIRE(s_hs_keys.ok());
  CHECK(h(s_hs_keys->key) == h(v["s_hs_key"]));
  CHECK(h(s_hs_keys->iv) == h(v["s_hs_iv"]));

  t.add(v["encrypted_extensions"]);
  t.add(v["server_certificate"]);
  t.add(v["server_certificate_verify"]);
  CHECK(h(*finished_key(alg, *s_hs)) == h(v["server_finished_key"]));
  CHECK(h(*finished_verify_data(alg, *s_hs, t.hash())) == h(v["server_finished_verify_data"]));
  t.add(v["server_finished"]);
  Digest server_fin_hash = t.hash();

  auto ms = std::move(*hs).into_master();
  REQUIRE(ms.ok());
  CHECK(h(ms->secret()) == h(v["master_secret"]));
  CHECK(h(*ms->client_application_traffic_secret_0(server_fin_hash)) == h(v["c_ap_traffic"]));
  CHECK(h(*ms->server_application_traffic_secret_0(server_fin_hash)) == h(v["s_ap_traffic"]));
  CHECK(h(*ms->exporter_master_secret(server_fin_hash)) == h(v["exp_master"]));
  CHECK(h(*finished_verify_data(alg, *c_hs, server_fin_hash)) == h(v["client_finished_verify_data"]));
  t.add(v["client_finished"]);
  auto rms = ms->resumption_master_secret(t.hash());
  CHECK(h(*rms) == h(v["res_master"]));
  // The ticket of §3 has nonce 00 00.
  CHECK(h(*resumption_psk(alg, *rms, hex("0000"))) == h(v["resumption_psk"]));
  auto c_ap_keys = traffic_keys(suite, *ms->client_application_traffic_secret_0(server_fin_hash));
  CHECK(h(c_ap_keys->key) == h(v["c_ap_key"]));
  CHECK(h(c_ap_keys->iv) == h(v["c_ap_iv"]));
}

TEST_CASE("key schedule: RFC 8448 §4 binder and early secrets") {
  VectorFile v3("rfc8448/sec3_handshake_messages.txt");
  VectorFile v("rfc8448/sec4_handshake_messages.txt");
  const auto alg = HashAlgorithm::sha256;
  EarlySecret early = EarlySecret::derive(alg, v3["resumption_psk"]);
  CHECK(h(early.secret()) == h(v["early_secret"]));
  auto binder_key = early.binder_key(true);
  REQUIRE(binder_key.ok());
  CHECK(h(*finished_key(alg, *binder_key)) == h(v["binder_finished_key"]));
  Transcript t(alg);
  Digest partial = t.hash_with(v["binder_truncated_client_hello"]);
  CHECK(h(*finished_verify_data(alg, *binder_key, partial)) == h(v["binder"]));
  t.add(v["client_hello"]);
  CHECK(h(*early.client_early_traffic_secret(t.hash())) == h(v["c_e_traffic"]));
  CHECK(h(*early.early_exporter_master_secret(t.hash())) == h(v["e_exp_master"]));
}

TEST_CASE("transcript: RFC 8448 §5 HelloRetryRequest restart") {
  VectorFile v("rfc8448/sec5_handshake_messages.txt");
  const auto alg = HashAlgorithm::sha256;
  PendingTranscript pending;
  pending.add(v["client_hello"]);
  Transcript t = pending.select(alg);
  t.restart_for_hrr();
  t.add(v["hello_retry_request"]);
  t.add(v["client_hello_2"]);
  t.add(v["server_hello"]);
  Secret dhe = shared_secret(v, "client_p256_private", "server_p256_public", NamedGroup::secp256r1);
  auto hs = EarlySecret::derive(alg, {}).into_handshake(dhe);
  REQUIRE(hs.ok());
  CHECK(h(hs->secret()) == h(v["handshake_secret"]));
  CHECK(h(*hs->client_handshake_traffic_secret(t.hash())) == h(v["c_hs_traffic"]));
  CHECK(h(*hs->server_handshake_traffic_secret(t.hash())) == h(v["s_hs_traffic"]));
}

TEST_CASE("key update and exporter derivations are deterministic and distinct") {
  const auto alg = HashAlgorithm::sha384;
  Secret s0(Bytes(48, 7));
  auto s1 = next_application_traffic_secret(alg, s0);
  REQUIRE(s1.ok());
  CHECK(s1->size() == 48);
  CHECK_FALSE(*s1 == s0);
  auto e1 = export_keying_material(alg, s0, "EXPORTER-test", hex("01"), 20);
  auto e2 = export_keying_material(alg, s0, "EXPORTER-test", hex("02"), 20);
  REQUIRE(e1.ok());
  CHECK(e1->size() == 20);
  CHECK_FALSE(*e1 == *e2);
}
