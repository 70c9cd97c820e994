#include <doctest/doctest.h>

#include "record/fragmenter.hpp"
#include "record/record_protector.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

TEST_CASE("fragmenter: record_size_limit (RFC 8449) and max_fragment_length (RFC 6066)") {
  CHECK(alert_of(fragment_limit_from_record_size_limit(63, RecordVersion::tls13)) ==
        AlertDescription::illegal_parameter);
  CHECK(alert_of(fragment_limit_from_record_size_limit(0, RecordVersion::tls12)) ==
        AlertDescription::illegal_parameter);
  CHECK(*fragment_limit_from_record_size_limit(64, RecordVersion::tls13) == 63);
  CHECK(*fragment_limit_from_record_size_limit(64, RecordVersion::tls12) == 64);
  CHECK(*fragment_limit_from_record_size_limit(16385, RecordVersion::tls13) == 16384);
  CHECK(*fragment_limit_from_record_size_limit(16385, RecordVersion::tls12) == 16384);
  CHECK(*fragment_limit_from_record_size_limit(65535, RecordVersion::tls13) == 16384);
  CHECK(*fragment_limit_from_max_fragment_length(1) == 512);
  CHECK(*fragment_limit_from_max_fragment_length(2) == 1024);
  CHECK(*fragment_limit_from_max_fragment_length(3) == 2048);
  CHECK(*fragment_limit_from_max_fragment_length(4) == 4096);
  CHECK(alert_of(fragment_limit_from_max_fragment_length(0)) == AlertDescription::illegal_parameter);
  CHECK(alert_of(fragment_limit_from_max_fragment_length(5)) == AlertDescription::illegal_parameter);
}

TEST_CASE("fragmenter: plaintext records are cut at the limit") {
  Fragmenter f;
  Bytes data(40000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7);
  Bytes out(f.sealed_size_bound(nullptr, data.size()));
  auto p = f.seal(nullptr, 0x0303, ContentType::handshake, data, out);
  REQUIRE(p.ok());
  CHECK(p->consumed == data.size());
  CHECK(p->records == 3);
  CHECK(p->written == data.size() + 3 * kRecordHeaderLength);
  // Headers: 16384, 16384, 7232.
  CHECK(Bytes(out.begin(), out.begin() + 5) == hex("16 0303 4000"));
  size_t second = kRecordHeaderLength + 16384;
  CHECK(Bytes(out.begin() + second, out.begin() + second + 5) == hex("16 0303 4000"));
  size_t third = 2 * second;
  CHECK(Bytes(out.begin() + third, out.begin() + third + 5) == hex("16 0303 1c40"));
  CHECK(std::equal(data.begin() + 32768, data.end(), out.begin() + third + 5));
}

TEST_CASE("fragmenter: a smaller limit, a short output buffer, and empty data") {
  Fragmenter f;
  f.set_max_fragment_length(*fragment_limit_from_max_fragment_length(1));
  Bytes data(2000, 1);
  Bytes out(2 * (512 + 5) + 100);  // room for two records only
  auto p = f.seal(nullptr, 0x0303, ContentType::handshake, data, out);
  REQUIRE(p.ok());
  CHECK(p->records == 2);
  CHECK(p->consumed == 1024);
  CHECK(p->written == 2 * 517);
  auto empty = f.seal(nullptr, 0x0303, ContentType::application_data, {}, out);
  REQUIRE(empty.ok());
  CHECK(empty->records == 1);
  CHECK(empty->written == 5);
  f.set_max_fragment_length(0);
  CHECK(f.max_fragment_length() == Fragmenter::kMinFragmentLength);
  f.set_max_fragment_length(1 << 20);
  CHECK(f.max_fragment_length() == kMaxPlaintextLength);
}

TEST_CASE("padding policy") {
  PaddingPolicy none;
  CHECK(none.padding_for(100, 1000) == 0);
  PaddingPolicy block{256};
  CHECK(block.padding_for(100, 1000) == 155);  // 100 + 1 + 155 = 256
  CHECK(block.padding_for(255, 1000) == 0);
  CHECK(block.padding_for(256, 1000) == 255);
  CHECK(block.padding_for(100, 10) == 10);  // capped by the record limit
}
