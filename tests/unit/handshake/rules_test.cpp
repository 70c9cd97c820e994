// Table-driven negative tests: one row per MUST in docs/handshake_checks.md that a live peer is
// needed to reach. Each row mutates one message of an otherwise good in-memory handshake and
// checks the exact alert the receiving state machine produces.
#include <functional>

#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "pair.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

Bytes reencode_server_hello(const Bytes& msg, const std::function<void(ServerHello&)>& f) {
  auto sh = ServerHello::decode(body_of(msg, HandshakeType::server_hello));
  REQUIRE(sh.ok());
  f(*sh);
  auto out = sh->encode();
  REQUIRE(out.ok());
  return *out;
}

Bytes reencode_client_hello(const Bytes& msg, const std::function<void(ClientHello&)>& f) {
  auto ch = ClientHello::decode(body_of(msg, HandshakeType::client_hello));
  REQUIRE(ch.ok());
  f(*ch);
  auto out = ch->encode();
  REQUIRE(out.ok());
  return *out;
}

void set_ext(Extensions& e, ExtensionType t, Bytes body) {
  Extensions out;
  bool done = false;
  for (const auto& x : e) {
    if (x.type == t) {
      out.add(t, body);
      done = true;
    } else {
      out.add(x.type, x.body);
    }
  }
  if (!done) out.add(t, std::move(body));
  e = std::move(out);
}

Pair make_pair_() {
  Pair p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  return p;
}

// A ClientHello edit: these key shares instead of the client's.
std::function<void(ClientHello&)> with_shares(std::vector<KeyShareEntry> shares) {
  return [shares](ClientHello& c) { set_ext(c.extensions, ExtensionType::key_share, *KeyShareClientHello{shares}.encode()); };
}

// An uncompressed-point prefix (0x04) and length - 1 bytes: the right form, maybe the wrong size.
Bytes ec_point(size_t length) {
  Bytes b(length, 7);
  b[0] = 4;
  return b;
}

struct ClientRow {
  const char* rule;
  std::function<void(ServerHello&)> mutate;
  AlertDescription alert;
};

}  // namespace

TEST_CASE("client rules: ServerHello") {
  const ClientRow rows[] = {
      {"cipher suite not offered", [](ServerHello& sh) { sh.cipher_suite = CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; },
       AlertDescription::illegal_parameter},
      {"session id echo mismatch", [](ServerHello& sh) { sh.legacy_session_id_echo[0] ^= 1; },
       AlertDescription::illegal_parameter},
      {"compression method not 0", [](ServerHello& sh) { sh.legacy_compression_method = 1; },
       AlertDescription::illegal_parameter},
      {"legacy_version not 0x0303", [](ServerHello& sh) { sh.legacy_version = ProtocolVersion::tls1_3; },
       AlertDescription::illegal_parameter},
      {"legacy_version 0x0300 (supported_versions selects 1.3)",
       [](ServerHello& sh) { sh.legacy_version = ProtocolVersion::ssl3_0; }, AlertDescription::protocol_version},
      {"legacy_version 0x0200", [](ServerHello& sh) { sh.legacy_version = static_cast<ProtocolVersion>(0x0200); },
       AlertDescription::protocol_version},
      {"supported_versions selects TLS 1.2",
       [](ServerHello& sh) { set_ext(sh.extensions, ExtensionType::supported_versions, {0x03, 0x03}); },
       AlertDescription::illegal_parameter},
      {"TLS 1.2 with downgrade sentinel",
       [](ServerHello& sh) {
         sh.extensions.remove(ExtensionType::supported_versions);
         std::copy(kDowngradeSentinelTls12.begin(), kDowngradeSentinelTls12.end(), sh.random.end() - 8);
       },
       AlertDescription::illegal_parameter},
      {"TLS 1.1 with downgrade sentinel",
       [](ServerHello& sh) {
         sh.extensions.remove(ExtensionType::supported_versions);
         std::copy(kDowngradeSentinelTls11.begin(), kDowngradeSentinelTls11.end(), sh.random.end() - 8);
       },
       AlertDescription::illegal_parameter},
      {"TLS 1.2 chosen, 1.3-only client",
       [](ServerHello& sh) { sh.extensions.remove(ExtensionType::supported_versions); },
       AlertDescription::protocol_version},
      {"key share for a group not offered",
       [](ServerHello& sh) {
         set_ext(sh.extensions, ExtensionType::key_share,
                 *KeyShareServerHello{{NamedGroup::secp256r1, Bytes(65, 4)}}.encode());
       },
       AlertDescription::illegal_parameter},
      {"no key_share", [](ServerHello& sh) { sh.extensions.remove(ExtensionType::key_share); },
       AlertDescription::missing_extension},
      {"invalid x25519 share (all-zero result)",
       [](ServerHello& sh) {
         set_ext(sh.extensions, ExtensionType::key_share,
                 *KeyShareServerHello{{NamedGroup::x25519, Bytes(32, 0)}}.encode());
       },
       AlertDescription::illegal_parameter},
      {"recognised extension not allowed in ServerHello",
       [](ServerHello& sh) { sh.extensions.add(ExtensionType::server_name, {}); },
       AlertDescription::illegal_parameter},
      {"unsolicited unknown extension",
       [](ServerHello& sh) { sh.extensions.add(static_cast<ExtensionType>(0x1234), {}); },
       AlertDescription::unsupported_extension},
      {"pre_shared_key not offered",
       [](ServerHello& sh) { sh.extensions.add(ExtensionType::pre_shared_key, {0, 0}); },
       AlertDescription::unsupported_extension},
      {"cookie in a ServerHello",
       [](ServerHello& sh) { sh.extensions.add(ExtensionType::cookie, {0, 1, 1}); },
       AlertDescription::illegal_parameter},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    p.to_client[0] = reencode_server_hello(p.to_client[0], row.mutate);
    CHECK_ALERT(p.step_client(), row.alert);
  }
}

