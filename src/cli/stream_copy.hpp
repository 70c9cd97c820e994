// The client's data phase: stdin to the connection and the connection to stdout, unbuffered.
#pragma once

#include "tlsock/ssl_socket.hpp"

namespace tlsock::cli {

// Copies in_fd to `tls` and `tls` to out_fd as bytes come, in one poll() loop (the socket is
// made non-blocking). At EOF of in_fd it sends close_notify and copies what still arrives
// until the peer closes or wait_seconds pass. Returns when the peer closed (close_notify or
// TCP EOF) or the wait is over: true when the peer closed before we sent close_notify (ours
// is then still to be sent: unwrap()). Connection errors propagate as the facade's exceptions.
bool copy_until_closed(SSLSocket& tls, int in_fd, int out_fd, double wait_seconds);

}  // namespace tlsock::cli
