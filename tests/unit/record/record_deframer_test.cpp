#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "record/record_deframer.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

Bytes make_record(uint8_t type, uint16_t version, size_t length, uint8_t fill = 0xab) {
  Bytes r(kRecordHeaderLength + length, fill);
  r[0] = type;
  r[1] = static_cast<uint8_t>(version >> 8);
  r[2] = static_cast<uint8_t>(version);
  r[3] = static_cast<uint8_t>(length >> 8);
  r[4] = static_cast<uint8_t>(length);
  return r;
}

// Feeds `stream` to a fresh deframer and returns the first error's alert, or nullopt.
std::optional<AlertDescription> first_error(const Bytes& stream, RecordVersion v,
                                            size_t max_body = kMaxPlaintextLength) {
  RecordDeframer d;
  d.set_version(v);
  d.set_max_body_length(max_body);
  REQUIRE(d.feed(stream) == stream.size());
  for (;;) {
    auto r = d.next();
    if (!r.ok()) return r.error().alert;
    if (!r->has_value()) return std::nullopt;
  }
}

}  // namespace

TEST_CASE("deframer: one byte at a time yields the records unchanged") {
  Bytes stream;
  Bytes a = make_record(22, 0x0301, 100, 0x11);
  Bytes b = make_record(23, 0x0303, 0);
  Bytes c = make_record(21, 0x0303, 2, 0x22);
  for (auto* r : {&a, &b, &c}) stream.insert(stream.end(), r->begin(), r->end());

  RecordDeframer d;
  std::vector<Bytes> got;
  for (uint8_t byte : stream) {
    REQUIRE(d.feed(ByteView(&byte, 1)) == 1);
    for (;;) {
      auto r = d.next();
      REQUIRE(r.ok());
      if (!r->has_value()) break;
      const RecordView& v = **r;
      Bytes whole(v.header.begin(), v.header.end());
      whole.insert(whole.end(), v.body.begin(), v.body.end());
      got.push_back(whole);
    }
  }
  REQUIRE(got.size() == 3);
  CHECK(got[0] == a);
  CHECK(got[1] == b);
  CHECK(got[2] == c);
  CHECK(d.at_record_boundary());
}

TEST_CASE("deframer: views point into its buffer (no copy) and random splits work") {
  std::mt19937 rng(7);
  Bytes stream;
  std::vector<Bytes> records;
  for (int i = 0; i < 200; ++i) {
    size_t len = std::uniform_int_distribution<size_t>(0, kMaxPlaintextLength)(rng);
    records.push_back(make_record(23, 0x0303, len, static_cast<uint8_t>(i)));
    stream.insert(stream.end(), records.back().begin(), records.back().end());
  }
  RecordDeframer d;
  d.set_version(RecordVersion::tls12);
  size_t pos = 0, seen = 0;
  while (pos < stream.size() || seen < records.size()) {
    size_t chunk = std::uniform_int_distribution<size_t>(1, 40000)(rng);
    chunk = std::min(chunk, stream.size() - pos);
    // Alternate between feed() and the zero-copy input_space()/commit() path.
    if (seen % 2 == 0) {
      pos += d.feed(ByteView(stream).subspan(pos, chunk));
    } else {
      MutableByteView space = d.input_space();
      size_t n = std::min(space.size(), chunk);
      std::copy_n(stream.begin() + static_cast<ptrdiff_t>(pos), n, space.begin());
      d.commit(n);
      pos += n;
    }
    for (;;) {
      auto r = d.next();
      REQUIRE(r.ok());
      if (!r->has_value()) break;
      const RecordView& v = **r;
      REQUIRE(seen < records.size());
      const Bytes& want = records[seen++];
      CHECK(v.header.data() + kRecordHeaderLength == v.body.data());
      REQUIRE(v.body.size() + kRecordHeaderLength == want.size());
      CHECK(std::equal(v.body.begin(), v.body.end(), want.begin() + kRecordHeaderLength));
    }
  }
  CHECK(seen == records.size());
}

TEST_CASE("deframer: a full buffer pushes back instead of growing") {
  RecordDeframer d;
  Bytes big(RecordDeframer::kBufferSize + 100, 0);
  size_t taken = d.feed(big);
  CHECK(taken == RecordDeframer::kBufferSize);
  CHECK(d.feed(big) == 0);
}