// RFC 8446 §4.2.8.2: the server's share must be a valid public value for its group; a
// length other than the group's (X25519: 32, P-256: 65, P-384: 97) cannot be one.
TEST_CASE("client rules: ServerHello key share of the wrong length for its group") {
  const std::pair<KeyShareEntry, AlertDescription> rows[] = {
      {{NamedGroup::x25519, Bytes(31, 9)}, AlertDescription::illegal_parameter},
      {{NamedGroup::x25519, Bytes(33, 9)}, AlertDescription::illegal_parameter},
      {{NamedGroup::secp256r1, ec_point(64)}, AlertDescription::illegal_parameter},
      {{NamedGroup::secp256r1, ec_point(97)}, AlertDescription::illegal_parameter},
      {{NamedGroup::secp384r1, ec_point(96)}, AlertDescription::illegal_parameter},
      {{NamedGroup::secp384r1, ec_point(65)}, AlertDescription::illegal_parameter},
      // key_exchange<1..2^16-1>: an empty one is no valid public value (RFC 8446 §4.2.8, §4.2.8.2).
      {{NamedGroup::x25519, {}}, AlertDescription::illegal_parameter},
  };
  for (const auto& [share, alert] : rows) {
    INFO("row: " << name(share.group) << " share of " << share.key_exchange.size() << " bytes");
    Pair p = make_pair_();
    p.client_config.key_share_groups = {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1};
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    p.to_client[0] = reencode_server_hello(p.to_client[0], [&](ServerHello& sh) {
      set_ext(sh.extensions, ExtensionType::key_share, *KeyShareServerHello{share}.encode());
    });
    CHECK_ALERT(p.step_client(), alert);
  }
}

TEST_CASE("client rules: HelloRetryRequest") {
  const ClientRow rows[] = {
      {"HRR selects a group we already shared",
       [](ServerHello& h) { set_ext(h.extensions, ExtensionType::key_share, {0x00, 0x1d}); },
       AlertDescription::illegal_parameter},
      {"HRR selects a group not in supported_groups",
       [](ServerHello& h) { set_ext(h.extensions, ExtensionType::key_share, {0x00, 0x19}); },
       AlertDescription::illegal_parameter},
      {"HRR that changes nothing",
       [](ServerHello& h) {
         h.extensions.remove(ExtensionType::key_share);
         h.extensions.remove(ExtensionType::cookie);
       },
       AlertDescription::illegal_parameter},
      {"HRR with a suite not offered", [](ServerHello& h) { h.cipher_suite = static_cast<CipherSuite>(0x1304); },
       AlertDescription::illegal_parameter},
      {"HRR with a key_share in ServerHello form (malformed)",
       [](ServerHello& h) {
         set_ext(h.extensions, ExtensionType::key_share, *KeyShareServerHello{{NamedGroup::secp384r1, Bytes(97, 4)}}.encode());
       },
       AlertDescription::decode_error},
      {"HRR with early_data (not allowed)",
       [](ServerHello& h) { h.extensions.add(ExtensionType::early_data, {}); },
       AlertDescription::illegal_parameter},
      {"HRR with legacy_version 0x0300", [](ServerHello& h) { h.legacy_version = ProtocolVersion::ssl3_0; },
       AlertDescription::protocol_version},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    p.server_config.groups = {NamedGroup::secp384r1};
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(ServerHello::decode(body_of(p.to_client[0], HandshakeType::server_hello))->is_hello_retry_request());
    p.to_client[0] = reencode_server_hello(p.to_client[0], row.mutate);
    CHECK_ALERT(p.step_client(), row.alert);
  }
}

// The server wants secp384r1, which the client offered no share for: HelloRetryRequest, the
// second ClientHello, then the ServerHello waiting in p.to_client[0].
static void run_to_second_server_hello(Pair& p) {
  p.server_config.groups = {NamedGroup::secp384r1};
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  REQUIRE(p.step_client().ok());
  REQUIRE(p.step_server().ok());
}

