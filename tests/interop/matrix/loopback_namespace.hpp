// A loopback-only network namespace for the calling thread.
//
// gnutls-serv listens on every interface (0.0.0.0 and ::), which the tests must not do on the
// host. unshare(CLONE_NEWNET) moves only the calling thread into a new namespace (namespaces
// belong to tasks, and each thread is one), where `lo` is the only interface; the thread then
// brings it up. Sockets the thread creates and processes it spawns afterwards (posix_spawn
// clones the calling thread) live there, so gnutls-serv and the tlsock client that talks to
// it share 127.0.0.1 and nothing else sees either. Other threads of the test stay on the
// host. Needs CAP_SYS_ADMIN and CAP_NET_ADMIN (the tests run as root).
#pragma once

#include <string>

namespace tlsock::interop::matrix {

// Empty on success, else what failed (with strerror).
std::string enter_loopback_namespace();

}  // namespace tlsock::interop::matrix
