// tlsock::SSLSession: Python's ssl.SSLSession, what a client keeps of a connection to resume it
// later (wrap_socket(..., {.session = s}) or set_session(s) before the handshake).
//
// A session is an immutable handle: copies share the same state, and `a == b` compares the
// session ids, as Python's __eq__ does (sock.session returns a new object each time, equal to
// the previous one). Sessions are only made by connections (SSLSocket::session(),
// SSLObject::session()); in TLS 1.3 a session exists once the server's NewSessionTicket has
// been processed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace tlsock {

namespace detail {
struct SessionState;
struct SessionAccess;
}  // namespace detail

class SSLSession {
 public:
  // Python's .id (bytes).
  const std::string& id() const;
  // Python's .time: when the session was established, Unix seconds.
  int64_t time() const;
  // Python's .timeout: how long the session may be resumed, in seconds.
  int64_t timeout() const;
  // Python's .ticket_lifetime_hint: the lifetime the server gave its ticket, in seconds.
  int64_t ticket_lifetime_hint() const;
  bool has_ticket() const;

  friend bool operator==(const SSLSession& a, const SSLSession& b) { return a.id() == b.id(); }

 private:
  friend struct detail::SessionAccess;
  explicit SSLSession(std::shared_ptr<const detail::SessionState> state)
      : state_(std::move(state)) {}
  std::shared_ptr<const detail::SessionState> state_;
};

}  // namespace tlsock
