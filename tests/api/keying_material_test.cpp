// Beyond Python's API (OpenSSL's SSL_export_keying_material and SSL_key_update):
// SSLConnection::export_keying_material() (RFC 5705, RFC 8446 §7.5) and key_update()
// (RFC 8446 §4.6.3), over two SSLObjects.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"
#include "tlsock/errors.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

SSLContext tls12_client() {
  SSLContext ctx = client_context();
  ctx.set_maximum_version(TLSVersion::TLSv1_2);
  return ctx;
}

// Sends `data` from one side and returns what the other side reads.
std::string send(BioPair& p, SSLObject& from, SSLObject& to, const std::string& data) {
  from.write(data);
  p.transfer();
  return to.read(1024);
}

}  // namespace

TEST_CASE("export_keying_material: both sides agree, length and context change it") {
  for (bool tls12 : {false, true}) {
    CAPTURE(tls12);
    BioPair p(tls12 ? tls12_client() : client_context(), server_context());
    CHECK_FALSE(p.client.export_keying_material("EXPORTER-test", 32));
    p.handshake();
    CHECK(p.client.version() == (tls12 ? "TLSv1.2" : "TLSv1.3"));

    auto key = p.client.export_keying_material("EXPORTER-test", 32);
    REQUIRE(key);
    CHECK(key->size() == 32);
    CHECK(p.server.export_keying_material("EXPORTER-test", 32) == key);
    CHECK(p.client.export_keying_material("EXPORTER-other", 32) != key);
    auto with_context = p.client.export_keying_material("EXPORTER-test", 32, "ctx");
    CHECK(with_context != key);
    CHECK(p.server.export_keying_material("EXPORTER-test", 32, "ctx") == with_context);
    CHECK(p.client.export_keying_material("EXPORTER-test", 100)->size() == 100);
    // RFC 5705 §4: TLS 1.2 tells no context from an empty one; RFC 8446 §7.5: TLS 1.3 does not.
    bool empty_is_none = p.client.export_keying_material("EXPORTER-test", 32, "") == key;
    CHECK(empty_is_none == !tls12);
    if (!tls12) {
      CHECK(p.client.export_keying_material("EXPORTER-Channel-Binding", 32) ==
            p.client.get_channel_binding("tls-exporter"));
    }
  }
}

TEST_CASE("key_update: TLS 1.3 only, after the handshake; data flows on with the new keys") {
  BioPair p(client_context(), server_context());
  CHECK_THROWS_AS(p.client.key_update(), SSLError);  // still in the handshake
  p.handshake();
  p.client.key_update(true);  // asks the server to update too
  CHECK(send(p, p.client, p.server, "after the update") == "after the update");
  CHECK(send(p, p.server, p.client, "answered") == "answered");
  p.server.key_update();
  CHECK(send(p, p.server, p.client, "again") == "again");
  CHECK(send(p, p.client, p.server, "and back") == "and back");

  BioPair tls12(tls12_client(), server_context());
  tls12.handshake();
  try {
    tls12.client.key_update();
    FAIL("key_update() on TLS 1.2 did not fail");
  } catch (const SSLError& e) {
    CHECK(e.reason() == "WRONG_SSL_VERSION");
  }
}
