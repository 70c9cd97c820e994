// tlsock: a TLS 1.2 / TLS 1.3 stack with Python's ssl API, spelled in C++20.
#pragma once

#include "tlsock/buffer.hpp"
#include "tlsock/cert_utils.hpp"
#include "tlsock/constants.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/get_server_certificate.hpp"
#include "tlsock/inspect.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/peer_certificate.hpp"
#include "tlsock/session_file.hpp"
#include "tlsock/socket.hpp"
#include "tlsock/ssl_connection.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_object.hpp"
#include "tlsock/ssl_session.hpp"
#include "tlsock/ssl_socket.hpp"
#include "tlsock/version.hpp"
