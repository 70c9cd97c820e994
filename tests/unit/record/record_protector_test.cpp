#include <doctest/doctest.h>

#include <cstring>

#include "record/record_protector.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

struct Suite {
  const char* name;
  RecordVersion version;
  AeadAlgorithm alg;
};

const Suite kSuites[] = {
    {"1.3 AES-128-GCM", RecordVersion::tls13, AeadAlgorithm::aes_128_gcm},
    {"1.3 AES-256-GCM", RecordVersion::tls13, AeadAlgorithm::aes_256_gcm},
    {"1.3 ChaCha20-Poly1305", RecordVersion::tls13, AeadAlgorithm::chacha20_poly1305},
    {"1.2 AES-128-GCM", RecordVersion::tls12, AeadAlgorithm::aes_128_gcm},
    {"1.2 AES-256-GCM", RecordVersion::tls12, AeadAlgorithm::aes_256_gcm},
    {"1.2 ChaCha20-Poly1305", RecordVersion::tls12, AeadAlgorithm::chacha20_poly1305},
};

RecordProtector make(const Suite& s, uint8_t seed = 1) {
  Bytes key(aead_key_length(s.alg));
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(seed + i);
  size_t iv_len = s.version == RecordVersion::tls13 ? 12 : fixed_iv_length_12(s.alg);
  Bytes iv(iv_len);
  for (size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<uint8_t>(0xa0 + seed + i);
  auto p = s.version == RecordVersion::tls13 ? RecordProtector::create_13(s.alg, key, iv)
                                             : RecordProtector::create_12(s.alg, key, iv);
  REQUIRE(p.ok());
  return std::move(p).value();
}

// Seals `content` as one record of `type`; returns the record bytes.
Bytes seal(RecordProtector& p, ContentType type, ByteView content, size_t padding = 0) {
  Bytes record(p.sealed_length(content.size(), padding));
  std::memcpy(record.data() + p.content_offset(), content.data(), content.size());
  auto n = p.seal(type, record, content.size(), padding);
  REQUIRE(n.ok());
  REQUIRE(*n == record.size());
  return record;
}

Result<OpenedRecord> open(RecordProtector& p, Bytes& record) {
  return p.open(ByteView(record).first(kRecordHeaderLength),
                MutableByteView(record).subspan(kRecordHeaderLength));
}

}  // namespace

TEST_CASE("protector: seal/open round trip for every suite, sequence numbers advance") {
  for (const Suite& s : kSuites) {
    CAPTURE(s.name);
    RecordProtector w = make(s), r = make(s);
    for (int i = 0; i < 3; ++i) {
      Bytes content(100 + i, static_cast<uint8_t>(i));
      Bytes record = seal(w, ContentType::handshake, content);
      CHECK(record[0] == (s.version == RecordVersion::tls13 ? 23 : 22));
      CHECK(record[1] == 0x03);
      CHECK(record[2] == 0x03);
      size_t body = (size_t{record[3]} << 8) | record[4];
      CHECK(body + kRecordHeaderLength == record.size());
      auto o = open(r, record);
      REQUIRE(o.ok());
      CHECK(o->type == ContentType::handshake);
      CHECK(Bytes(o->content.begin(), o->content.end()) == content);
    }
    CHECK(w.sequence_number() == 3);
    CHECK(r.sequence_number() == 3);
  }
}

TEST_CASE("protector: TLS 1.2 AES-GCM carries the sequence number as explicit nonce") {
  RecordProtector w = make(kSuites[3]);
  REQUIRE(w.advance_sequence_to(0x0000000001020304ull).ok());
  Bytes record = seal(w, ContentType::application_data, hex("aabbcc"));
  CHECK(Bytes(record.begin() + 5, record.begin() + 13) == hex("0000000001020304"));
  CHECK(record.size() == 5 + 8 + 3 + 16);
  RecordProtector chacha = make(kSuites[5]);
  CHECK(seal(chacha, ContentType::application_data, hex("aabbcc")).size() == 5 + 3 + 16);
}

