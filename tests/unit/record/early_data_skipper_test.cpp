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

}  // namespace

TEST_CASE("early data skipper: declined in the ServerHello, the handshake keys end the skipping") {
  RecordProtector early = protector_13(0x01);
  RecordProtector client_handshake = protector_13(0x02);
  EarlyDataSkipper s(EarlyDataSkipper::Until::handshake_keys_open, 1000);
  CHECK(s.waiting_for_trial());
  s.set_trial(protector_13(0x02));
  CHECK(!s.waiting_for_trial());

  for (int i = 0; i < 3; ++i) {
    auto r = give(s, sealed(early, ContentType::application_data, 100));
    REQUIRE(r.ok());
    CHECK(!r->has_value());  // skipped
  }
  Bytes ccs = hex("14 0303 0001 01");
  auto passed = give(s, ccs);
  REQUIRE(passed.ok());
  REQUIRE(passed->has_value());
  CHECK(Bytes((*passed)->begin(), (*passed)->end()) == ccs);
  CHECK(!s.done());  // a compatibility ChangeCipherSpec does not end it

  // The client's first handshake record goes on as it arrived (not decrypted by the trial).
  Bytes flight = sealed(client_handshake, ContentType::handshake, 40);
  auto first = give(s, flight);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  CHECK(Bytes((*first)->begin(), (*first)->end()) == flight);
  CHECK(s.done());
}

TEST_CASE("early data skipper: after a HelloRetryRequest, every application_data record until the ClientHello") {
  EarlyDataSkipper s(EarlyDataSkipper::Until::second_client_hello, 1000);
  CHECK(!s.waiting_for_trial());
  Bytes early = hex("17 0303 0004 00010203");
  REQUIRE(give(s, early).ok());
  Bytes alert = hex("15 0303 0002 0100");
  auto a = give(s, alert);
  REQUIRE(a.ok());
  CHECK(a->has_value());
  CHECK(!s.done());
  Bytes hello = hex("16 0303 0004 01000000");
  auto h = give(s, hello);
  REQUIRE(h.ok());
  REQUIRE(h->has_value());
  CHECK(Bytes((*h)->begin(), (*h)->end()) == hello);
  CHECK(s.done());
}

TEST_CASE("early data skipper: the budget, and records longer than any protected record") {
  SUBCASE("more than the budget is unexpected_message") {
    EarlyDataSkipper s(EarlyDataSkipper::Until::second_client_hello, 10);
    REQUIRE(give(s, hex("17 0303 0006 000000000000")).ok());
    REQUIRE(give(s, hex("17 0303 0004 00000000")).ok());  // 10: the budget is spent
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
