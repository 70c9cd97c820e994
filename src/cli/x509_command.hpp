// `tlsock x509 ...`: decode, verify and the x509-limbo harness (see x509_command.cpp).
#pragma once

// argv[0] is "x509". Returns the process exit status.
int run_x509_command(int argc, char** argv);
