// What an SSLSession holds (internal): the engine's resumption state and the context that
// made it, so that set_session() can refuse a session of another context as Python does.
#pragma once

#include <memory>

#include "handshake/saved_session.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock::detail {

// The saved session (handshake/saved_session.hpp) and the context that made it.
struct SessionState : SavedSession {
  SSLContext context;
};

struct SessionAccess {
  static SSLSession make(std::shared_ptr<const SessionState> state) {
    return SSLSession(std::move(state));
  }
  static const SessionState& state(const SSLSession& s) { return *s.state_; }
};

}  // namespace tlsock::detail