TEST_CASE("protector: a changed byte anywhere is bad_record_mac") {
  for (const Suite& s : kSuites) {
    CAPTURE(s.name);
    RecordProtector w = make(s);
    Bytes good = seal(w, ContentType::application_data, Bytes(64, 0x42));
    // Every body byte, and the length/type bytes that feed the AAD.
    for (size_t i = 0; i < good.size(); ++i) {
      if (i == 3 || i == 4) continue;  // length: changes the framing, tested below
      if (s.version == RecordVersion::tls13 && i == 0) continue;  // outer type: tested below
      if (i == 1 || i == 2) continue;  // version: the deframer's business (1.2), AAD in 1.3
      Bytes bad = good;
      bad[i] ^= 0x01;
      RecordProtector r = make(s);
      auto o = open(r, bad);
      CAPTURE(i);
      CHECK(alert_of(o) == AlertDescription::bad_record_mac);
      CHECK(o.error().kind == ErrorKind::crypto);
    }
    if (s.version == RecordVersion::tls13) {
      // The version bytes are AAD in 1.3.
      Bytes bad = good;
      bad[2] ^= 0x01;
      RecordProtector r = make(s);
      CHECK(alert_of(open(r, bad)) == AlertDescription::bad_record_mac);
    }
    // Wrong key.
    RecordProtector other = make(s, 9);
    Bytes copy = good;
    CHECK(alert_of(open(other, copy)) == AlertDescription::bad_record_mac);
    // Wrong sequence number (a replayed or reordered record).
    RecordProtector late = make(s);
    REQUIRE(late.advance_sequence_to(1).ok());
    copy = good;
    // 1.3 and ChaCha20: the nonce changes; 1.2 AES-GCM: seq_num is in the AAD.
    CHECK(alert_of(open(late, copy)) == AlertDescription::bad_record_mac);
  }
}

TEST_CASE("protector: records shorter than the AEAD overhead are bad_record_mac") {
  for (const Suite& s : kSuites) {
    CAPTURE(s.name);
    size_t min = s.version == RecordVersion::tls12 && s.alg != AeadAlgorithm::chacha20_poly1305
                     ? 24 : 16;
    for (size_t len : {size_t{0}, size_t{1}, min - 1}) {
      Bytes rec(5 + len, 0);
      rec[0] = 23;
      rec[1] = rec[2] = 3;
      rec[4] = static_cast<uint8_t>(len);
      RecordProtector r = make(s);
      CHECK(alert_of(open(r, rec)) == AlertDescription::bad_record_mac);
    }
  }
}