TEST_CASE("deframer: unknown content type is unexpected_message, from the header alone") {
  for (uint8_t type : {0, 19, 24, 25, 0x80, 0xff}) {
    CAPTURE(int(type));
    Bytes header = make_record(type, 0x0303, 10);
    header.resize(kRecordHeaderLength);  // the body has not arrived
    CHECK(first_error(header, RecordVersion::unknown) == AlertDescription::unexpected_message);
  }
  for (uint8_t type : {20, 21, 22, 23}) {
    CHECK(first_error(make_record(type, 0x0303, 1), RecordVersion::tls12) == std::nullopt);
  }
}

TEST_CASE("deframer: legacy version rules (RFC 5246 E.1, §6.2.1; RFC 8446 §5.1)") {
  // Before negotiation: any {03,XX}.
  CHECK(first_error(make_record(22, 0x0301, 4), RecordVersion::unknown) == std::nullopt);
  CHECK(first_error(make_record(22, 0x0300, 4), RecordVersion::unknown) == std::nullopt);
  CHECK(first_error(make_record(22, 0x03ff, 4), RecordVersion::unknown) == std::nullopt);
  CHECK(first_error(make_record(22, 0x0203, 4), RecordVersion::unknown) ==
        AlertDescription::protocol_version);
  CHECK(first_error(make_record(22, 0x0000, 4), RecordVersion::unknown) ==
        AlertDescription::protocol_version);
  // TLS 1.2: exactly 0x0303.
  CHECK(first_error(make_record(22, 0x0303, 4), RecordVersion::tls12) == std::nullopt);
  CHECK(first_error(make_record(22, 0x0301, 4), RecordVersion::tls12) ==
        AlertDescription::protocol_version);
  CHECK(first_error(make_record(23, 0x0304, 4), RecordVersion::tls12) ==
        AlertDescription::protocol_version);
  // TLS 1.3: ignored.
  CHECK(first_error(make_record(23, 0x0301, 4), RecordVersion::tls13) == std::nullopt);
  CHECK(first_error(make_record(23, 0x0000, 4), RecordVersion::tls13) == std::nullopt);
  CHECK(first_error(make_record(23, 0xfefd, 4), RecordVersion::tls13) == std::nullopt);
}

TEST_CASE("deframer: length limits are record_overflow, checked before the body arrives") {
  auto header_only = [](size_t len) {
    Bytes h = make_record(23, 0x0303, len);
    h.resize(kRecordHeaderLength);
    return h;
  };
  // Unprotected: 2^14.
  CHECK(first_error(make_record(22, 0x0303, kMaxPlaintextLength), RecordVersion::tls13) ==
        std::nullopt);
  CHECK(first_error(header_only(kMaxPlaintextLength + 1), RecordVersion::tls13) ==
        AlertDescription::record_overflow);
  // TLS 1.3 protected: 2^14 + 256.
  CHECK(first_error(make_record(23, 0x0303, kMaxCiphertextLength13), RecordVersion::tls13,
                    kMaxCiphertextLength13) == std::nullopt);
  CHECK(first_error(header_only(kMaxCiphertextLength13 + 1), RecordVersion::tls13,
                    kMaxCiphertextLength13) == AlertDescription::record_overflow);
  // TLS 1.2 protected: 2^14 + 2048.
  CHECK(first_error(make_record(23, 0x0303, kMaxCiphertextLength12), RecordVersion::tls12,
                    kMaxCiphertextLength12) == std::nullopt);
  CHECK(first_error(header_only(kMaxCiphertextLength12 + 1), RecordVersion::tls12,
                    kMaxCiphertextLength12) == AlertDescription::record_overflow);
  CHECK(first_error(header_only(0xffff), RecordVersion::tls12, kMaxCiphertextLength12) ==
        AlertDescription::record_overflow);
}

TEST_CASE("deframer: errors are sticky") {
  RecordDeframer d;
  Bytes bad = make_record(99, 0x0303, 1);
  d.feed(bad);
  auto first = d.next();
  REQUIRE(!first.ok());
  auto again = d.next();
  REQUIRE(!again.ok());
  CHECK(again.error().alert == AlertDescription::unexpected_message);
}

TEST_CASE("record header helpers") {
  Bytes h(5);
  write_record_header(h, ContentType::handshake, 0x0303, 0x1234);
  CHECK(h == hex("16 0303 1234"));
  auto parsed = parse_record_header(h, RecordVersion::tls12, 0xffff);
  REQUIRE(parsed.ok());
  CHECK(parsed->type == ContentType::handshake);
  CHECK(parsed->length == 0x1234);
  CHECK(alert_of(parse_record_header(ByteView(h).first(4), RecordVersion::tls12, 0xffff)) ==
        AlertDescription::decode_error);
}
