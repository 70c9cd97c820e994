#include "tlsock/ssl_session.hpp"

#include "socket/ssl_session_state.hpp"

namespace tlsock {

const std::string& SSLSession::id() const { return state_->id; }
int64_t SSLSession::time() const { return state_->time; }
// OpenSSL gives a TLS 1.3 client session the ticket's lifetime as its timeout.
int64_t SSLSession::timeout() const { return state_->session13.lifetime_seconds; }
int64_t SSLSession::ticket_lifetime_hint() const { return state_->session13.lifetime_seconds; }
bool SSLSession::has_ticket() const { return !state_->session13.ticket.empty(); }

}  // namespace tlsock
