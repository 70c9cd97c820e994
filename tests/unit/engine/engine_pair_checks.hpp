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

// `refuser` failed with `alert`, and `peer` failed on receiving that same alert.
inline void check_refused(Connection& refuser, Connection& peer, AlertDescription alert) {
  REQUIRE(refuser.failed());
  CHECK(refuser.error()->alert == alert);
  REQUIRE(peer.failed());
  CHECK(peer.error()->kind == ErrorKind::peer_alert);
  CHECK(peer.error()->alert == alert);
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