TEST_CASE("protector 1.3: inner plaintext rules (RFC 8446 §5.2, §5.4)") {
  const Suite& s = kSuites[0];
  Bytes key(16, 1), iv(12, 2);
  auto raw = Aead::create(s.alg, key);
  REQUIRE(raw.ok());
  // Builds a record whose inner plaintext is exactly `inner`, with the raw AEAD.
  auto craft = [&](ByteView inner, uint64_t seq = 0) {
    Bytes rec(5 + inner.size() + 16);
    rec[0] = 23;
    rec[1] = rec[2] = 3;
    rec[3] = static_cast<uint8_t>((inner.size() + 16) >> 8);
    rec[4] = static_cast<uint8_t>(inner.size() + 16);
    std::copy(inner.begin(), inner.end(), rec.begin() + 5);
    Bytes nonce = iv;
    for (int i = 0; i < 8; ++i) nonce[11 - i] ^= static_cast<uint8_t>(seq >> (8 * i));
    REQUIRE((*raw)->seal(nonce, ByteView(rec).first(5), MutableByteView(rec).subspan(5),
                         inner.size()).ok());
    return rec;
  };
  auto protector = [&] { return std::move(RecordProtector::create_13(s.alg, key, iv)).value(); };

  SUBCASE("padding is stripped") {
    Bytes rec = craft(hex("68656c6c6f 17 000000000000"));
    RecordProtector r = protector();
    auto o = open(r, rec);
    REQUIRE(o.ok());
    CHECK(o->type == ContentType::application_data);
    CHECK(Bytes(o->content.begin(), o->content.end()) == hex("68656c6c6f"));
  }
  SUBCASE("an all-zero inner plaintext is unexpected_message") {
    for (size_t n : {size_t{0}, size_t{1}, size_t{300}}) {
      Bytes rec = craft(Bytes(n, 0));
      RecordProtector r = protector();
      CHECK(alert_of(open(r, rec)) == AlertDescription::unexpected_message);
    }
  }
  SUBCASE("inner type change_cipher_spec or unknown is unexpected_message") {
    for (const char* h : {"01 14", "01 18", "01 ff", "01 00 14 00"}) {
      Bytes rec = craft(hex(h));
      RecordProtector r = protector();
      CAPTURE(h);
      CHECK(alert_of(open(r, rec)) == AlertDescription::unexpected_message);
    }
  }
  SUBCASE("an empty content with a type is fine (the layer decides what empty means)") {
    Bytes rec = craft(hex("17"));
    RecordProtector r = protector();
    auto o = open(r, rec);
    REQUIRE(o.ok());
    CHECK(o->content.empty());
  }
  SUBCASE("inner plaintext over 2^14 + 1 is record_overflow") {
    Bytes inner(kMaxInnerPlaintextLength13 + 1, 0);
    inner[0] = 0x17;
    Bytes rec = craft(inner);
    RecordProtector r = protector();
    CHECK(alert_of(open(r, rec)) == AlertDescription::record_overflow);
    Bytes fits(kMaxInnerPlaintextLength13, 0);
    fits[kMaxPlaintextLength] = 0x17;
    Bytes rec2 = craft(fits);
    RecordProtector r2 = protector();
    auto o = open(r2, rec2);
    REQUIRE(o.ok());
    CHECK(o->content.size() == kMaxPlaintextLength);
  }
  SUBCASE("our record_size_limit (RFC 8449) applies to the whole inner plaintext") {
    Bytes inner(101, 0);
    inner[99] = 0x17;  // 99 bytes content + type + 1 zero = 101
    Bytes rec = craft(inner);
    RecordProtector r = protector();
    r.set_record_size_limit(100);
    CHECK(alert_of(open(r, rec)) == AlertDescription::record_overflow);
    Bytes rec2 = craft(inner);
    RecordProtector r2 = protector();
    r2.set_record_size_limit(101);
    CHECK(open(r2, rec2).ok());
  }
  SUBCASE("an outer type other than application_data is unexpected_message") {
    Bytes rec = craft(hex("01 16"));
    rec[0] = 22;
    RecordProtector r = protector();
    CHECK(alert_of(open(r, rec)) == AlertDescription::unexpected_message);
  }
}

TEST_CASE("protector 1.2: plaintext over 2^14 (or our record_size_limit) is record_overflow") {
  for (const Suite& s : {kSuites[3], kSuites[5]}) {
    CAPTURE(s.name);
    size_t extra = s.alg == AeadAlgorithm::chacha20_poly1305 ? 0 : 8;
    Bytes rec(5 + extra + kMaxPlaintextLength + 1 + 16, 0);
    rec[0] = 23;
    rec[1] = rec[2] = 3;
    RecordProtector r = make(s);
    CHECK(alert_of(open(r, rec)) == AlertDescription::record_overflow);
    RecordProtector w = make(s);
    Bytes rec2 = seal(w, ContentType::application_data, Bytes(200, 1));
    RecordProtector r2 = make(s);
    r2.set_record_size_limit(199);
    CHECK(alert_of(open(r2, rec2)) == AlertDescription::record_overflow);
  }
}

TEST_CASE("protector 1.3: padding on seal") {
  RecordProtector w = make(kSuites[2]), r = make(kSuites[2]);
  Bytes rec = seal(w, ContentType::alert, hex("0100"), 61);
  CHECK(rec.size() == 5 + 2 + 1 + 61 + 16);
  auto o = open(r, rec);
  REQUIRE(o.ok());
  CHECK(o->type == ContentType::alert);
  CHECK(Bytes(o->content.begin(), o->content.end()) == hex("0100"));
  // Padding past 2^14 + 1 is refused on the sending side.
  Bytes big(w.sealed_length(kMaxPlaintextLength, 1));
  auto refused = w.seal(ContentType::application_data, big, kMaxPlaintextLength, 1);
  CHECK(alert_of(refused) == AlertDescription::internal_error);
  Bytes over(w.sealed_length(kMaxPlaintextLength + 1));
  CHECK(alert_of(w.seal(ContentType::application_data, over, kMaxPlaintextLength + 1)) ==
        AlertDescription::internal_error);
  Bytes small(10);
  CHECK(alert_of(w.seal(ContentType::application_data, small, 20)) ==
        AlertDescription::internal_error);
}

