// Doctest steps over an EnginePair that the engine test files share (engine_test_support.hpp
// stays free of doctest: the benchmark uses it too).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string_view>

#include "engine_test_support.hpp"

namespace tlsock::test {

// write_app() takes all of `data` or nothing: here, all.
inline void send(Connection& c, std::string_view data) {
  auto n = c.write_app(as_bytes(data));
  REQUIRE(n.ok());
  REQUIRE(*n == data.size());
}

// start(), then pump (`chunk` bytes per feed) until both sides are established.
inline void handshake(EnginePair& p, size_t chunk = SIZE_MAX) {
  REQUIRE(p.start().ok());
  p.pump(chunk);
  if (p.client->failed()) FAIL("client: " << p.client->error()->message());
  if (p.server->failed()) FAIL("server: " << p.server->error()->message());
  REQUIRE(p.established());
}

// The client offers post-handshake authentication with the client-p256 identity; the server
// verifies client certificates against the test CA.
inline void offer_post_handshake_auth(EnginePair& p) {
  auto client_id = load_identity("client-p256");
  REQUIRE(client_id);
  p.client_config.post_handshake_auth = true;
  p.client_config.certificate = std::move(*client_id);
  p.server_options.verify = policy_trusting("ca.pem", std::nullopt);
}

// `refuser` failed with `alert`, and `peer` failed on receiving that same alert.
inline void check_refused(Connection& refuser, Connection& peer, AlertDescription alert) {
  REQUIRE(refuser.failed());
  CHECK(refuser.error()->alert == alert);
  REQUIRE(peer.failed());
  CHECK(peer.error()->kind == ErrorKind::peer_alert);
  CHECK(peer.error()->alert == alert);
}

// `c` refused what it was just fed with `alert`: the feed's Error, the sticky failure, kEnded
// (the facade stops waiting for input), and an alert as the last record queued: in the clear
// (its bytes checked), or sealed (TLS 1.3: an application_data record of 2 + 1 + 16 bytes;
// TLS 1.2: an alert record of 2 bytes + tag, + 8 bytes of explicit nonce for AES-GCM).
inline void check_fails(Connection& c, const Result<size_t>& fed, AlertDescription alert) {
  REQUIRE_FALSE(fed.ok());
  CHECK(fed.error().kind != ErrorKind::peer_alert);
  CHECK(fed.error().alert == alert);
  REQUIRE(c.failed());
  CHECK(c.error()->alert == alert);
  CHECK((c.status() & kEnded) != 0);
  CHECK(!c.wants_input());
  REQUIRE(c.has_output());
  ByteView out = c.pending_output();
  size_t last = 0;
  for (size_t off = 0; off + 5 <= out.size(); off += 5 + ((size_t{out[off + 3]} << 8) | out[off + 4])) last = off;
  ByteView record = out.subspan(last);
  size_t length = record.size() - 5;
  if (record[0] == 0x15 && length == 2) {
    CHECK(record[5] == 2);
    CHECK(record[6] == static_cast<uint8_t>(alert));
  } else {
    bool sealed13 = record[0] == 0x17 && length == 2 + 1 + 16;
    bool sealed12 = record[0] == 0x15 && (length == 2 + 16 || length == 8 + 2 + 16);
    CHECK((sealed13 || sealed12));
  }
}

// Both directions carry data, and both sides agree on what they negotiated at `version`.
inline void check_traffic(EnginePair& p, ProtocolVersion version) {
  send(*p.client, "ping from client");
  send(*p.server, "pong from server");
  p.pump();
  CHECK(p.server_received == "ping from client");
  CHECK(p.client_received == "pong from server");
  CHECK(p.client->version() == version);
  CHECK(p.server->version() == version);
  CHECK(p.client->cipher_suite() == p.server->cipher_suite());
  CHECK(p.client->group() == p.server->group());
  CHECK(!p.client->tls_unique().empty());
  CHECK(std::ranges::equal(p.client->tls_unique(), p.server->tls_unique()));
  auto a = p.client->export_keying_material("EXPORTER-test", as_bytes(std::string_view("ctx")), 32);
  auto b = p.server->export_keying_material("EXPORTER-test", as_bytes(std::string_view("ctx")), 32);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == 32);
  CHECK(*a == *b);
}

}  // namespace tlsock::test
