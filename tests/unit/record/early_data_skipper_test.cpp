// RFC 8446 §4.2.10: a server that declined 0-RTT skips the client's early data records, up to
// a budget, until the client's handshake flight.
#include <doctest/doctest.h>

#include "record/early_data_skipper.hpp"
#include "record/fragmenter.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

RecordProtector protector_13(uint8_t key_byte) {
  Bytes key(16, key_byte), iv(12, 0x44);
  auto p = RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, key, iv);
  REQUIRE(p.ok());
  return std::move(p).value();
}

Bytes sealed(RecordProtector& p, ContentType type, size_t content_length) {
  Bytes data(content_length, 0x61), out(content_length + 64);
  auto s = Fragmenter().seal(&p, 0x0303, type, data, out);
  REQUIRE(s.ok());
  out.resize(s->written);
  return out;
}

// The record whole, in three pieces; the result of finish_record().
Result<std::optional<ByteView>> give(EarlyDataSkipper& s, ByteView record) {
  for (size_t pos = 0; pos < record.size(); pos += 3) {
    Status c = s.collect(record.subspan(pos, std::min<size_t>(3, record.size() - pos)));
    if (!c.ok()) return c.error();
  }
  return s.finish_record();
}

// The record is handed on, byte for byte as it arrived (not skipped, not decrypted).
void check_handed_on(EarlyDataSkipper& s, const Bytes& record) {
  auto r = give(s, record);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK(Bytes((*r)->begin(), (*r)->end()) == record);
}

// The record is skipped.
void check_skipped(EarlyDataSkipper& s, const Bytes& record) {
  auto r = give(s, record);
  REQUIRE(r.ok());
  CHECK(!r->has_value());
}

}  // namespace

TEST_CASE("early data skipper: declined in the ServerHello, the handshake keys end the skipping") {
  RecordProtector early = protector_13(0x01);
  RecordProtector client_handshake = protector_13(0x02);
  EarlyDataSkipper s(EarlyDataSkipper::Until::handshake_keys_open, 1000);
  CHECK(s.waiting_for_trial());
  s.set_trial(protector_13(0x02));
  CHECK(!s.waiting_for_trial());

  for (int i = 0; i < 3; ++i) check_skipped(s, sealed(early, ContentType::application_data, 100));
  check_handed_on(s, hex("14 0303 0001 01"));
  CHECK(!s.done());  // a compatibility ChangeCipherSpec does not end it
  // The client's first handshake record goes on as it arrived (the trial opened a copy).
  check_handed_on(s, sealed(client_handshake, ContentType::handshake, 40));
  CHECK(s.done());
}

TEST_CASE("early data skipper: after a HelloRetryRequest, every application_data record until the ClientHello") {
  EarlyDataSkipper s(EarlyDataSkipper::Until::second_client_hello, 1000);
  CHECK(!s.waiting_for_trial());
  check_skipped(s, hex("17 0303 0004 00010203"));
  check_handed_on(s, hex("15 0303 0002 0100"));  // an alert does not end it
  CHECK(!s.done());
  check_handed_on(s, hex("16 0303 0004 01000000"));
  CHECK(s.done());
}

TEST_CASE("early data skipper: the budget, and records longer than any protected record") {
  SUBCASE("more than the budget is unexpected_message") {
    EarlyDataSkipper s(EarlyDataSkipper::Until::second_client_hello, 10);
    check_skipped(s, hex("17 0303 0006 000000000000"));
    check_skipped(s, hex("17 0303 0004 00000000"));  // 10: the budget is spent
    CHECK(alert_of(give(s, hex("17 0303 0001 00"))) == AlertDescription::unexpected_message);
  }
  SUBCASE("2^14 + 256 bytes of body are skipped, one more is record_overflow") {
    for (size_t body : {kMaxCiphertextLength13, kMaxCiphertextLength13 + 1}) {
      CAPTURE(body);
      EarlyDataSkipper s(EarlyDataSkipper::Until::second_client_hello, 1 << 16);
      Bytes record(kRecordHeaderLength + body);
      write_record_header(record, ContentType::application_data, 0x0303, static_cast<uint16_t>(body));
      auto r = give(s, record);
      if (body == kMaxCiphertextLength13) {
        CHECK(r.ok());
      } else {
        CHECK(alert_of(r) == AlertDescription::record_overflow);
      }
    }
  }
}
