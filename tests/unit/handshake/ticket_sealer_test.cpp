// TicketSealer: key rotation on the provider's clock, the per-key usage bound, unique nonces.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "crypto/clock.hpp"
#include "crypto/rng.hpp"
#include "handshake/limits.hpp"
#include "handshake/session_13.hpp"

namespace tlsock::test {
namespace {

struct SealerClock {
  ScriptedRng rng{41};
  FixedClock clock{1'700'000'000'000};
  Provider provider{rng, clock};

  Bytes seal(TicketSealer& s, std::string_view text = "session state") {
    auto t = s.seal(as_bytes(text), provider);
    REQUIRE(t.ok());
    return *t;
  }
  bool opens(TicketSealer& s, const Bytes& ticket) { return s.open(ticket, provider).has_value(); }
};

Bytes key_id(const Bytes& ticket) { return Bytes(ticket.begin(), ticket.begin() + 4); }

TEST_CASE("ticket sealer: a ticket opens to what was sealed, a tampered one does not") {
  SealerClock c;
  TicketSealer s;
  Bytes t = c.seal(s, "hello");
  auto plain = s.open(t, c.provider);
  REQUIRE(plain);
  CHECK(std::ranges::equal(plain->view(), as_bytes("hello")));
  Bytes bad = t;
  bad.back() ^= 1;
  CHECK_FALSE(c.opens(s, bad));
  CHECK_FALSE(c.opens(s, Bytes(t.begin(), t.begin() + 20)));
  TicketSealer other;
  CHECK_FALSE(c.opens(other, t));
}

TEST_CASE("ticket sealer: rotation on the clock; the previous key opens for one more period") {
  SealerClock c;
  TicketSealer s(60);
  CHECK(s.rotation_seconds() == 60);
  Bytes a = c.seal(s);
  c.clock.advance_ms(30'000);
  CHECK(key_id(c.seal(s)) == key_id(a));  // still the same key within the period
  c.clock.advance_ms(31'000);             // 61 s: one rotation
  Bytes b = c.seal(s);
  CHECK(key_id(b) != key_id(a));
  CHECK(c.opens(s, a));  // sealed before one rotation: still opens
  CHECK(c.opens(s, b));
  c.clock.advance_ms(60'000);  // 121 s: a second rotation is due, a's key is gone
  CHECK_FALSE(c.opens(s, a));
  CHECK(c.opens(s, b));  // b's key retired at 121 s, so it opens until 181 s
  c.clock.advance_ms(60'000);
  CHECK_FALSE(c.opens(s, b));
}

TEST_CASE("ticket sealer: after an idle spell no old key opens, and sealing starts a new one") {
  SealerClock c;
  TicketSealer s;  // the default period
  CHECK(s.rotation_seconds() == kDefaultTicketKeyRotationSeconds);
  CHECK(kDefaultTicketKeyRotationSeconds == 6 * 3600);
  Bytes a = c.seal(s);
  c.clock.advance_ms(int64_t{kDefaultTicketKeyRotationSeconds} * 1000 + 1);
  CHECK(c.opens(s, a));
  c.clock.advance_ms(int64_t{kDefaultTicketKeyRotationSeconds} * 1000);
  CHECK_FALSE(c.opens(s, a));
  Bytes b = c.seal(s);
  CHECK(key_id(b) != key_id(a));
  CHECK(c.opens(s, b));
}

TEST_CASE("ticket sealer: a key that sealed its maximum is replaced before the clock says so") {
  SealerClock c;
  TicketSealer s(3600, /*max_units_per_key=*/2);
  Bytes t1 = c.seal(s);
  Bytes t2 = c.seal(s);
  Bytes t3 = c.seal(s);
  CHECK(key_id(t1) == key_id(t2));
  CHECK(key_id(t3) != key_id(t1));
  // The exhausted key opens for one more period from when it stopped sealing.
  CHECK(c.opens(s, t1));
  CHECK(c.opens(s, t3));
  c.clock.advance_ms(3'600'000);
  CHECK_FALSE(c.opens(s, t1));
  CHECK(c.opens(s, t3));
  // A ticket longer than one record-sized unit counts for more than one.
  TicketSealer big(3600, 2);
  std::string long_state(kMaxPlaintextLength + 1, 'x');
  Bytes l1 = c.seal(big, long_state);
  CHECK(key_id(c.seal(big)) != key_id(l1));
  // The bound: RFC 8446 §5.5's 2^24.5 AES-GCM records, rounded down to a power of two.
  CHECK(kMaxTicketKeyUses == uint64_t{1} << 24);
}

TEST_CASE("ticket sealer: nonces never repeat under one key") {
  SealerClock c;
  TicketSealer s;
  std::set<Bytes> nonces;
  for (int i = 0; i < 200; ++i) {
    Bytes t = c.seal(s);
    nonces.insert(Bytes(t.begin(), t.begin() + 12));  // key id and invocation counter
  }
  CHECK(nonces.size() == 200);
}

TEST_CASE("ticket sealer: the rotation period is validated") {
  TicketSealer s;
  CHECK(s.set_rotation_seconds(0).error().kind == ErrorKind::config);
  CHECK(s.set_rotation_seconds(kMaxTicketKeyRotationSeconds + 1).error().kind == ErrorKind::config);
  CHECK(s.rotation_seconds() == kDefaultTicketKeyRotationSeconds);
  REQUIRE(s.set_rotation_seconds(kMaxTicketKeyRotationSeconds).ok());
  CHECK(s.rotation_seconds() == kMaxTicketKeyRotationSeconds);
  CHECK(kMaxTicketKeyRotationSeconds == kMaxTicketLifetimeSeconds);
}

}  // namespace
}  // namespace tlsock::test
