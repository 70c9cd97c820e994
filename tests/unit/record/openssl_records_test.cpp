// Records from real OpenSSL sessions (vectors/tls12, vectors/tls13; each file says how it was
// captured): decrypted and re-encrypted byte for byte. The key material in the files was
// derived outside tlsock; the TLS 1.2 key block is also re-derived here with prf_12.
#include <doctest/doctest.h>

#include <cstring>

#include "crypto/prf_12.hpp"
#include "record/record_protector.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

HashAlgorithm hash_named(const std::string& n) {
  if (n == "sha256") return HashAlgorithm::sha256;
  REQUIRE(n == "sha384");
  return HashAlgorithm::sha384;
}

// Deframes `record`, opens it with `reader`, checks type and plaintext.
void check_open(RecordProtector& reader, RecordVersion version, const Bytes& record,
                ContentType type, const Bytes& plaintext) {
  RecordDeframer d;
  d.set_version(version);
  d.set_max_body_length(version == RecordVersion::tls13 ? kMaxCiphertextLength13
                                                        : kMaxCiphertextLength12);
  REQUIRE(d.feed(record) == record.size());
  auto view = d.next();
  REQUIRE(view.ok());
  REQUIRE(view->has_value());
  auto opened = reader.open(**view);
  REQUIRE(opened.ok());
  CHECK(opened->type == type);
  CHECK(to_hex(Bytes(opened->content.begin(), opened->content.end())) == to_hex(plaintext));
  CHECK(d.at_record_boundary());
}

Bytes reseal(RecordProtector& writer, ContentType type, const Bytes& plaintext) {
  Bytes out(writer.sealed_length(plaintext.size()));
  std::memcpy(out.data() + writer.content_offset(), plaintext.data(), plaintext.size());
  auto n = writer.seal(type, out, plaintext.size());
  REQUIRE(n.ok());
  REQUIRE(*n == out.size());
  return out;
}

void replay_12(const char* file, AeadAlgorithm alg) {
  VectorFile f = load_vectors(file);
  REQUIRE(f.cases.size() == 7);
  CHECK(f.comments[0].find("TLS 1.2") != std::string::npos);
  const VectorCase& kb = f.cases[0];
  REQUIRE(kb.at("name") == "key block");
  // RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random +
  // client_random), cut into client key, server key, client IV, server IV.
  size_t key_len = aead_key_length(alg), iv_len = fixed_iv_length_12(alg);
  Bytes seed = hex_field(kb, "server_random");
  Bytes client_random = hex_field(kb, "client_random");
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  Secret block = prf_12(hash_named(kb.at("prf_hash")), hex_field(kb, "master_secret"),
                        "key expansion", seed, 2 * key_len + 2 * iv_len);
  ByteView b = block.view();
  CHECK(to_hex(b.subspan(0, key_len)) == kb.at("client_write_key"));
  CHECK(to_hex(b.subspan(key_len, key_len)) == kb.at("server_write_key"));
  CHECK(to_hex(b.subspan(2 * key_len, iv_len)) == kb.at("client_write_iv"));
  CHECK(to_hex(b.subspan(2 * key_len + iv_len, iv_len)) == kb.at("server_write_iv"));

  size_t seen = 0;
  for (size_t i = 1; i < f.cases.size(); ++i) {
    const VectorCase& c = f.cases[i];
    CAPTURE(c.at("name"));
    Bytes key = hex_field(c, "key"), iv = hex_field(c, "iv");
    CHECK(c.at("key") == kb.at(c.at("direction") + "_write_key"));
    CHECK(c.at("iv") == kb.at(c.at("direction") + "_write_iv"));
    uint64_t seq = uint_field(c, "sequence");
    auto type = static_cast<ContentType>(uint_field(c, "type"));
    Bytes record = hex_field(c, "record"), plaintext = hex_field(c, "plaintext");

    auto reader = RecordProtector::create_12(alg, key, iv);
    REQUIRE(reader.ok());
    REQUIRE(reader->advance_sequence_to(seq).ok());
    check_open(*reader, RecordVersion::tls12, record, type, plaintext);

    auto writer = RecordProtector::create_12(alg, key, iv);
    REQUIRE(writer.ok());
    REQUIRE(writer->advance_sequence_to(seq).ok());
    if (c.count("explicit_nonce_start")) {
      Bytes start = hex_field(c, "explicit_nonce_start");
      REQUIRE(start.size() == 8);
      uint64_t first = 0;
      for (uint8_t x : start) first = (first << 8) | x;
      REQUIRE(writer->set_explicit_nonce_start_12(first).ok());
    } else {
      CHECK(!writer->set_explicit_nonce_start_12(1).ok());
    }
    CHECK(to_hex(reseal(*writer, type, plaintext)) == to_hex(record));
    ++seen;
  }
  CHECK(seen == 6);
}

void replay_13(const char* file, AeadAlgorithm alg, HashAlgorithm hash) {
  VectorFile f = load_vectors(file);
  REQUIRE(f.cases.size() == 11);
  CHECK(f.comments[0].find("TLS 1.3") != std::string::npos);
  for (const VectorCase& c : f.cases) {
    CAPTURE(c.at("name"));
    Bytes key = hex_field(c, "key"), iv = hex_field(c, "iv"), secret = hex_field(c, "secret");
    uint64_t seq = uint_field(c, "sequence");
    auto type = static_cast<ContentType>(uint_field(c, "type"));
    Bytes record = hex_field(c, "record"), plaintext = hex_field(c, "plaintext");
    auto reader = RecordProtector::from_traffic_secret_13(alg, hash, secret);
    REQUIRE(reader.ok());
    REQUIRE(reader->advance_sequence_to(seq).ok());
    check_open(*reader, RecordVersion::tls13, record, type, plaintext);
    auto writer = RecordProtector::create_13(alg, key, iv);
    REQUIRE(writer.ok());
    REQUIRE(writer->advance_sequence_to(seq).ok());
    CHECK(to_hex(reseal(*writer, type, plaintext)) == to_hex(record));
  }
}

}  // namespace

TEST_CASE("OpenSSL TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256 records, byte for byte") {
  replay_12("tls12/ecdhe_ecdsa_aes128_gcm_sha256.txt", AeadAlgorithm::aes_128_gcm);
}
TEST_CASE("OpenSSL TLS 1.2 ECDHE-ECDSA-AES256-GCM-SHA384 records, byte for byte") {
  replay_12("tls12/ecdhe_ecdsa_aes256_gcm_sha384.txt", AeadAlgorithm::aes_256_gcm);
}
TEST_CASE("OpenSSL TLS 1.2 ECDHE-ECDSA-CHACHA20-POLY1305 records, byte for byte") {
  replay_12("tls12/ecdhe_ecdsa_chacha20_poly1305.txt", AeadAlgorithm::chacha20_poly1305);
}
TEST_CASE("OpenSSL TLS 1.3 TLS_CHACHA20_POLY1305_SHA256 records, byte for byte") {
  replay_13("tls13/openssl_chacha20_poly1305_sha256_records.txt", AeadAlgorithm::chacha20_poly1305,
            HashAlgorithm::sha256);
}
TEST_CASE("OpenSSL TLS 1.3 TLS_AES_256_GCM_SHA384 records, byte for byte") {
  replay_13("tls13/openssl_aes_256_gcm_sha384_records.txt", AeadAlgorithm::aes_256_gcm,
            HashAlgorithm::sha384);
}