TEST_CASE("protector: key usage limits (RFC 8446 §5.5) and no sequence wrap") {
  SUBCASE("AES-GCM") {
    for (const Suite& s : {kSuites[0], kSuites[4]}) {
      CAPTURE(s.name);
      RecordProtector w = make(s);
      CHECK(w.key_usage() == KeyUsage::ok);
      REQUIRE(w.advance_sequence_to(kAesGcmRecordSoftLimit - 1).ok());
      CHECK(w.key_usage() == KeyUsage::ok);
      seal(w, ContentType::application_data, hex("00"));
      CHECK(w.key_usage() == KeyUsage::near_limit);
      REQUIRE(w.advance_sequence_to(kAesGcmRecordLimit - 1).ok());
      seal(w, ContentType::application_data, hex("00"));  // the last allowed record
      CHECK(w.key_usage() == KeyUsage::exhausted);
      Bytes rec(w.sealed_length(1));
      auto refused = w.seal(ContentType::application_data, rec, 1);
      REQUIRE(!refused.ok());
      CHECK(refused.error().kind == ErrorKind::limit);
      CHECK(w.sequence_number() == kAesGcmRecordLimit);
    }
  }
  SUBCASE("ChaCha20: only the 64-bit wrap") {
    for (const Suite& s : {kSuites[2], kSuites[5]}) {
      CAPTURE(s.name);
      RecordProtector w = make(s), r = make(s);
      REQUIRE(w.advance_sequence_to(kAesGcmRecordLimit + 5).ok());
      CHECK(w.key_usage() == KeyUsage::ok);
      REQUIRE(w.advance_sequence_to(UINT64_MAX - 1).ok());
      REQUIRE(r.advance_sequence_to(UINT64_MAX - 1).ok());
      CHECK(w.key_usage() == KeyUsage::near_limit);
      Bytes rec = seal(w, ContentType::application_data, hex("01"));
      CHECK(open(r, rec).ok());
      CHECK(w.key_usage() == KeyUsage::exhausted);
      CHECK(w.sequence_number() == UINT64_MAX);
      Bytes more(w.sealed_length(1));
      auto refused = w.seal(ContentType::application_data, more, 1);
      REQUIRE(!refused.ok());
      CHECK(refused.error().kind == ErrorKind::limit);
      auto no_wrap = open(r, rec);
      REQUIRE(!no_wrap.ok());
      CHECK(no_wrap.error().kind == ErrorKind::limit);
    }
  }
  SUBCASE("the sequence number never moves back") {
    RecordProtector w = make(kSuites[0]);
    REQUIRE(w.advance_sequence_to(10).ok());
    CHECK(!w.advance_sequence_to(9).ok());
    CHECK(w.sequence_number() == 10);
  }
}

TEST_CASE("protector: construction checks key and IV lengths") {
  Bytes k16(16), k32(32), iv4(4), iv12(12);
  CHECK(!RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, k16, iv4).ok());
  CHECK(!RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, k32, iv12).ok());
  CHECK(!RecordProtector::create_12(AeadAlgorithm::aes_128_gcm, k16, iv12).ok());
  CHECK(!RecordProtector::create_12(AeadAlgorithm::chacha20_poly1305, k32, iv4).ok());
  CHECK(RecordProtector::create_12(AeadAlgorithm::aes_256_gcm, k32, iv4).ok());
  CHECK(RecordProtector::create_12(AeadAlgorithm::chacha20_poly1305, k32, iv12).ok());
  auto bad = RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, k16, iv4);
  CHECK(bad.error().kind == ErrorKind::config);
}
