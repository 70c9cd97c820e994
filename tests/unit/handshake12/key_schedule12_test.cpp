// TLS 1.2 key schedule against bytes made outside tlsock: a real OpenSSL session
// (vectors/tls12_handshake/openssl_*.txt: Finished, exporter, key block) and values computed by
// hand with Python's hmac (hand_computed_prf.txt: EMS, master secret, key blocks, exporters).
#include "handshake/handshake_util_12.hpp"
#include "handshake/key_schedule_12.hpp"
#include "unit/handshake/test_support.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {
const char* kOpenssl = "tls12_handshake/openssl_ecdhe_ecdsa_aes128_gcm_sha256.txt";
const char* kHand = "tls12_handshake/hand_computed_prf.txt";
ByteView v(const Secret& s) { return s.view(); }
}  // namespace

TEST_CASE("1.2 key schedule: OpenSSL session Finished, key block, exporter") {
  VectorFile f(kOpenssl);
  const auto& ms = f["master_secret"];
  CHECK(verify_data_12(HashAlgorithm::sha256, ms, FinishedSender::client, f["client_finished_hash"]) ==
        f["client_verify_data"]);
  CHECK(verify_data_12(HashAlgorithm::sha256, ms, FinishedSender::server, f["server_finished_hash"]) ==
        f["server_verify_data"]);
  auto suite = tls12_suite(CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
  REQUIRE(suite);
  KeyBlock12 kb = key_block_12(*suite, ms, f["client_random"], f["server_random"]);
  Bytes joined;
  for (const Secret* s : {&kb.client_write_key, &kb.server_write_key, &kb.client_write_iv, &kb.server_write_iv}) {
    joined.insert(joined.end(), v(*s).begin(), v(*s).end());
  }
  CHECK(joined == f["key_block"]);
  CHECK(kb.client_write_iv.size() == 4);  // RFC 5288 §3 salt
  const auto& label = f["exporter_label"];
  auto out = export_keying_material_12(HashAlgorithm::sha256, ms, f["client_random"], f["server_random"],
                                       as_chars(label), std::nullopt, 32);
  REQUIRE(out.ok());
  CHECK(Bytes(v(*out).begin(), v(*out).end()) == f["exporter_output"]);
}

TEST_CASE("1.2 key schedule: the OpenSSL transcript hashes as tlsock hashes it") {
  VectorFile f(kOpenssl);
  PendingTranscript t;
  // ClientHello .. ClientKeyExchange: the session hash (RFC 7627 §3).
  for (const char* n : {"msg00_client_ClientHello", "msg01_server_ServerHello", "msg02_server_Certificate",
                        "msg03_server_ServerKeyExchange", "msg04_server_ServerHelloDone",
                        "msg05_client_ClientKeyExchange"}) {
    t.add(f[n]);
  }
  auto suite = *tls12_suite(CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
  Digest d = transcript_hash_12(suite, t);
  CHECK(Bytes(d.view().begin(), d.view().end()) == f["session_hash"]);
  auto fin = make_finished_12(suite, f["master_secret"], FinishedSender::client, t);
  REQUIRE(fin.ok());
  CHECK(fin->message == f["msg06_client_Finished"]);
  // And the check side accepts OpenSSL's Finished and refuses one flipped bit (decrypt_error).
  ByteView body = ByteView(f["msg06_client_Finished"]).subspan(4);
  CHECK(check_finished_12(suite, f["master_secret"], FinishedSender::client, t, body).ok());
  Bytes bad(body.begin(), body.end());
  bad[5] ^= 0x40;
  CHECK_ALERT(check_finished_12(suite, f["master_secret"], FinishedSender::client, t, bad),
              AlertDescription::decrypt_error);
  CHECK_ALERT(check_finished_12(suite, f["master_secret"], FinishedSender::client, t, ByteView(bad).first(11)),
              AlertDescription::decode_error);
}

TEST_CASE("1.2 key schedule: EMS, master secret, key blocks and exporters computed by hand") {
  VectorFile f(kHand);
  Secret ems = extended_master_secret_12(HashAlgorithm::sha256, f["pre_master_secret"], f["session_hash"]);
  CHECK(Bytes(v(ems).begin(), v(ems).end()) == f["extended_master_secret_sha256"]);
  Secret ms = master_secret_12(HashAlgorithm::sha256, f["pre_master_secret"], f["client_random"], f["server_random"]);
  CHECK(Bytes(v(ms).begin(), v(ms).end()) == f["master_secret_sha256"]);
  Secret ems384 = extended_master_secret_12(HashAlgorithm::sha384, f["pre_master_secret_384"], f["session_hash_384"]);
  CHECK(Bytes(v(ems384).begin(), v(ems384).end()) == f["extended_master_secret_sha384"]);

  auto join = [](const KeyBlock12& kb) {
    Bytes out;
    for (const Secret* s : {&kb.client_write_key, &kb.server_write_key, &kb.client_write_iv, &kb.server_write_iv}) {
      out.insert(out.end(), s->view().begin(), s->view().end());
    }
    return out;
  };
  auto aes256 = *tls12_suite(CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
  CHECK(join(key_block_12(aes256, ems384, f["client_random"], f["server_random"])) == f["key_block_aes256_sha384"]);
  auto chacha = *tls12_suite(CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
  Secret ems256 = extended_master_secret_12(HashAlgorithm::sha256, f["pre_master_secret"], f["session_hash"]);
  KeyBlock12 kb = key_block_12(chacha, ems256, f["client_random"], f["server_random"]);
  CHECK(kb.client_write_iv.size() == 12);  // RFC 7905 §2
  CHECK(join(kb) == f["key_block_chacha_sha256"]);

  const Bytes abc = {'a', 'b', 'c'};
  auto exp = [&](std::optional<ByteView> ctx) {
    auto r = export_keying_material_12(HashAlgorithm::sha256, ems256, f["client_random"], f["server_random"],
                                       "EXPORTER-tlsock", ctx, 20);
    REQUIRE(r.ok());
    return Bytes(v(*r).begin(), v(*r).end());
  };
  CHECK(exp(ByteView(abc)) == f["exporter_with_context_sha256"]);
  CHECK(exp(ByteView()) == f["exporter_empty_context_sha256"]);  // empty context != no context
  CHECK(exp(std::nullopt) == f["exporter_no_context_sha256"]);
}

TEST_CASE("1.2 key schedule: reserved exporter labels and the key log line") {
  Bytes ms(48, 1), r(32, 2);
  for (const char* label : {"client finished", "server finished", "master secret", "key expansion",
                            "extended master secret"}) {
    CAPTURE(label);
    auto e = export_keying_material_12(HashAlgorithm::sha256, ms, r, r, label, std::nullopt, 16);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().kind == ErrorKind::config);
  }
  CHECK(key_log_line_12(Bytes{0xab, 0x01}, Bytes{0xcd}) == "CLIENT_RANDOM ab01 cd");
}
