#include "tlsock/version.hpp"

namespace tlsock {

const char* version() { return TLSOCK_VERSION_STRING; }

}  // namespace tlsock
