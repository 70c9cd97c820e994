// tlsock: a TLS 1.2 / TLS 1.3 stack with Python's ssl API, spelled in C++20.
#pragma once

#include "tlsock/peer_certificate.hpp"
#include "tlsock/version.hpp"
