// What an SSLSession holds (internal): the engine's resumption state and the context that
// made it, so that set_session() can refuse a session of another context as Python does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <optional>

#include "handshake/session_12.hpp"
#include "handshake/session_13.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock::detail {

// One of session13 / session12, by the version the session was made with.
struct SessionState {
  ClientSession13 session13;
  std::optional<ClientSession12> session12;
  bool has_ticket = false;
  int64_t lifetime = 0;  // seconds: the ticket's lifetime (1.3, or the 1.2 hint); 0 without
  std::string id;
  int64_t time = 0;
  SSLContext context;
};

struct SessionAccess {
  static SSLSession make(std::shared_ptr<const SessionState> state) {
    return SSLSession(std::move(state));
  }
  static const SessionState& state(const SSLSession& s) { return *s.state_; }
};

}  // namespace tlsock::detail
