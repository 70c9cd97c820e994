#include <doctest/doctest.h>

#include "record/alert.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

TEST_CASE("alert: encode and decode") {
  auto bytes = encode_alert({AlertLevel::fatal, AlertDescription::bad_record_mac});
  CHECK(Bytes(bytes.begin(), bytes.end()) == hex("02 14"));
  auto a = decode_alert(hex("01 00"));
  REQUIRE(a.ok());
  CHECK(*a == Alert{AlertLevel::warning, AlertDescription::close_notify});
  // Unknown values survive.
  auto u = decode_alert(hex("07 fe"));
  REQUIRE(u.ok());
  CHECK(static_cast<int>(u->level) == 7);
  CHECK(static_cast<int>(u->description) == 0xfe);
  CHECK(alert_for(AlertDescription::close_notify).level == AlertLevel::warning);
  CHECK(alert_for(AlertDescription::user_canceled).level == AlertLevel::warning);
  CHECK(alert_for(AlertDescription::decode_error).level == AlertLevel::fatal);
}

TEST_CASE("alert: a record holds exactly one alert (decode_error otherwise)") {
  CHECK(alert_of(decode_alert(hex("02"))) == AlertDescription::decode_error);
  CHECK(alert_of(decode_alert(hex("0100 0100"))) == AlertDescription::decode_error);
  CHECK(alert_of(decode_alert(hex("010000"))) == AlertDescription::decode_error);
  AlertReceiver r;
  CHECK(alert_of(r.receive(hex("02"), RecordVersion::tls13)) == AlertDescription::decode_error);
}

TEST_CASE("alert: TLS 1.3 rules (RFC 8446 §6)") {
  AlertReceiver r;
  auto v = RecordVersion::tls13;
  CHECK(*r.receive(hex("01 00"), v) == AlertOutcome::closed);
  CHECK(*r.receive(hex("02 00"), v) == AlertOutcome::closed);
  CHECK(*r.receive(hex("01 5a"), v) == AlertOutcome::warning);  // user_canceled
  // Error alerts are fatal whatever the level says; unknown descriptions too.
  for (const char* h : {"01 2a", "02 2a", "01 0a", "01 fe"}) {
    CAPTURE(h);
    auto res = r.receive(hex(h), v);
    REQUIRE(!res.ok());
    CHECK(res.error().kind == ErrorKind::peer_alert);
    CHECK(static_cast<uint8_t>(res.error().alert) == hex(h)[1]);
  }
  // A level other than warning(1) or fatal(2) is no alert: illegal_parameter, whatever the
  // description (BoGo SendBogusAlertType).
  for (const char* h : {"09 28", "42 0a", "00 00", "03 5a"}) {
    CAPTURE(h);
    auto res = r.receive(hex(h), v);
    CHECK(alert_of(res) == AlertDescription::illegal_parameter);
    CHECK(res.error().kind == ErrorKind::protocol);
  }
}

TEST_CASE("alert: TLS 1.2 rules (RFC 5246 §7.2)") {
  auto v = RecordVersion::tls12;
  {
    AlertReceiver r;
    CHECK(*r.receive(hex("01 00"), v) == AlertOutcome::closed);
    CHECK(*r.receive(hex("01 2a"), v) == AlertOutcome::warning);  // bad_certificate
    CHECK(*r.receive(hex("01 64"), v) == AlertOutcome::warning);  // no_renegotiation
    CHECK(*r.receive(hex("01 fe"), v) == AlertOutcome::warning);  // unknown description
  }
  {
    AlertReceiver r;
    auto fatal = r.receive(hex("02 2a"), v);
    REQUIRE(!fatal.ok());
    CHECK(fatal.error().kind == ErrorKind::peer_alert);
    CHECK(fatal.error().alert == AlertDescription::bad_certificate);
    // "always fatal" descriptions are fatal even at level warning.
    auto always = r.receive(hex("01 0a"), v);
    REQUIRE(!always.ok());
    CHECK(always.error().alert == AlertDescription::unexpected_message);
    CHECK(always.error().kind == ErrorKind::peer_alert);
    // An unknown level is illegal_parameter.
    auto level = r.receive(hex("03 2a"), v);
    CHECK(alert_of(level) == AlertDescription::illegal_parameter);
    CHECK(level.error().kind == ErrorKind::protocol);
  }
  {
    // A bounded run of warnings.
    AlertReceiver r;
    for (uint32_t i = 0; i < kMaxConsecutiveWarningAlerts; ++i) {
      CHECK(*r.receive(hex("01 2a"), v) == AlertOutcome::warning);
    }
    auto over = r.receive(hex("01 2a"), v);
    CHECK(alert_of(over) == AlertDescription::unexpected_message);
    CHECK(over.error().kind == ErrorKind::protocol);
    AlertReceiver r2;
    for (uint32_t i = 0; i < 3 * kMaxConsecutiveWarningAlerts; ++i) {
      CHECK(r2.receive(hex("01 2a"), v).ok());
      r2.reset_warning_run();
    }
  }
}
