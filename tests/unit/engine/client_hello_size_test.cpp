// The largest legal ClientHello through the engine: about 2^17 bytes (RFC 8446 §4.1.2:
// cipher_suites<2..2^16-2>, extensions<8..2^16-1>), eight handshake records, reassembled and
// answered by a 1.3 and a 1.2 server. A ClientHello header announcing more than any legal
// ClientHello holds is decode_error as soon as the header is in, before the body arrives.
#include <doctest/doctest.h>

#include <chrono>

#include "engine/connection.hpp"
#include "engine_pair_checks.hpp"

namespace tlsock::test {
namespace {

constexpr ProtocolVersion v12 = ProtocolVersion::tls1_2;
constexpr ProtocolVersion v13 = ProtocolVersion::tls1_3;

// The largest legal ClientHello body: version, random, session id<0..32>,
// cipher_suites<2..2^16-2>, compression_methods<1..2^8-1>, extensions<8..2^16-1>.
constexpr size_t kLargestClientHello = 2 + 32 + (1 + 32) + (2 + 65534) + (1 + 255) + (2 + 65535);

// Records in a buffer of whole records (5-byte headers).
size_t count_records(ByteView out) {
  size_t n = 0;
  for (size_t at = 0; at + 5 <= out.size(); at += 5 + ((size_t{out[at + 3]} << 8) | out[at + 4])) ++n;
  return n;
}

// A plaintext handshake record holding `content`.
Bytes handshake_record(ByteView content) {
  Bytes r = {0x16, 0x03, 0x01, static_cast<uint8_t>(content.size() >> 8), static_cast<uint8_t>(content.size())};
  r.insert(r.end(), content.begin(), content.end());
  return r;
}

}  // namespace

TEST_CASE("engine: a ClientHello of about 2^17 bytes over eight records is answered (1.3 and 1.2)") {
  for (ProtocolVersion server_max : {v13, v12}) {
    CAPTURE(server_max);
    EnginePair p;
    // 32,700 cipher suites (all but a few unassigned: 0x2000 on, TLS_FALLBACK_SCSV 0x5600
    // skipped) and a 64,000-byte unknown extension.
    for (uint32_t v = 0x2000; p.client_config.cipher_suites.size() < 32'700; ++v) {
      if (v != 0x5600) p.client_config.cipher_suites.push_back(static_cast<CipherSuite>(v));
    }
    p.client_config.extra_extensions.push_back({static_cast<ExtensionType>(0xfe01), Bytes(64'000, 0x5a)});
    p.client_options.min_version = v12;
    p.server_options.min_version = v12;
    p.server_options.max_version = server_max;
    REQUIRE(p.start().ok());
    ByteView hello = p.client->pending_output();
    CHECK(hello.size() > 129'000);
    CHECK(count_records(hello) == 8);
    auto begin = std::chrono::steady_clock::now();
    p.pump();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin);
    MESSAGE("handshake over a " << hello.size() << "-byte ClientHello: " << ms.count() << " ms");
    if (p.server->failed()) FAIL("server: " << p.server->error()->message());
    if (p.client->failed()) FAIL("client: " << p.client->error()->message());
    REQUIRE(p.established());
    check_traffic(p, server_max);
  }
}

TEST_CASE("engine: a ClientHello header over the largest legal length is decode_error from the header") {
  for (ProtocolVersion server_max : {v13, v12}) {
    for (size_t length : {kLargestClientHello, kLargestClientHello + 1, size_t{0xffffff}}) {
      CAPTURE(server_max);
      CAPTURE(length);
      EnginePair p;
      p.server_options.min_version = v12;
      p.server_options.max_version = server_max;
      REQUIRE(p.start().ok());
      // The header and the first bytes of the body: nothing more arrives.
      Bytes content = {0x01, static_cast<uint8_t>(length >> 16), static_cast<uint8_t>(length >> 8),
                       static_cast<uint8_t>(length), 0x03, 0x03};
      auto took = p.server->feed(handshake_record(content));
      if (length == kLargestClientHello) {
        // Legal: the server waits for the rest.
        REQUIRE(took.ok());
        CHECK_FALSE(p.server->failed());
        CHECK_FALSE(p.server->has_output());
      } else {
        CHECK_FALSE(took.ok());
        REQUIRE(p.server->failed());
        CHECK(p.server->error()->alert == AlertDescription::decode_error);
      }
    }
  }
}

}  // namespace tlsock::test
