// NSS key log lines (the SSLKEYLOGFILE format read by Wireshark): "<LABEL> <client_random hex>
// <secret hex>". TLS 1.3 labels: CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
// CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/bytes.hpp"

namespace tlsock {

// Receives one line, without the newline. The line holds a secret: the callback owns what it
// does with it (the facade appends it to keylog_filename).
using KeyLogCallback = std::function<void(std::string_view line)>;

std::string nss_key_log_line(std::string_view label, ByteView client_random, ByteView secret);

}  // namespace tlsock
