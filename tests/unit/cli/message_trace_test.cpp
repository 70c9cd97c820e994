// --trace's lines (cli/message_trace.hpp): the header line of each handshake message, its
// fields indented under it, the version the ServerHello chose carried to the later messages,
// and alerts with their meaning.
#include "cli/message_trace.hpp"

#include <doctest/doctest.h>

#include <string>

#include "unit/handshake/test_support.hpp"

using tlsock::TLSMessage;
using tlsock::cli::MessageTrace;
using tlsock::test::VectorFile;

namespace {

TLSMessage handshake(const tlsock::Bytes& bytes, bool sent) {
  return {sent, 22, tlsock::as_chars(bytes)};
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("trace: Certificate is read by the version the last ServerHello chose") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  MessageTrace trace;
  std::string hello = trace.describe(handshake(v["client_hello"], true));
  CHECK(hello.rfind(">>> ClientHello (client_hello, 1), 192 bytes\n"
                    "    version tls1_2, random 32 bytes, session_id 0 bytes\n",
                    0) == 0);
  CHECK(contains(hello, "    extension server_name (0), 11 bytes: server\n"));

  // Before any ServerHello the layout is TLS 1.2's, which these bytes are not.
  CHECK(contains(trace.describe(handshake(v["server_certificate"], false)), "malformed"));

  std::string server_hello = trace.describe(handshake(v["server_hello"], false));
  CHECK(server_hello.rfind("<<< ServerHello (server_hello, 2), 86 bytes\n", 0) == 0);
  CHECK(trace.describe(handshake(v["server_certificate"], false)) ==
        "<<< Certificate (certificate, 11), 441 bytes\n"
        "    request_context 0 bytes\n"
        "    certificate 0: 432 bytes, subject CN=rsa; issuer CN=rsa\n");

  // A new ClientHello starts a new connection: TLS 1.2's layout again until its ServerHello.
  (void)trace.describe(handshake(v["client_hello"], true));
  CHECK(contains(trace.describe(handshake(v["server_certificate"], false)), "malformed"));
}

TEST_CASE("trace: alerts, ChangeCipherSpec and other records") {
  MessageTrace trace;
  CHECK(trace.describe({false, 21, std::string_view("\x02\x28", 2)}) ==
        "<<< Alert fatal handshake_failure (40): no acceptable set of parameters (suite, group, "
        "signature...) was found\n");
  CHECK(trace.describe({true, 21, std::string_view("\x02", 1)}) ==
        ">>> Alert (malformed: 1 bytes)\n");
  CHECK(trace.describe({true, 20, std::string_view("\x01", 1)}) == ">>> ChangeCipherSpec\n");
  CHECK(trace.describe({false, 23, "hello"}) == "<<< application_data, 5 bytes\n");
}