TEST_CASE("client rules: ServerHello after HelloRetryRequest changes the suite") {
  Pair p = make_pair_();
  run_to_second_server_hello(p);
  p.to_client[0] = reencode_server_hello(p.to_client[0], [](ServerHello& sh) {
    sh.cipher_suite = CipherSuite::TLS_CHACHA20_POLY1305_SHA256;
  });
  CHECK_ALERT(p.step_client(), AlertDescription::illegal_parameter);
}

// RFC 8446 §4.2.8: "the client MUST verify that the selected NamedGroup in the ServerHello is
// the same as that in the HelloRetryRequest" (illegal_parameter): after the HRR the client
// holds a key for that group only.
TEST_CASE("client rules: ServerHello after HelloRetryRequest uses another group") {
  Pair p = make_pair_();
  run_to_second_server_hello(p);
  p.to_client[0] = reencode_server_hello(p.to_client[0], [](ServerHello& sh) {
    set_ext(sh.extensions, ExtensionType::key_share, *KeyShareServerHello{{NamedGroup::x25519, Bytes(32, 9)}}.encode());
  });
  CHECK_ALERT(p.step_client(), AlertDescription::illegal_parameter);
}

TEST_CASE("client rules: EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify") {
  struct Row {
    const char* rule;
    size_t index;  // which server message to replace (SH=0, EE=1, Cert=2 / CR=2, ...)
    bool with_client_auth;
    std::function<Bytes()> replacement;
    AlertDescription alert;
  };
  auto ee = [](std::function<void(Extensions&)> f) {
    return [f] {
      EncryptedExtensions e;
      f(e.extensions);
      return *e.encode();
    };
  };
  const Row rows[] = {
      {"EE: ALPN not offered", 1, false,
       ee([](Extensions& e) { e.add(ExtensionType::application_layer_protocol_negotiation, *ProtocolNameList{{"h2"}}.encode()); }),
       AlertDescription::unsupported_extension},
      {"EE: key_share not allowed", 1, false, ee([](Extensions& e) { e.add(ExtensionType::key_share, {}); }),
       AlertDescription::illegal_parameter},
      {"EE: early_data not offered", 1, false, ee([](Extensions& e) { e.add(ExtensionType::early_data, {}); }),
       AlertDescription::unsupported_extension},
      {"EE: non-empty server_name", 1, false, ee([](Extensions& e) { e.add(ExtensionType::server_name, {0}); }),
       AlertDescription::decode_error},
      {"EE: duplicate extension", 1, false,
       [] { return *encode_handshake_message(HandshakeType::encrypted_extensions, Bytes{0, 8, 0, 0, 0, 0, 0, 0, 0, 0}); },
       AlertDescription::illegal_parameter},
      {"Certificate: non-empty request context", 2, false,
       [] {
         Certificate13 c;
         c.request_context = {1};
         c.entries.push_back({Bytes{0x30, 0x03, 0x0c, 0x01, 's', 'r', 'v'}, {}});
         return *c.encode();
       },
       AlertDescription::illegal_parameter},
      {"Certificate: unsolicited entry extension", 2, false,
       [] {
         Certificate13 c;
         c.entries.push_back({Bytes{0x30, 0x03, 0x0c, 0x01, 's', 'r', 'v'}, {}});
         c.entries[0].extensions.add(ExtensionType::status_request, {1, 0, 0, 1, 0});
         return *c.encode();
       },
       AlertDescription::unsupported_extension},
      {"CertificateVerify: scheme not offered", 3, false,
       [] { return *CertificateVerify{SignatureScheme::rsa_pkcs1_sha256, Bytes(64, 1)}.encode(); },
       AlertDescription::illegal_parameter},
      {"CertificateVerify: scheme does not match the key", 3, false,
       [] { return *CertificateVerify{SignatureScheme::ed25519, Bytes(64, 1)}.encode(); },
       AlertDescription::illegal_parameter},
      {"CertificateRequest: non-empty context in handshake", 2, true,
       [] {
         CertificateRequest13 cr;
         cr.request_context = {7};
         cr.extensions.add(ExtensionType::signature_algorithms, {0, 2, 4, 3});
         return *cr.encode();
       },
       AlertDescription::illegal_parameter},
      {"CertificateRequest: no signature_algorithms", 2, true,
       [] { return *encode_handshake_message(HandshakeType::certificate_request, Bytes{0, 0, 4, 0, 0x2b, 0, 0}); },
       AlertDescription::missing_extension},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    if (row.with_client_auth) p.server_config.client_auth = ClientAuth::optional;
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    p.to_client[row.index] = row.replacement();
    for (size_t i = 0; i < row.index; ++i) REQUIRE(p.step_client().ok());
    CHECK_ALERT(p.step_client(), row.alert);
  }
}

