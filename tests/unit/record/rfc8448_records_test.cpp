// RFC 8448 record replay: every record of the §3 and §7 traces is decrypted from the RFC's
// bytes and re-encrypted to exactly those bytes.
#include <doctest/doctest.h>

#include <cstring>

#include "record/record_layer.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

void replay(const VectorFile& file, size_t expected_protected, size_t expected_plain) {
  size_t protected_seen = 0, plain_seen = 0;
  for (const VectorCase& c : file.cases) {
    CAPTURE(c.at("name"));
    Bytes record = hex_field(c, "record");
    Bytes plaintext = hex_field(c, "plaintext");
    auto type = static_cast<ContentType>(uint_field(c, "type"));
    if (!c.count("key")) {
      // Unprotected: the deframer yields exactly the payload.
      RecordDeframer d;
      REQUIRE(d.feed(record) == record.size());
      auto r = d.next();
      REQUIRE(r.ok());
      REQUIRE(r->has_value());
      CHECK((*r)->type == type);
      CHECK(Bytes((*r)->body.begin(), (*r)->body.end()) == plaintext);
      CHECK(d.at_record_boundary());
      ++plain_seen;
      continue;
    }
    Bytes key = hex_field(c, "key"), iv = hex_field(c, "iv"), secret = hex_field(c, "secret");
    uint64_t seq = uint_field(c, "sequence");

    // Decrypt, through the deframer, in place.
    auto reader = RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, key, iv);
    REQUIRE(reader.ok());
    REQUIRE(reader->advance_sequence_to(seq).ok());
    RecordDeframer d;
    d.set_version(RecordVersion::tls13);
    d.set_max_body_length(kMaxCiphertextLength13);
    REQUIRE(d.feed(record) == record.size());
    auto view = d.next();
    REQUIRE(view.ok());
    REQUIRE(view->has_value());
    auto opened = reader->open(**view);
    REQUIRE(opened.ok());
    CHECK(opened->type == type);
    CHECK(Bytes(opened->content.begin(), opened->content.end()) == plaintext);
    CHECK(reader->sequence_number() == seq + 1);

    // Re-encrypt, with the key/iv given and with the key/iv derived from the traffic secret.
    for (bool from_secret : {false, true}) {
      CAPTURE(from_secret);
      auto writer = from_secret ? RecordProtector::from_traffic_secret_13(
                                      AeadAlgorithm::aes_128_gcm, HashAlgorithm::sha256, secret)
                                : RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, key, iv);
      REQUIRE(writer.ok());
      REQUIRE(writer->advance_sequence_to(seq).ok());
      Bytes out(writer->sealed_length(plaintext.size()));
      std::memcpy(out.data() + writer->content_offset(), plaintext.data(), plaintext.size());
      auto n = writer->seal(type, out, plaintext.size());
      REQUIRE(n.ok());
      CHECK(to_hex(out) == to_hex(record));
    }
    ++protected_seen;
  }
  CHECK(protected_seen == expected_protected);
  CHECK(plain_seen == expected_plain);
}

}  // namespace

TEST_CASE("RFC 8448 §3 (Simple 1-RTT Handshake): every record, byte for byte") {
  VectorFile f = load_vectors("rfc8448/sec3_records.txt");
  REQUIRE(!f.comments.empty());
  CHECK(f.comments[0].find("RFC 8448 §3") != std::string::npos);
  replay(f, 7, 2);
}

TEST_CASE("RFC 8448 §7 (Compatibility Mode): every record, byte for byte") {
  VectorFile f = load_vectors("rfc8448/sec7_records.txt");
  REQUIRE(!f.comments.empty());
  CHECK(f.comments[0].find("RFC 8448 §7") != std::string::npos);
  replay(f, 4, 4);
}

TEST_CASE("RFC 8448 §7: the client reads the server's flight through the RecordLayer") {
  // ServerHello (plaintext), the compatibility ChangeCipherSpec, then the protected flight,
  // fed one byte at a time. The engine's part (install keys after ServerHello, open the CCS
  // window) is played by the test.
  VectorFile f = load_vectors("rfc8448/sec7_records.txt");
  const VectorCase* sh = nullptr;
  const VectorCase* ccs = nullptr;
  const VectorCase* flight = nullptr;
  for (const VectorCase& c : f.cases) {
    if (c.at("name").rfind("server ServerHello", 0) == 0) sh = &c;
    if (c.at("name").rfind("server ChangeCipherSpec", 0) == 0) ccs = &c;
    if (c.at("name").rfind("server handshake flight", 0) == 0) flight = &c;
  }
  REQUIRE((sh && ccs && flight));
  Bytes stream = hex_field(*sh, "record");
  Bytes b = hex_field(*ccs, "record"), c = hex_field(*flight, "record");
  stream.insert(stream.end(), b.begin(), b.end());
  stream.insert(stream.end(), c.begin(), c.end());

  RecordLayer layer;
  layer.set_compat_ccs_allowed(true);  // the client sent its ClientHello
  std::vector<std::pair<ContentType, Bytes>> got;
  for (uint8_t byte : stream) {
    REQUIRE(layer.feed(ByteView(&byte, 1)) == 1);
    auto r = layer.read();
    REQUIRE(r.ok());
    if (!r->has_value()) continue;
    got.emplace_back((*r)->type, Bytes((*r)->content.begin(), (*r)->content.end()));
    if (got.size() == 1) {
      // ServerHello processed: TLS 1.3 with the server handshake keys.
      layer.set_version(RecordVersion::tls13);
      auto keys = RecordProtector::from_traffic_secret_13(
          AeadAlgorithm::aes_128_gcm, HashAlgorithm::sha256, hex_field(*flight, "secret"));
      REQUIRE(keys.ok());
      layer.install_read_protector(std::move(keys).value());
    }
  }
  REQUIRE(got.size() == 2);
  CHECK(got[0].second == hex_field(*sh, "plaintext"));
  CHECK(got[1].first == ContentType::handshake);
  CHECK(got[1].second == hex_field(*flight, "plaintext"));
}
