// Key-log check: tshark decrypts a captured tlsock session with the key log tlsock
// wrote (SSLContext::set_keylog_filename), TLS 1.3 and TLS 1.2. Both ends are tlsock (the
// server on a thread); the client writes the key log; LoopbackCapture records the packets
// (see its header for why not dumpcap); tshark follows the TLS stream and must print the
// application data of both directions in clear.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "../child_process.hpp"
#include "loopback_capture.hpp"
#include "peer_command.hpp"
#include "tlsock/tlsock.hpp"

namespace tlsock::interop::matrix {
namespace {

constexpr double kSocketTimeout = 10.0;

std::string temp_path(const std::string& what) {
  return "/tmp/tlsock-keylog-" + what + "-" + std::to_string(getpid());
}

// Reads until `needle` arrived (bounded by the socket's timeout).
std::string read_until(SSLSocket& s, const std::string& needle) {
  std::string got;
  while (got.find(needle) == std::string::npos) {
    std::string chunk = s.recv(4096);
    if (chunk.empty()) break;
    got += chunk;
  }
  return got;
}

}  // namespace

TEST_CASE("interop key log: tshark decrypts a captured tlsock session with tlsock's key log") {
  for (TLSVersion version : {TLSVersion::TLSv1_3, TLSVersion::TLSv1_2}) {
    const std::string label = version == TLSVersion::TLSv1_3 ? "13" : "12";
    CAPTURE(label);
    const std::string keylog = temp_path(label + ".keys");
    const std::string pcap = temp_path(label + ".pcap");
    const std::string request = "GET /tlsock-keylog-request-" + label + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const std::string body = "tlsock-keylog-response-" + label;
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                                 "\r\nConnection: close\r\n\r\n" + body;

    Socket listener(AF_INET, SOCK_STREAM);
    listener.bind("127.0.0.1", 0);
    listener.listen();
    listener.settimeout(kSocketTimeout);
    const auto port = static_cast<uint16_t>(listener.getsockname().port);
    LoopbackCapture capture(pcap, port);
    REQUIRE_MESSAGE(capture.ok(), capture.error());

    SSLContext server_ctx(PROTOCOL_TLS_SERVER);
    server_ctx.load_cert_chain(vector_file("server-p256.pem"), vector_file("server-p256.key.pem"));
    std::exception_ptr server_error;
    std::thread server([&] {
      try {
        auto [raw, address] = listener.accept();
        raw.settimeout(kSocketTimeout);
        SSLSocket s = server_ctx.wrap_socket(std::move(raw), {.server_side = true});
        read_until(s, "\r\n\r\n");
        s.sendall(response);
        s.unwrap().close();
      } catch (...) {
        server_error = std::current_exception();
      }
    });

    SSLContext client_ctx(PROTOCOL_TLS_CLIENT);
    client_ctx.load_verify_locations({.cafile = vector_file("ca.pem")});
    client_ctx.set_maximum_version(version);
    std::remove(keylog.c_str());
    client_ctx.set_keylog_filename(keylog);
    {
      Socket raw(AF_INET, SOCK_STREAM);
      raw.settimeout(kSocketTimeout);
      raw.connect({"127.0.0.1", port});
      SSLSocket s = client_ctx.wrap_socket(std::move(raw), {.server_hostname = "localhost"});
      CHECK(s.version() == (version == TLSVersion::TLSv1_3 ? "TLSv1.3" : "TLSv1.2"));
      s.sendall(request);
      CHECK(read_until(s, body).find(body) != std::string::npos);
      s.unwrap().close();
    }
    server.join();
    if (server_error) std::rethrow_exception(server_error);
    client_ctx.set_keylog_filename(std::nullopt);
    CHECK(capture.stop() > 0);

    // -d: the capture's port is no TLS port tshark knows; follow,tls prints the decrypted
    // application data of the first TCP stream, both directions.
    ChildProcess tshark({"tshark", "-n", "-r", pcap, "-o", "tls.keylog_file:" + keylog, "-d",
                         "tcp.port==" + std::to_string(port) + ",tls", "-q", "-z", "follow,tls,ascii,0"});
    REQUIRE(tshark.started());
    REQUIRE(tshark.wait_exit(std::chrono::seconds(60)));
    const std::string decrypted = tshark.output();
    CHECK_MESSAGE(decrypted.find("GET /tlsock-keylog-request-" + label) != std::string::npos, decrypted);
    CHECK_MESSAGE(decrypted.find(body) != std::string::npos, decrypted);

    // Without the key log, tshark sees no application data in clear: the check above is not
    // satisfied by the capture alone.
    ChildProcess blind({"tshark", "-n", "-r", pcap, "-d", "tcp.port==" + std::to_string(port) + ",tls",
                        "-q", "-z", "follow,tls,ascii,0"});
    REQUIRE(blind.wait_exit(std::chrono::seconds(60)));
    CHECK(blind.output().find(body) == std::string::npos);
    std::remove(keylog.c_str());
    std::remove(pcap.c_str());
  }
}

}  // namespace tlsock::interop::matrix