// RFC 8446 §4.1.3: a cipher suite the client did not offer, even one it implements.
TEST_CASE("client rules: a TLS 1.3 suite the client did not offer") {
  Pair p = make_pair_();
  p.client_config.cipher_suites = {CipherSuite::TLS_AES_128_GCM_SHA256};
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  p.to_client[0] = reencode_server_hello(p.to_client[0],
                                         [](ServerHello& sh) { sh.cipher_suite = CipherSuite::TLS_AES_256_GCM_SHA384; });
  CHECK_ALERT(p.step_client(), AlertDescription::illegal_parameter);
}

TEST_CASE("client rules: ALPN the client did not offer") {
  Pair p = make_pair_();
  p.client_config.alpn = {"h2"};
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  EncryptedExtensions e;
  e.extensions.add(ExtensionType::application_layer_protocol_negotiation, *ProtocolNameList{{"spdy"}}.encode());
  p.to_client[1] = *e.encode();
  REQUIRE(p.step_client().ok());
  CHECK_ALERT(p.step_client(), AlertDescription::illegal_parameter);
}

TEST_CASE("server rules: ClientHello") {
  struct Row {
    const char* rule;
    std::function<void(ClientHello&)> mutate;
    AlertDescription alert;
  };
  const Row rows[] = {
      {"no supported_versions", [](ClientHello& c) { c.extensions.remove(ExtensionType::supported_versions); },
       AlertDescription::protocol_version},
      {"supported_versions without 1.3",
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::supported_versions, {2, 3, 3}); },
       AlertDescription::protocol_version},
      {"compression methods not {0}", [](ClientHello& c) { c.legacy_compression_methods = {1, 0}; },
       AlertDescription::illegal_parameter},
      {"pre_shared_key not last",
       [](ClientHello& c) {
         OfferedPsks p;
         p.identities.push_back({Bytes(8, 1), 0});
         p.binders.push_back(Bytes(32, 2));
         Extensions e;
         e.add(ExtensionType::pre_shared_key, *p.encode());
         for (const auto& x : c.extensions) e.add(x.type, x.body);
         c.extensions = e;
       },
       AlertDescription::illegal_parameter},
      {"pre_shared_key without psk_key_exchange_modes",
       [](ClientHello& c) {
         c.extensions.remove(ExtensionType::psk_key_exchange_modes);
         OfferedPsks p;
         p.identities.push_back({Bytes(8, 1), 0});
         p.binders.push_back(Bytes(32, 2));
         c.extensions.add(ExtensionType::pre_shared_key, *p.encode());
       },
       AlertDescription::missing_extension},
      {"supported_groups without key_share", [](ClientHello& c) { c.extensions.remove(ExtensionType::key_share); },
       AlertDescription::missing_extension},
      {"key_share without supported_groups", [](ClientHello& c) { c.extensions.remove(ExtensionType::supported_groups); },
       AlertDescription::missing_extension},
      {"no signature_algorithms", [](ClientHello& c) { c.extensions.remove(ExtensionType::signature_algorithms); },
       AlertDescription::missing_extension},
      {"key share for a group not in supported_groups",
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::supported_groups, {0, 2, 0, 0x17}); },
       AlertDescription::illegal_parameter},
      {"two key shares for one group",
       [](ClientHello& c) {
         set_ext(c.extensions, ExtensionType::key_share,
                 *KeyShareClientHello{{{NamedGroup::x25519, Bytes(32, 9)}, {NamedGroup::x25519, Bytes(32, 9)}}}.encode());
       },
       AlertDescription::illegal_parameter},
      {"no common cipher suite", [](ClientHello& c) { c.cipher_suites = {static_cast<CipherSuite>(0x1304)}; },
       AlertDescription::handshake_failure},
      {"no common group",
       [](ClientHello& c) {
         set_ext(c.extensions, ExtensionType::supported_groups, {0, 2, 0x01, 0x00});
         set_ext(c.extensions, ExtensionType::key_share, {0, 0});
       },
       AlertDescription::handshake_failure},
      {"server_name with a trailing dot",
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::server_name, *ServerNameList{"a.test."}.encode()); },
       AlertDescription::illegal_parameter},
      {"oid_filters in a ClientHello", [](ClientHello& c) { c.extensions.add(ExtensionType::oid_filters, {0, 0}); },
       AlertDescription::illegal_parameter},
      {"record_size_limit below 64", [](ClientHello& c) { c.extensions.add(ExtensionType::record_size_limit, {0, 63}); },
       AlertDescription::illegal_parameter},
      {"invalid x25519 share",
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::key_share, *KeyShareClientHello{{{NamedGroup::x25519, Bytes(32, 0)}}}.encode()); },
       AlertDescription::illegal_parameter},
      {"legacy_version 0x0300, supported_versions offers 1.3",
       [](ClientHello& c) { c.legacy_version = ProtocolVersion::ssl3_0; }, AlertDescription::protocol_version},
      {"legacy_version 0x0000", [](ClientHello& c) { c.legacy_version = static_cast<ProtocolVersion>(0); },
       AlertDescription::protocol_version},
      {"x25519 share of 31 bytes", with_shares({{NamedGroup::x25519, Bytes(31, 9)}}), AlertDescription::illegal_parameter},
      {"x25519 share of 33 bytes", with_shares({{NamedGroup::x25519, Bytes(33, 9)}}), AlertDescription::illegal_parameter},
      {"P-256 point of 64 bytes", with_shares({{NamedGroup::secp256r1, ec_point(64)}}), AlertDescription::illegal_parameter},
      {"P-384 point of 65 bytes", with_shares({{NamedGroup::secp384r1, ec_point(65)}}), AlertDescription::illegal_parameter},
      {"a good x25519 share, then a P-256 point of 66 bytes",
       with_shares({{NamedGroup::x25519, Bytes(32, 9)}, {NamedGroup::secp256r1, ec_point(66)}}),
       AlertDescription::illegal_parameter},
      // RFC 8446 §4.2.8: key_exchange<1..2^16-1>; an empty one is no valid public value (§4.2.8.2).
      {"empty x25519 share", with_shares({{NamedGroup::x25519, {}}}), AlertDescription::illegal_parameter},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    p.to_server[0] = reencode_client_hello(p.to_server[0], row.mutate);
    CHECK_ALERT(p.step_server(), row.alert);
  }
}

