// TLS 1.2: a chain of ticket resumptions (RFC 5077 §3.3: a resumed handshake may renew the
// ticket) lives no longer than the session's first lifetime (handshake/session_lifetime.hpp).
#include <doctest/doctest.h>

#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "pair12.hpp"
#include "unit/session_chain.hpp"

namespace tlsock::test {
namespace {

constexpr int64_t kStartMs = kChainStartMs;
using Chain12 = SessionChain<Pair12>;

bool offers_ticket(const Pair12& p) {
  auto ch = ClientHello::decode(body_of(*p.to_server.front(), HandshakeType::client_hello));
  REQUIRE(ch.ok());
  const Extension* t = ch->extensions.find(ExtensionType::session_ticket);
  return t != nullptr && !t->body.empty();
}

// The hint of the NewSessionTicket the server sent.
uint32_t sent_hint(const Pair12& p) {
  for (const auto* s : events_of<SendHandshake>(p.server_events)) {
    auto m = decode_handshake_message(s->message);
    REQUIRE(m.ok());
    if (m->type != HandshakeType::new_session_ticket) continue;
    auto nst = NewSessionTicket12::decode(m->body);
    REQUIRE(nst.ok());
    return nst->ticket_lifetime_hint;
  }
  FAIL("no NewSessionTicket");
  return 0;
}

ClientSession12 resume(Chain12& chain, const ClientSession12& session, int64_t at_seconds,
                       uint32_t expected_hint) {
  Pair12 p;
  chain.setup(p, at_seconds);
  REQUIRE(p.start(session).ok());
  REQUIRE(offers_ticket(p));
  REQUIRE(p.run().ok());
  REQUIRE(p.server_connected().info.resumed);
  CHECK(sent_hint(p) == expected_hint);
  REQUIRE(p.client_connected().session);
  ClientSession12 next = *p.client_connected().session;
  CHECK(next.ticket != session.ticket);
  // The first handshake's time; the lifetime counts from it and still ends at 7 days.
  CHECK(next.session.created_ms == kStartMs);
  CHECK(next.session.lifetime_seconds == 7 * kDay);
  return next;
}

TEST_CASE("session lifetime 1.2: renewed tickets shrink; 7 days after the first handshake it ends") {
  Chain12 chain;
  Pair12 first;
  chain.setup(first, 0);
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  CHECK(sent_hint(first) == kMaxTicketLifetimeSeconds);
  ClientSession12 s = *first.client_connected().session;
  CHECK(s.session.created_ms == kStartMs);

  s = resume(chain, s, 3 * kDay, 4 * kDay);
  s = resume(chain, s, 6 * kDay, 1 * kDay);

  SUBCASE("the client no longer offers the ticket") {
    Pair12 p;
    chain.setup(p, 7 * kDay);
    REQUIRE(p.start(s).ok());
    CHECK_FALSE(offers_ticket(p));
    REQUIRE(p.run().ok());
    CHECK_FALSE(p.server_connected().info.resumed);
  }
  SUBCASE("a client that keeps it longer is refused by the server: full handshake") {
    ClientSession12 stretched = s;
    stretched.session.created_ms = kStartMs + int64_t{7} * kDay * 1000;
    Pair12 p;
    chain.setup(p, 7 * kDay + 1);
    REQUIRE(p.start(stretched).ok());
    REQUIRE(offers_ticket(p));
    REQUIRE(p.run().ok());
    CHECK_FALSE(p.server_connected().info.resumed);
    CHECK(p.client_connected().session->session.created_ms == kStartMs + (int64_t{7} * kDay + 1) * 1000);
  }
}

// Hints are whole seconds; a Session12's lifetime counts from its creation. A renewal between
// two whole seconds must not round a second off the session on either side.
TEST_CASE("session lifetime 1.2: renewing between whole seconds keeps the session's end") {
  Chain12 chain;
  Pair12 first;
  chain.setup(first, 0);
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  ClientSession12 s = *first.client_connected().session;
  auto renew = [&](const ClientSession12& session) {
    Pair12 p;
    chain.setup(p, 3 * kDay);
    p.clock.set_ms(kStartMs + int64_t{3} * kDay * 1000 + 500);
    REQUIRE(p.start(session).ok());
    REQUIRE(p.run().ok());
    REQUIRE(p.server_connected().info.resumed);
    CHECK(sent_hint(p) == 4 * kDay - 1);  // 4 days less 500 ms, rounded down
    return *p.client_connected().session;
  };

  // A client that finished the first handshake 300 ms after the server sealed its ticket
  // holds a later end than the server's; the hint, rounded down, still means that end.
  ClientSession12 late = s;
  late.session.created_ms += 300;
  ClientSession12 late_renewed = renew(late);
  CHECK(late_renewed.session.created_ms == late.session.created_ms);
  CHECK(late_renewed.session.lifetime_seconds == 7 * kDay);

  s = renew(s);
  CHECK(s.session.lifetime_seconds == 7 * kDay);

  // 400 ms before the end, the client still offers and the server still accepts.
  Pair12 third;
  chain.setup(third, 7 * kDay);
  third.clock.set_ms(kStartMs + int64_t{7} * kDay * 1000 - 400);
  REQUIRE(third.start(s).ok());
  CHECK(offers_ticket(third));
  REQUIRE(third.run().ok());
  CHECK(third.server_connected().info.resumed);
}

TEST_CASE("session lifetime 1.2: a session resumed by ID renews its ticket within its lifetime") {
  Chain12 chain;
  SessionCache12 cache(4, 3600);
  Pair12 first;
  chain.setup(first, 0);
  first.server_config.tickets = nullptr;  // a session ID only
  first.server_config.session_cache = &cache;
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  ClientSession12 s = *first.client_connected().session;
  REQUIRE(s.ticket.empty());

  Pair12 second;
  chain.setup(second, 1000);
  second.server_config.session_cache = &cache;
  REQUIRE(second.start(s).ok());
  REQUIRE(second.run().ok());
  REQUIRE(second.server_connected().info.resumed);
  // The cached session lives 3600 s from the first handshake: 2600 s are left.
  CHECK(sent_hint(second) == 2600);
  CHECK(second.client_connected().session->session.created_ms == kStartMs);
}

}  // namespace
}  // namespace tlsock::test
