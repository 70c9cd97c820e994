#include "tlsock/ssl_session.hpp"

#include "socket/ssl_session_state.hpp"

namespace tlsock {

const std::string& SSLSession::id() const { return state_->id; }
int64_t SSLSession::time() const { return state_->time; }
// OpenSSL gives a TLS 1.3 client session the ticket's lifetime as its timeout; a 1.2 session
// gets OpenSSL's default of 7200 s.
int64_t SSLSession::timeout() const { return state_->lifetime > 0 ? state_->lifetime : 7200; }
int64_t SSLSession::ticket_lifetime_hint() const { return state_->lifetime; }
bool SSLSession::has_ticket() const { return state_->has_ticket; }

}  // namespace tlsock
