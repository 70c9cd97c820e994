// Large ClientHellos: every ClientHello the presentation language allows (RFC 8446 §4.1.2:
// cipher_suites<2..2^16-2>, extensions<8..2^16-1>, so up to about 2^17 bytes) is accepted and
// answered, without work that grows faster than its size; one whose inner lengths disagree with
// the message is decode_error. tests/unit/engine/client_hello_size_test.cpp sends the largest
// through the engine (records, reassembly, the header limit).
#include <functional>

#include "handshake/messages/server_hello.hpp"
#include "pair.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

Pair make_pair_() {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  return p;
}

// `count` code points from `first` on, none of them assigned in the registry the test uses
// them for (0x5600, TLS_FALLBACK_SCSV, is skipped).
template <typename T>
std::vector<T> unassigned(uint16_t first, size_t count) {
  std::vector<T> out;
  for (uint32_t v = first; out.size() < count; ++v) {
    if (v != 0x5600) out.push_back(static_cast<T>(v));
  }
  return out;
}

template <typename T>
void append_all(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void append(Bytes& to, const Bytes& from) { append_all(to, from); }

// The server reads the (rewritten) ClientHello and answers with a ServerHello.
void check_answered(Pair& p, size_t min_size) {
  CHECK(p.to_server.front().size() >= min_size);
  auto st = p.step_server();
  INFO((st.ok() ? "" : st.error().message()));
  REQUIRE(st.ok());
  REQUIRE_FALSE(p.to_client.empty());
  auto sh = ServerHello::decode(body_of(p.to_client.front(), HandshakeType::server_hello));
  REQUIRE(sh.ok());
  CHECK(sh->cipher_suite == CipherSuite::TLS_AES_128_GCM_SHA256);
}

}  // namespace

TEST_CASE("ClientHello size: large legal ClientHellos are answered") {
  struct Row {
    const char* rule;
    size_t min_size;
    std::function<void(ClientConfig&)> configure;
  };
  const Row rows[] = {
      {"an unknown extension of 65,000 bytes", 65'000,
       [](ClientConfig& c) { c.extra_extensions.push_back({static_cast<ExtensionType>(0xfe01), Bytes(65'000, 0x5a)}); }},
      {"32,000 signature schemes, all but a few unknown", 64'000,
       [](ClientConfig& c) { append_all(c.signature_schemes, unassigned<SignatureScheme>(0x8000, 32'000)); }},
      {"11,000 cipher suites, all but three unknown", 22'000,
       [](ClientConfig& c) { append_all(c.cipher_suites, unassigned<CipherSuite>(0x2000, 11'000)); }},
      {"about 2^17 bytes: 32,700 cipher suites and a 64,000-byte extension", 129'000,
       [](ClientConfig& c) {
         append_all(c.cipher_suites, unassigned<CipherSuite>(0x2000, 32'700));
         c.extra_extensions.push_back({static_cast<ExtensionType>(0xfe01), Bytes(64'000, 0x5a)});
       }},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    row.configure(p.client_config);
    REQUIRE(p.start().ok());
    check_answered(p, row.min_size);
    // And the whole handshake completes over it.
    auto st = p.run();
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    CHECK(p.connected());
  }
}

// Lists whose every element is checked against the others (duplicate extensions, duplicate
// key share groups, shares in supported_groups): as many elements as 64 KiB of extensions hold.
TEST_CASE("ClientHello size: many small elements are answered") {
  struct Row {
    const char* rule;
    std::function<void(ClientHello&)> mutate;
  };
  const Row rows[] = {
      {"16,000 empty unknown extensions",
       [](ClientHello& c) {
         for (uint16_t t : unassigned<uint16_t>(0x4000, 16'000)) c.extensions.add(static_cast<ExtensionType>(t), {});
       }},
      {"6,000 one-byte key shares for unknown groups, all in supported_groups",
       [](ClientHello& c) {
         Bytes groups = {0x2e, 0xe0};  // 6,000 groups: 12,000 bytes
         Bytes shares = {0x75, 0x30};  // 6,000 shares of 5 bytes: 30,000 bytes
         for (uint16_t g : unassigned<uint16_t>(0x6000, 6'000)) {
           for (Bytes* b : {&groups, &shares}) {
             b->push_back(static_cast<uint8_t>(g >> 8));
             b->push_back(static_cast<uint8_t>(g));
           }
           append(shares, {0, 1, 0x42});
         }
         // The client's own groups and share come last, so the server still finds them.
         const Extension* own_groups = c.extensions.find(ExtensionType::supported_groups);
         const Extension* own_shares = c.extensions.find(ExtensionType::key_share);
         groups.insert(groups.end(), own_groups->body.begin() + 2, own_groups->body.end());
         shares.insert(shares.end(), own_shares->body.begin() + 2, own_shares->body.end());
         for (Bytes* b : {&groups, &shares}) {
           size_t n = b->size() - 2;
           (*b)[0] = static_cast<uint8_t>(n >> 8);
           (*b)[1] = static_cast<uint8_t>(n);
         }
         Extensions e;
         for (const auto& x : c.extensions) {
           if (x.type == ExtensionType::supported_groups) {
             e.add(x.type, groups);
           } else if (x.type == ExtensionType::key_share) {
             e.add(x.type, shares);
           } else {
             e.add(x.type, x.body);
           }
         }
         c.extensions = std::move(e);
       }},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    auto ch = ClientHello::decode(body_of(p.to_server.front(), HandshakeType::client_hello));
    REQUIRE(ch.ok());
    row.mutate(*ch);
    auto encoded = ch->encode();
    REQUIRE(encoded.ok());
    p.to_server.front() = *encoded;
    check_answered(p, 40'000);
  }
}

// RFC 8446 §6.2: "a message could not be decoded because ... the length of the message was
// incorrect" -> decode_error. Each row breaks the body of a good ClientHello; the handshake
// header stays consistent with the body.
TEST_CASE("ClientHello size: inner lengths that disagree with the message are decode_error") {
  // Offsets in a ClientHello body: version 2, random 32, session id 1 + 32, suites from 67.
  constexpr size_t suites_at = 2 + 32 + 1 + 32;
  const std::pair<const char*, std::function<void(Bytes&)>> rows[] = {
      {"a trailing byte after the extensions", [](Bytes& b) { b.push_back(0); }},
      {"the last extension cut short", [](Bytes& b) { b.pop_back(); }},
      {"cipher_suites longer than the message",
       [](Bytes& b) {
         b[suites_at] = 0xff;
         b[suites_at + 1] = 0xfe;
       }},
      {"extensions block shorter than what follows",
       [](Bytes& b) {
         size_t suites = (size_t{b[suites_at]} << 8) | b[suites_at + 1];
         size_t ext_at = suites_at + 2 + suites + 2;  // after compression methods {0}
         size_t n = ((size_t{b[ext_at]} << 8) | b[ext_at + 1]) - 1;
         b[ext_at] = static_cast<uint8_t>(n >> 8);
         b[ext_at + 1] = static_cast<uint8_t>(n);
       }},
  };
  for (const auto& [rule, mutate] : rows) {
    INFO("row: " << std::string(rule));
    Pair p = make_pair_();
    p.client_config.legacy_session_id = Bytes(32, 3);
    REQUIRE(p.start().ok());
    ByteView body = body_of(p.to_server.front(), HandshakeType::client_hello);
    Bytes b(body.begin(), body.end());
    mutate(b);
    p.to_server.front() = *encode_handshake_message(HandshakeType::client_hello, b);
    CHECK_ALERT(p.step_server(), AlertDescription::decode_error);
  }
}
