// Application traffic secrets after the handshake, and KeyUpdate (RFC 8446 §4.6.3, §7.2).
// Shared by the client and the server Connected states.
#pragma once

#include <variant>

#include "handshake/events.hpp"
#include "handshake/messages/key_update.hpp"

namespace tlsock {

struct TrafficSecrets {
  CipherSuiteInfo suite;
  Secret read_secret;
  Secret write_secret;
  uint64_t read_generation = 0;
  uint64_t write_generation = 0;
  // The peer asked for a KeyUpdate (update_requested) that we have not sent yet: it is owed
  // before our next application data, one for any number of requests (RFC 8446 §4.6.3).
  bool update_owed = false;
};

// The InstallKeys event for a traffic secret.
Result<InstallKeys> install_keys(Direction d, Epoch e, const CipherSuiteInfo& suite,
                                 uint64_t generation, const Secret& secret);

// We send KeyUpdate(request) and move our write keys forward.
Status initiate_key_update(TrafficSecrets& t, KeyUpdateRequest request, Events& events);

// client13_key_update / server13_key_update: a KeyUpdate from the Connected state of either
// role. Any other state is refused with config_error before `state` is touched, so the caller
// keeps a usable state; on success the state is moved into the transition.
template <typename Connected, typename Transition, typename State>
Result<Transition> key_update_when_connected(State&& state, bool request_peer) {
  auto* st = std::get_if<Connected>(&state);
  if (st == nullptr) return config_error("KeyUpdate before the handshake completed");
  Events events;
  TLSOCK_TRY(initiate_key_update(st->traffic,
                                 request_peer ? KeyUpdateRequest::update_requested
                                              : KeyUpdateRequest::update_not_requested,
                                 events));
  return Transition{std::move(state), std::move(events)};
}

// The peer sent KeyUpdate: move our read keys forward; if it asked, our KeyUpdate is owed
// (update_owed): the engine sends it before our next application data record, so a run of
// requests while we are silent gets one answer (RFC 8446 §4.6.3).
Status handle_key_update(TrafficSecrets& t, ByteView body, Events& events);

// Whether a Connected state owes the peer a KeyUpdate (see TrafficSecrets::update_owed).
template <typename Connected, typename State>
bool key_update_owed(const State& state) {
  auto* st = std::get_if<Connected>(&state);
  return st != nullptr && st->traffic.update_owed;
}

}  // namespace tlsock
