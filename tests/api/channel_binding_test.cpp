// Channel bindings checked against what is on the wire and in the key log, not against the
// engine's own bookkeeping: tls-unique is the first Finished of the handshake as Python gives
// it (the client's after a full handshake, also under TLS 1.3; the server's after a TLS 1.2
// resumption), seen through the context's msg_callback; tls-exporter is RFC 9266's exporter,
// recomputed from the EXPORTER_SECRET of the NSS key log with RFC 8446 §7.5.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "api/bio_pair.hpp"
#include "api/tls_contexts.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"
#include "tlsock/constants.hpp"

using namespace tlsock;
using tlsock::testing::BioPair;
using tlsock::testing::client_context;
using tlsock::testing::server_context;

namespace {

constexpr int kHandshake = 22;
constexpr char kFinished = 20;

// The Finished bodies a context's connections sent and received, in wire order.
struct FinishedLog {
  std::vector<std::pair<bool, std::string>> messages;  // (sent, verify_data)

  void watch(SSLContext& ctx) {
    ctx.set_msg_callback([this](const TLSMessage& m) {
      if (m.content_type == kHandshake && m.data.size() > 4 && m.data[0] == kFinished) {
        messages.emplace_back(m.sent, std::string(m.data.substr(4)));
      }
    });
  }
  std::string first_on_wire() const { return messages.at(0).second; }
  std::string first_sent() const {
    for (const auto& [sent, body] : messages) {
      if (sent) return body;
    }
    return {};
  }
};

Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

TEST_CASE("tls-unique: the first Finished, as Python defines it") {
  SUBCASE("TLS 1.3, full handshake: the client's Finished") {
    SSLContext cctx = client_context();
    FinishedLog log;
    log.watch(cctx);
    BioPair p(cctx, server_context());
    p.handshake();
    REQUIRE(log.messages.size() == 2);
    CHECK_FALSE(log.messages[0].first);  // the server's Finished comes first in TLS 1.3
    std::optional<std::string> cb = p.client.get_channel_binding("tls-unique");
    CHECK(cb == log.first_sent());
    CHECK(cb->size() == (p.client.cipher()->name == "TLS_AES_256_GCM_SHA384" ? 48u : 32u));
    CHECK(p.server.get_channel_binding("tls-unique") == cb);
  }
  SUBCASE("TLS 1.2: the client's Finished, then the server's after a resumption") {
    SSLContext cctx = client_context();
    cctx.set_maximum_version(TLSVersion::TLSv1_2);
    SSLContext sctx = server_context();
    FinishedLog full_log;
    full_log.watch(cctx);
    BioPair full(cctx, sctx);
    full.handshake();
    std::optional<std::string> cb = full.client.get_channel_binding("tls-unique");
    CHECK(cb == full_log.first_on_wire());
    CHECK(full_log.messages[0].first);  // sent by the client
    CHECK(cb->size() == 12);
    CHECK(full.server.get_channel_binding("tls-unique") == cb);

    FinishedLog resumed_log;
    resumed_log.watch(cctx);
    BioPair resumed(cctx, sctx, {.server_hostname = "localhost", .session = full.client.session()});
    resumed.handshake();
    REQUIRE(resumed.client.session_reused() == true);
    std::optional<std::string> resumed_cb = resumed.client.get_channel_binding("tls-unique");
    CHECK(resumed_cb == resumed_log.first_on_wire());
    CHECK_FALSE(resumed_log.messages[0].first);  // the server's
    CHECK(resumed.server.get_channel_binding("tls-unique") == resumed_cb);
    CHECK(resumed_cb != cb);
  }
}

TEST_CASE("tls-exporter: RFC 9266 from the key log's EXPORTER_SECRET (RFC 8446 §7.5)") {
  char path[] = "/tmp/tlsock-cb-keylog-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  SSLContext cctx = client_context();
  cctx.set_keylog_filename(std::string(path));
  BioPair p(cctx, server_context());
  p.handshake();
  cctx.set_keylog_filename(std::nullopt);

  std::ifstream file(path);
  std::string line, exporter_secret_hex;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string label, client_random, secret;
    fields >> label >> client_random >> secret;
    if (label == "EXPORTER_SECRET") exporter_secret_hex = secret;
  }
  std::remove(path);
  REQUIRE_FALSE(exporter_secret_hex.empty());

  HashAlgorithm alg = p.client.cipher()->name == "TLS_AES_256_GCM_SHA384" ? HashAlgorithm::sha384
                                                                            : HashAlgorithm::sha256;
  Bytes exporter_secret = from_hex(exporter_secret_hex);
  Digest empty_hash = Hash::compute(alg, ByteView());
  // TLS-Exporter(label, "", 32) = HKDF-Expand-Label(Derive-Secret(secret, label, ""),
  //                                                 "exporter", Hash(""), 32)
  Result<Secret> derived = hkdf_expand_label(alg, exporter_secret, "EXPORTER-Channel-Binding",
                                             empty_hash, hash_length(alg));
  REQUIRE(derived);
  Result<Secret> expected = hkdf_expand_label(alg, derived->view(), "exporter", empty_hash, 32);
  REQUIRE(expected);
  std::string expected_text(expected->view().begin(), expected->view().end());

  CHECK(p.client.get_channel_binding("tls-exporter") == expected_text);
  CHECK(p.server.get_channel_binding("tls-exporter") == expected_text);
  CHECK(std::find(CHANNEL_BINDING_TYPES.begin(), CHANNEL_BINDING_TYPES.end(), "tls-exporter") !=
        CHANNEL_BINDING_TYPES.end());
}
