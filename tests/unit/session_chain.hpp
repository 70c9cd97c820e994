// A chain of resumptions for the session-lifetime tests of both versions: one ticket sealer
// and server identity shared by successive pairs (Pair or Pair12), each with its clock moved
// on from the first full handshake.
#pragma once

#include "handshake/limits.hpp"
#include "handshake/session_13.hpp"
#include "unit/handshake_pair_base.hpp"

namespace tlsock::test {

inline constexpr int64_t kChainStartMs = 1'700'000'000'000;
inline constexpr uint32_t kDay = 86'400;

template <typename P>
struct SessionChain {
  // A key period as long as a ticket may live, so only the session's lifetime is tested.
  TicketSealer sealer{kMaxTicketKeyRotationSeconds};
  Identity server = make_identity("ec_p256", "srv");

  // A pair `at_seconds` after the first handshake; the server's tickets live 7 days.
  void setup(P& p, int64_t at_seconds) {
    p.add_server_identity(server);
    p.server_config.tickets = &sealer;
    p.server_config.ticket_lifetime_seconds = kMaxTicketLifetimeSeconds;
    p.clock.set_ms(kChainStartMs + at_seconds * 1000);
  }
};

}  // namespace tlsock::test