// RFC 8446 §4.1.2: after a HelloRetryRequest the client sends the same ClientHello, changed
// only in key_share (one share, for the HRR's group), early_data (removed), cookie (added when
// the HRR had one), pre_shared_key (ages and binders updated, PSKs dropped) and padding. The
// server keeps the first ClientHello and checks the second against it.
TEST_CASE("server rules: second ClientHello after HelloRetryRequest") {
  struct Row {
    const char* rule;
    bool hrr_cookie;  // ServerConfig::send_hello_retry_cookie
    std::function<void(ClientHello&)> mutate;
    AlertDescription alert;
  };
  const Row rows[] = {
      {"no cookie", true, [](ClientHello& c) { c.extensions.remove(ExtensionType::cookie); }, AlertDescription::illegal_parameter},
      {"wrong cookie", true, [](ClientHello& c) { set_ext(c.extensions, ExtensionType::cookie, {0, 2, 1, 2}); },
       AlertDescription::illegal_parameter},
      {"a cookie the HelloRetryRequest did not send", false,
       [](ClientHello& c) { c.extensions.add(ExtensionType::cookie, {0, 2, 1, 2}); }, AlertDescription::illegal_parameter},
      {"share for another group", false,
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::key_share, *KeyShareClientHello{{{NamedGroup::x25519, Bytes(32, 9)}}}.encode()); },
       AlertDescription::illegal_parameter},
      {"early_data in the second ClientHello", false, [](ClientHello& c) { c.extensions.add(ExtensionType::early_data, {}); },
       AlertDescription::illegal_parameter},
      {"dropped the HRR's suite", false, [](ClientHello& c) { c.cipher_suites = {CipherSuite::TLS_AES_256_GCM_SHA384}; },
       AlertDescription::illegal_parameter},
      {"two shares, one of them for the HRR's group", false,
       [](ClientHello& c) {
         KeyShareClientHello ks = *KeyShareClientHello::decode(c.extensions.find(ExtensionType::key_share)->body);
         ks.shares.insert(ks.shares.begin(), KeyShareEntry{NamedGroup::x25519, Bytes(32, 9)});
         set_ext(c.extensions, ExtensionType::key_share, *ks.encode());
       },
       AlertDescription::illegal_parameter},
      {"changed legacy_session_id", false, [](ClientHello& c) { c.legacy_session_id[0] ^= 1; },
       AlertDescription::illegal_parameter},
      {"legacy_version 0x0300", false, [](ClientHello& c) { c.legacy_version = ProtocolVersion::ssl3_0; },
       AlertDescription::protocol_version},
      {"changed random", false, [](ClientHello& c) { c.random[5] ^= 1; }, AlertDescription::illegal_parameter},
      {"another cipher suite added", false,
       [](ClientHello& c) { c.cipher_suites.push_back(static_cast<CipherSuite>(0x1304)); }, AlertDescription::illegal_parameter},
      {"cipher suites reordered", false,
       [](ClientHello& c) { std::swap(c.cipher_suites.front(), c.cipher_suites.back()); }, AlertDescription::illegal_parameter},
      {"an extension added", false,
       [](ClientHello& c) { c.extensions.add(static_cast<ExtensionType>(0x1234), {}); }, AlertDescription::illegal_parameter},
      {"an extension removed", false, [](ClientHello& c) { c.extensions.remove(ExtensionType::server_name); },
       AlertDescription::illegal_parameter},
      {"an extension changed", false,
       [](ClientHello& c) { set_ext(c.extensions, ExtensionType::supported_versions, {4, 3, 4, 3, 3}); },
       AlertDescription::illegal_parameter},
      {"pre_shared_key the first ClientHello did not offer", false,
       [](ClientHello& c) {
         OfferedPsks p;
         p.identities.push_back({Bytes(8, 1), 0});
         p.binders.push_back(Bytes(32, 2));
         c.extensions.add(ExtensionType::pre_shared_key, *p.encode());
       },
       AlertDescription::illegal_parameter},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    p.server_config.groups = {NamedGroup::secp384r1};
    p.server_config.send_hello_retry_cookie = row.hrr_cookie;
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());
    p.to_server[0] = reencode_client_hello(p.to_server[0], row.mutate);
    CHECK_ALERT(p.step_server(), row.alert);
  }
}

