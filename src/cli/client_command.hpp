// `tlsock client HOST:PORT`: OpenSSL's s_client on the public API (see client_command.cpp).
#pragma once

// argv[0] is "client". Returns the process exit status.
int run_client_command(int argc, char** argv);
