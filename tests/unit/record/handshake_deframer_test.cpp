#include <doctest/doctest.h>

#include "record/handshake_deframer.hpp"
#include "support/allocation_counter.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

Bytes message(uint8_t type, size_t length, uint8_t fill = 0x5a) {
  Bytes m(kHandshakeHeaderLength + length, fill);
  m[0] = type;
  m[1] = static_cast<uint8_t>(length >> 16);
  m[2] = static_cast<uint8_t>(length >> 8);
  m[3] = static_cast<uint8_t>(length);
  return m;
}

std::vector<Bytes> drain(HandshakeDeframer& d) {
  std::vector<Bytes> out;
  for (;;) {
    auto m = d.next();
    REQUIRE(m.ok());
    if (!m->has_value()) return out;
    const HandshakeMessage& msg = **m;
    CHECK(msg.body.size() + kHandshakeHeaderLength == msg.encoded.size());
    CHECK(static_cast<uint8_t>(msg.type) == msg.encoded[0]);
    out.emplace_back(msg.encoded.begin(), msg.encoded.end());
  }
}

}  // namespace

TEST_CASE("handshake deframer: several messages in one record") {
  Bytes a = message(2, 40, 1), b = message(8, 0), c = message(11, 300, 3);
  Bytes record = a;
  record.insert(record.end(), b.begin(), b.end());
  record.insert(record.end(), c.begin(), c.end());
  HandshakeDeframer d;
  REQUIRE(d.add(record).ok());
  auto got = drain(d);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == a);
  CHECK(got[1] == b);
  CHECK(got[2] == c);
  CHECK(d.at_record_boundary());
  CHECK(d.check_key_change_boundary().ok());
}

TEST_CASE("handshake deframer: a message spanning records, fed one byte at a time") {
  Bytes a = message(11, 5000, 7), b = message(15, 70, 8);
  Bytes stream = a;
  stream.insert(stream.end(), b.begin(), b.end());
  HandshakeDeframer d;
  std::vector<Bytes> got;
  for (size_t i = 0; i < stream.size(); ++i) {
    REQUIRE(d.add(ByteView(stream).subspan(i, 1)).ok());
    auto more = drain(d);
    got.insert(got.end(), more.begin(), more.end());
    bool boundary = (i + 1 == a.size()) || (i + 1 == stream.size());
    CHECK(d.at_record_boundary() == boundary);
  }
  REQUIRE(got.size() == 2);
  CHECK(got[0] == a);
  CHECK(got[1] == b);
}

TEST_CASE("handshake deframer: a message before a key change must end its record") {
  Bytes sh = message(2, 50), ee = message(8, 10);
  Bytes record = sh;
  record.insert(record.end(), ee.begin(), ee.begin() + 3);  // EE starts in the same record
  HandshakeDeframer d;
  REQUIRE(d.add(record).ok());
  auto m = d.next();
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  CHECK((*m)->type == HandshakeType::server_hello);
  // The engine is about to install handshake keys: refused (RFC 8446 §5.1).
  CHECK(alert_of(d.check_key_change_boundary()) == AlertDescription::unexpected_message);
  CHECK(d.has_partial_message());
  CHECK(alert_of(d.check_not_interleaved(ContentType::application_data)) ==
        AlertDescription::unexpected_message);
  // A record that ends with the message is fine.
  HandshakeDeframer ok;
  REQUIRE(ok.add(sh).ok());
  REQUIRE(drain(ok).size() == 1);
  CHECK(ok.check_key_change_boundary().ok());
  CHECK(ok.check_not_interleaved(ContentType::alert).ok());
}

TEST_CASE("handshake deframer: zero-length handshake record is unexpected_message") {
  HandshakeDeframer d;
  CHECK(alert_of(d.add({})) == AlertDescription::unexpected_message);
  CHECK(alert_of(d.add(message(2, 1))) == AlertDescription::unexpected_message);  // sticky
}