// RFC 8446 §4.1.2: the second ClientHello's pre_shared_key has updated ages and binders and
// may drop PSKs; it adds none and keeps their order.
TEST_CASE("server rules: the second ClientHello's pre_shared_key may drop PSKs, not add them") {
  auto psks = [](std::vector<uint8_t> ids, uint32_t age) {
    OfferedPsks p;
    for (uint8_t id : ids) {
      p.identities.push_back({Bytes(8, id), age});
      p.binders.push_back(Bytes(32, 2));
    }
    return *p.encode();
  };
  struct Row {
    const char* rule;
    std::vector<uint8_t> second;
    bool accepted;
  };
  const Row rows[] = {
      {"the same PSKs, ages updated", {1, 2}, true},
      {"one PSK dropped", {2}, true},
      {"a PSK the first did not offer", {3}, false},
      {"the PSKs reordered", {2, 1}, false},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    p.server_config.groups = {NamedGroup::secp384r1};
    REQUIRE(p.start().ok());
    p.to_server[0] = reencode_client_hello(p.to_server[0], [&](ClientHello& c) {
      c.extensions.add(ExtensionType::pre_shared_key, psks({1, 2}, 10));
    });
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());
    p.to_server[0] = reencode_client_hello(p.to_server[0], [&](ClientHello& c) {
      c.extensions.add(ExtensionType::pre_shared_key, psks(row.second, 20));
    });
    if (row.accepted) {
      auto st = p.step_server();
      INFO((st.ok() ? "" : st.error().message()));
      CHECK(st.ok());
    } else {
      CHECK_ALERT(p.step_server(), AlertDescription::illegal_parameter);
    }
  }
}

// What RFC 8446 §4.1.2 lets the second ClientHello change: padding added, early_data dropped.
TEST_CASE("server rules: the second ClientHello may change padding and drop early_data") {
  Pair p = make_pair_();
  p.server_config.groups = {NamedGroup::secp384r1};
  REQUIRE(p.start().ok());
  p.to_server[0] = reencode_client_hello(p.to_server[0], [](ClientHello& c) { c.extensions.add(ExtensionType::early_data, {}); });
  REQUIRE(p.step_server().ok());
  REQUIRE(p.step_client().ok());
  p.to_server[0] = reencode_client_hello(p.to_server[0], [](ClientHello& c) {
    set_ext(c.extensions, ExtensionType::padding, Bytes(100, 0));
  });
  auto st = p.step_server();
  INFO((st.ok() ? "" : st.error().message()));
  CHECK(st.ok());
}

TEST_CASE("server rules: client's second flight") {
  SUBCASE("bad client Finished -> decrypt_error") {
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    while (!p.to_client.empty()) REQUIRE(p.step_client().ok());
    p.to_server.back().back() ^= 1;
    CHECK_ALERT(p.step_server(), AlertDescription::decrypt_error);
  }
  SUBCASE("client Certificate with the wrong context -> illegal_parameter") {
    Pair p = make_pair_();
    p.server_config.client_auth = ClientAuth::optional;
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    while (!p.to_client.empty()) REQUIRE(p.step_client().ok());
    Certificate13 c;
    c.request_context = {5};
    p.to_server[0] = *c.encode();
    CHECK_ALERT(p.step_server(), AlertDescription::illegal_parameter);
  }
  SUBCASE("client CertificateVerify with a bad signature -> decrypt_error") {
    Pair p = make_pair_();
    p.server_config.client_auth = ClientAuth::required;
    p.set_client_identity(make_identity("ec_p256", "client"));
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    while (!p.to_client.empty()) REQUIRE(p.step_client().ok());
    REQUIRE(p.to_server.size() == 3);
    p.to_server[1].back() ^= 1;
    REQUIRE(p.step_server().ok());
    CHECK_ALERT(p.step_server(), AlertDescription::decrypt_error);
  }
  SUBCASE("a Finished before the client Certificate -> unexpected_message") {
    Pair p = make_pair_();
    p.server_config.client_auth = ClientAuth::optional;
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    while (!p.to_client.empty()) REQUIRE(p.step_client().ok());
    p.to_server.pop_front();
    CHECK_ALERT(p.step_server(), AlertDescription::unexpected_message);
  }
  SUBCASE("a message before the ClientHello -> unexpected_message") {
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    p.to_server[0] = *encode_handshake_message(HandshakeType::finished, Bytes(32, 0));
    CHECK_ALERT(p.step_server(), AlertDescription::unexpected_message);
  }
  SUBCASE("KeyUpdate with a bad value after the handshake -> illegal_parameter") {
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    p.to_server.push_back(*encode_handshake_message(HandshakeType::key_update, Bytes{2}));
    CHECK_ALERT(p.step_server(), AlertDescription::illegal_parameter);
  }
  SUBCASE("a ClientHello after the handshake -> unexpected_message") {
    Pair p = make_pair_();
    REQUIRE(p.start().ok());
    REQUIRE(p.run().ok());
    p.to_server.push_back(*encode_handshake_message(HandshakeType::client_hello, Bytes(40, 0)));
    CHECK_ALERT(p.step_server(), AlertDescription::unexpected_message);
  }
}

