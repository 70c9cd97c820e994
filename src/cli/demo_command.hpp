// `tlsock demo`: versions, the crypto self-test, then handshakes against tlsock and OpenSSL
// with a certificate chain made for the run, as a table (see demo_command.cpp).
#pragma once

// Returns the process exit status: 0 when the self-test passed and every row went as expected.
int run_demo_command();