TEST_CASE("handshake deframer: message size limits (illegal_parameter), from the header") {
  {
    HandshakeDeframer d;
    Bytes h = message(2, kMaxHandshakeMessageLength);
    h.resize(kHandshakeHeaderLength + 10);
    CHECK(d.add(h).ok());
  }
  {
    HandshakeDeframer d;
    Bytes h = message(2, kMaxHandshakeMessageLength + 1);
    h.resize(kHandshakeHeaderLength);  // only the header: refused before any body
    auto s = d.add(h);
    CHECK(alert_of(s) == AlertDescription::illegal_parameter);
    CHECK(s.error().kind == ErrorKind::limit);
  }
  {
    // Certificate has the larger limit.
    HandshakeDeframer d;
    Bytes h = message(11, kMaxCertificateMessageLength);
    h.resize(kHandshakeHeaderLength);
    CHECK(d.add(h).ok());
    HandshakeDeframer d2;
    Bytes h2 = message(11, kMaxCertificateMessageLength + 1);
    h2.resize(kHandshakeHeaderLength);
    CHECK(alert_of(d2.add(h2)) == AlertDescription::illegal_parameter);
  }
  {
    // The header itself split over records; the oversized length is still caught.
    HandshakeDeframer d;
    Bytes h = message(2, 0xffffff);
    CHECK(d.add(ByteView(h).first(2)).ok());
    CHECK(alert_of(d.add(ByteView(h).subspan(2, 2))) == AlertDescription::illegal_parameter);
  }
  {
    // A second message in the same record with a bad length.
    HandshakeDeframer d;
    Bytes record = message(2, 10);
    Bytes bad = message(8, kMaxHandshakeMessageLength + 1);
    record.insert(record.end(), bad.begin(), bad.begin() + 4);
    REQUIRE(d.add(record).ok());
    auto first = d.next();
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    CHECK(alert_of(d.next()) == AlertDescription::illegal_parameter);
  }
  CHECK(max_handshake_message_length(HandshakeType::compressed_certificate) ==
        kMaxCertificateMessageLength);
  {
    // A ClientHello may be as long as its syntax allows; longer cannot be decoded.
    HandshakeDeframer d;
    Bytes h = message(1, kMaxClientHelloLength);
    h.resize(kHandshakeHeaderLength);
    CHECK(d.add(h).ok());
    HandshakeDeframer d2;
    Bytes h2 = message(1, kMaxClientHelloLength + 1);
    h2.resize(kHandshakeHeaderLength);
    CHECK(alert_of(d2.add(h2)) == AlertDescription::decode_error);
  }
  CHECK(max_handshake_message_length(HandshakeType::server_hello) == kMaxHandshakeMessageLength);
}

// An idle connection holds no reassembly buffer (tests/unit/engine/idle_heap_test.cpp): the
// engine releases it between messages, never while a message is in progress.
TEST_CASE("handshake deframer: release_if_idle frees the buffer only between messages") {
  auto allocations = [] {
    test::AllocationCounts c = test::allocation_counts();
    return c.news + c.c_allocs;
  };
  Bytes m = message(4, 100);
  HandshakeDeframer d;
  REQUIRE(d.add(ByteView(m).first(30)).ok());
  CHECK(drain(d).empty());
  d.release_if_idle();  // a message is in progress: kept
  REQUIRE(d.add(ByteView(m).subspan(30)).ok());
  auto got = drain(d);
  REQUIRE(got.size() == 1);
  CHECK(got[0] == m);

  // Without a release the buffer is reused; after one it is allocated again.
  uint64_t before = allocations();
  REQUIRE(d.add(m).ok());
  CHECK(allocations() == before);
  CHECK(drain(d).size() == 1);
  d.release_if_idle();
  before = allocations();
  REQUIRE(d.add(m).ok());
  CHECK(allocations() > before);
  CHECK(drain(d).size() == 1);

  // Errors stay sticky across a release.
  REQUIRE(!d.add({}).ok());
  d.release_if_idle();
  CHECK(alert_of(d.add(m)) == AlertDescription::unexpected_message);
}