TEST_CASE("client rules: resumption answers") {
  TicketSealer sealer;
  Pair first = make_pair_();
  first.server_config.tickets = &sealer;
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  ClientSession13 session = events_of<SessionTicketReceived>(first.client_events).front()->session;
  struct Row {
    const char* rule;
    std::function<void(ServerHello&)> mutate;
    AlertDescription alert;
  };
  const Row rows[] = {
      {"PSK selected_identity out of range",
       [](ServerHello& sh) { set_ext(sh.extensions, ExtensionType::pre_shared_key, {0, 1}); },
       AlertDescription::illegal_parameter},
      {"PSK with a suite of another hash",
       [](ServerHello& sh) { sh.cipher_suite = CipherSuite::TLS_AES_256_GCM_SHA384; },
       AlertDescription::illegal_parameter},
  };
  for (const auto& row : rows) {
    INFO("row: " << std::string(row.rule));
    Pair p = make_pair_();
    p.server_config.tickets = &sealer;
    REQUIRE(p.start(session).ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(Pair::summary(p.server_events) == nullptr);
    p.to_client[0] = reencode_server_hello(p.to_client[0], row.mutate);
    CHECK_ALERT(p.step_client(), row.alert);
  }
}

TEST_CASE("server declines offered 0-RTT: SkipEarlyData before the handshake read keys") {
  Pair p = make_pair_();
  REQUIRE(p.start().ok());
  p.to_server[0] = reencode_client_hello(p.to_server[0], [](ClientHello& c) { c.extensions.add(ExtensionType::early_data, {}); });
  REQUIRE(p.step_server().ok());
  bool skip_seen = false;
  for (const auto& e : p.server_events) {
    if (std::holds_alternative<SkipEarlyData>(e)) skip_seen = true;
    if (auto* k = std::get_if<InstallKeys>(&e); k && k->direction == Direction::read) CHECK(skip_seen);
  }
  CHECK(skip_seen);
  // EncryptedExtensions does not accept early data.
  auto ee = EncryptedExtensions::decode(body_of(p.to_client[1], HandshakeType::encrypted_extensions));
  REQUIRE(ee.ok());
  CHECK_FALSE(ee->extensions.has(ExtensionType::early_data));
}

TEST_CASE("NSS key log events") {
  Pair p = make_pair_();
  p.client_config.key_log = true;
  p.server_config.key_log = true;
  REQUIRE(p.start().ok());
  REQUIRE(p.run().ok());
  auto c = events_of<KeyLogSecret>(p.client_events);
  auto s = events_of<KeyLogSecret>(p.server_events);
  REQUIRE(c.size() == 5);
  REQUIRE(s.size() == 5);
  std::vector<std::string> labels;
  for (auto* k : c) labels.push_back(k->label);
  CHECK(labels == std::vector<std::string>{"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                           "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
                                           "EXPORTER_SECRET"});
  for (size_t i = 0; i < 5; ++i) {
    CHECK(c[i]->label == s[i]->label);
    CHECK(c[i]->secret == s[i]->secret);
    CHECK(c[i]->client_random == s[i]->client_random);
  }
}

// RFC 8701 §3: GREASE values "MUST NOT negotiate" and receivers "MUST NOT treat [them]
// differently from any unknown value". Each row puts GREASE into one field of the ClientHello;
// the server answers as without it and never selects a GREASE value.
TEST_CASE("server rules: GREASE in the ClientHello is ignored") {
  constexpr uint16_t g0 = 0x0a0a, g1 = 0x1a1a, g2 = 0x2a2a, g3 = 0x3a3a;
  auto prepend16 = [](Extensions& e, ExtensionType t, uint16_t v, size_t length_bytes) {
    Bytes body = e.find(t)->body;
    body.insert(body.begin() + static_cast<ptrdiff_t>(length_bytes), {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)});
    // Fix the list length prefix (1 or 2 bytes).
    size_t n = body.size() - length_bytes;
    if (length_bytes == 1) {
      body[0] = static_cast<uint8_t>(n);
    } else {
      body[0] = static_cast<uint8_t>(n >> 8);
      body[1] = static_cast<uint8_t>(n);
    }
    set_ext(e, t, body);
  };
  const std::pair<const char*, std::function<void(ClientHello&)>> rows[] = {
      {"GREASE cipher suite", [](ClientHello& c) { c.cipher_suites.insert(c.cipher_suites.begin(), static_cast<CipherSuite>(g0)); }},
      {"GREASE group", [&](ClientHello& c) { prepend16(c.extensions, ExtensionType::supported_groups, g1, 2); }},
      {"GREASE key share (one byte, as RFC 8701 §3.1 suggests)",
       [&](ClientHello& c) {
         prepend16(c.extensions, ExtensionType::supported_groups, g1, 2);
         KeyShareClientHello ks = *KeyShareClientHello::decode(c.extensions.find(ExtensionType::key_share)->body);
         ks.shares.insert(ks.shares.begin(), KeyShareEntry{static_cast<NamedGroup>(g1), {0}});
         set_ext(c.extensions, ExtensionType::key_share, *ks.encode());
       }},
      {"GREASE signature algorithm", [&](ClientHello& c) { prepend16(c.extensions, ExtensionType::signature_algorithms, g2, 2); }},
      {"GREASE version", [&](ClientHello& c) { prepend16(c.extensions, ExtensionType::supported_versions, g3, 1); }},
      {"GREASE extensions, empty and not",
       [](ClientHello& c) {
         Extensions e;
         e.add(static_cast<ExtensionType>(0x4a4a), {});
         for (const auto& x : c.extensions) e.add(x.type, x.body);
         e.add(static_cast<ExtensionType>(0x5a5a), {0});
         c.extensions = e;
       }},
      {"GREASE ALPN protocol", [](ClientHello& c) {
         set_ext(c.extensions, ExtensionType::application_layer_protocol_negotiation, *ProtocolNameList{{"\x0a\x0a", "h2"}}.encode());
       }},
  };
  for (const auto& [rule, mutate] : rows) {
    INFO("row: " << std::string(rule));
    Pair p = make_pair_();
    p.server_config.alpn = {"h2"};
    REQUIRE(p.start().ok());
    p.to_server[0] = reencode_client_hello(p.to_server[0], mutate);
    auto st = p.step_server();
    INFO((st.ok() ? "" : st.error().message()));
    REQUIRE(st.ok());
    auto sh = ServerHello::decode(body_of(p.to_client.front(), HandshakeType::server_hello));
    REQUIRE(sh.ok());
    CHECK(sh->cipher_suite == CipherSuite::TLS_AES_128_GCM_SHA256);
    auto ks = KeyShareServerHello::decode(sh->extensions.find(ExtensionType::key_share)->body);
    REQUIRE(ks.ok());
    CHECK(ks->share.group == NamedGroup::x25519);
    CHECK(events_of<AlpnSelected>(p.server_events).size() == (std::string_view(rule) == "GREASE ALPN protocol" ? 1u : 0u));
  }
}

