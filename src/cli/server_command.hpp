// `tlsock server`: OpenSSL's s_server on the public API (see server_command.cpp).
#pragma once

// argv[0] is "server". Returns the process exit status.
int run_server_command(int argc, char** argv);
