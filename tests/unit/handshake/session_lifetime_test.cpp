// TLS 1.3: a chain of resumptions lives no longer than the session's first lifetime
// (RFC 8446 §4.6.1; handshake/session_lifetime.hpp). Each resumption runs a new Pair on the
// same ticket sealer, with the clock moved on from the first full handshake.
#include <doctest/doctest.h>

#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/session_lifetime.hpp"
#include "pair.hpp"
#include "unit/session_chain.hpp"

namespace tlsock::test {
namespace {

constexpr int64_t kStartMs = kChainStartMs;
using Chain = SessionChain<Pair>;

bool offers_psk(const Pair& p) {
  auto ch = ClientHello::decode(body_of(p.to_server.front(), HandshakeType::client_hello));
  REQUIRE(ch.ok());
  return ch->extensions.has(ExtensionType::pre_shared_key);
}

// The ticket_lifetime of every NewSessionTicket the server sent.
std::vector<uint32_t> sent_lifetimes(const Pair& p) {
  std::vector<uint32_t> out;
  for (const auto* s : events_of<SendHandshake>(p.server_events)) {
    auto m = decode_handshake_message(s->message);
    REQUIRE(m.ok());
    if (m->type != HandshakeType::new_session_ticket) continue;
    auto nst = NewSessionTicket13::decode(m->body);
    REQUIRE(nst.ok());
    out.push_back(nst->ticket_lifetime);
  }
  return out;
}

ClientSession13 last_ticket(const Pair& p) {
  auto tickets = events_of<SessionTicketReceived>(p.client_events);
  REQUIRE_FALSE(tickets.empty());
  return tickets.back()->session;
}

// Resumes with `session` at `at_seconds`; returns the newest ticket of that connection.
ClientSession13 resume(Chain& chain, const ClientSession13& session, int64_t at_seconds,
                       uint32_t expected_lifetime) {
  Pair p;
  chain.setup(p, at_seconds);
  REQUIRE(p.start(session).ok());
  REQUIRE(offers_psk(p));
  REQUIRE(p.run().ok());
  REQUIRE(Pair::summary(p.server_events)->resumed);
  CHECK(sent_lifetimes(p) == std::vector<uint32_t>{expected_lifetime, expected_lifetime});
  ClientSession13 next = last_ticket(p);
  CHECK(next.lifetime_seconds == expected_lifetime);
  CHECK(next.session_created_ms == kStartMs);  // the first handshake's, not this one's
  return next;
}

TEST_CASE("session lifetime 1.3: re-issued tickets shrink; 7 days after the first handshake it ends") {
  Chain chain;
  Pair first;
  chain.setup(first, 0);
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  CHECK(sent_lifetimes(first) ==
        std::vector<uint32_t>{kMaxTicketLifetimeSeconds, kMaxTicketLifetimeSeconds});
  ClientSession13 s = last_ticket(first);
  CHECK(s.session_created_ms == kStartMs);

  s = resume(chain, s, 3 * kDay, 4 * kDay);
  s = resume(chain, s, 6 * kDay, 1 * kDay);
  s = resume(chain, s, 7 * kDay - 10, 10);

  SUBCASE("the client no longer offers the ticket") {
    Pair p;
    chain.setup(p, 7 * kDay);
    REQUIRE(p.start(s).ok());
    CHECK_FALSE(offers_psk(p));
    REQUIRE(p.run().ok());
    CHECK_FALSE(Pair::summary(p.server_events)->resumed);
  }
  SUBCASE("a client that keeps it longer is refused by the server: full handshake") {
    ClientSession13 stretched = s;
    stretched.lifetime_seconds = kMaxTicketLifetimeSeconds;
    stretched.session_created_ms = kStartMs + int64_t{7} * kDay * 1000;
    Pair p;
    chain.setup(p, 7 * kDay + 1);
    REQUIRE(p.start(stretched).ok());
    REQUIRE(offers_psk(p));
    REQUIRE(p.run().ok());
    CHECK_FALSE(Pair::summary(p.server_events)->resumed);
    // The new session starts over.
    CHECK(last_ticket(p).session_created_ms == kStartMs + (7 * kDay + 1) * 1000);
  }
}

TEST_CASE("session lifetime 1.3: the configured lifetime bounds the chain the same way") {
  Chain chain;
  Pair first;
  chain.setup(first, 0);
  first.server_config.ticket_lifetime_seconds = 7200;
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  ClientSession13 s = last_ticket(first);
  CHECK(s.lifetime_seconds == 7200);

  Pair second;
  chain.setup(second, 3000);
  second.server_config.ticket_lifetime_seconds = 7200;
  REQUIRE(second.start(s).ok());
  REQUIRE(second.run().ok());
  REQUIRE(Pair::summary(second.server_events)->resumed);
  CHECK(sent_lifetimes(second) == std::vector<uint32_t>{4200, 4200});
  s = last_ticket(second);

  Pair third;
  chain.setup(third, 7200);
  REQUIRE(third.start(s).ok());
  CHECK_FALSE(offers_psk(third));
}

TEST_CASE("session lifetime 1.3: a client drops a ticket 7 days after the first handshake") {
  Chain chain;
  Pair first;
  chain.setup(first, 0);
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  ClientSession13 s = last_ticket(first);
  // Whatever the ticket says, the session it belongs to began 7 days ago.
  s.received_at_ms = kStartMs + int64_t{7} * kDay * 1000 - 1000;
  s.session_created_ms = kStartMs - 1000;
  Pair p;
  chain.setup(p, 7 * kDay);
  REQUIRE(p.start(s).ok());
  CHECK_FALSE(offers_psk(p));
}

TEST_CASE("session lifetime: what is left, in whole seconds") {
  SessionLifetime life = SessionLifetime::starting(1'000'000, 100);
  CHECK(life.expires_ms == 1'100'000);
  CHECK(life.live(1'000'000));
  CHECK(life.live(1'099'999));
  CHECK_FALSE(life.live(1'100'000));
  CHECK_FALSE(life.live(999'999));  // before it began: a clock that went back
  CHECK(life.ticket_lifetime(1'000'000, 7200) == 100);
  CHECK(life.ticket_lifetime(1'000'000, 30) == 30);
  CHECK(life.ticket_lifetime(1'040'500, 7200) == 59);
  CHECK(life.ticket_lifetime(1'099'500, 7200) == 0);
  // Counted from the creation, the end is not rounded with the time of issue.
  CHECK(life.lifetime_from_creation(1'040'500, 7200) == 100);
  CHECK(life.lifetime_from_creation(1'040'500, 30) == 70);
  CHECK(life.lifetime_from_creation(1'099'500, 7200) == 0);
  CHECK(SessionLifetime::starting(0, 10 * kMaxTicketLifetimeSeconds).expires_ms ==
        int64_t{kMaxTicketLifetimeSeconds} * 1000);
}

}  // namespace
}  // namespace tlsock::test