// The client side of RFC 8701: GREASE in a CertificateRequest (an extension, a signature
// algorithm) and in a NewSessionTicket's extensions is ignored.
TEST_CASE("client rules: GREASE in CertificateRequest and NewSessionTicket is ignored") {
  Pair p = make_pair_();
  p.server_config.client_auth = ClientAuth::optional;
  REQUIRE(p.start().ok());
  REQUIRE(p.step_server().ok());
  for (Bytes& m : p.to_client) {
    if (m[0] != static_cast<uint8_t>(HandshakeType::certificate_request)) continue;
    auto cr = CertificateRequest13::decode(body_of(m, HandshakeType::certificate_request));
    REQUIRE(cr.ok());
    cr->extensions.add(static_cast<ExtensionType>(0x6a6a), {1, 2});
    set_ext(cr->extensions, ExtensionType::signature_algorithms, {0x00, 0x04, 0x7a, 0x7a, 0x04, 0x03});
    m = *cr->encode();
  }
  // The first messages (ServerHello, EncryptedExtensions, CertificateRequest) are accepted;
  // the changed CertificateRequest breaks the transcript, so the handshake stops at Finished.
  for (int i = 0; i < 3; ++i) REQUIRE(p.step_client().ok());
  CHECK(client_in<ClientExpectCertificate>(p.client));

  Pair q = make_pair_();
  TicketSealer sealer;
  q.server_config.tickets = &sealer;
  REQUIRE(q.start().ok());
  REQUIRE(q.run().ok());
  NewSessionTicket13 nst;
  nst.ticket_lifetime = 60;
  nst.ticket_nonce = {1};
  nst.ticket = Bytes(16, 7);
  nst.extensions.add(static_cast<ExtensionType>(0x8a8a), {});
  q.to_client.push_back(*nst.encode());
  REQUIRE(q.step_client().ok());
  CHECK(events_of<SessionTicketReceived>(q.client_events).size() == 3);
}
