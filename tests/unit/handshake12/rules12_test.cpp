// Negative tests for each TLS 1.2 rule the state machines enforce, with the exact alert:
// one live pair per row, the message in flight rewritten before the peer reads it.
#include <functional>

#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_key_exchange.hpp"
#include "pair12.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

void replace_ext(Extensions& e, ExtensionType t, Bytes body) {
  e.remove(t);
  e.add(t, std::move(body));
}

Pair12 fresh() {
  Pair12 p;
  p.add_server_identity(make_identity("ec_p256", "srv"));
  return p;
}

// Rewrites the ClientHello in flight and returns what the server says.
Status server_reads_client_hello(Pair12& p, const std::function<void(ClientHello&)>& edit) {
  REQUIRE(p.start().ok());
  auto ch = ClientHello::decode(body_of(*p.to_server.front(), HandshakeType::client_hello));
  REQUIRE(ch.ok());
  edit(*ch);
  p.to_server.front() = *ch->encode();
  return p.step_server();
}

Status client_reads_server_hello(Pair12& p, const std::function<void(ServerHello&)>& edit,
                                 std::optional<ClientSession12> resume = std::nullopt) {
  REQUIRE(p.start(resume).ok());
  REQUIRE(p.step_server().ok());
  auto sh = ServerHello::decode(body_of(*p.to_client.front(), HandshakeType::server_hello));
  REQUIRE(sh.ok());
  edit(*sh);
  p.to_client.front() = *sh->encode();
  return p.step_client();
}

struct ClientHelloRow {
  const char* rule;
  std::function<void(Pair12&)> setup;
  std::function<void(ClientHello&)> edit;
  AlertDescription alert;
};

struct ServerHelloRow {
  const char* rule;
  std::function<void(Pair12&)> setup;
  std::function<void(ServerHello&)> edit;
  AlertDescription alert;
};

const auto nothing = [](Pair12&) {};

}  // namespace

TEST_CASE("server12 rules: ClientHello") {
  using A = AlertDescription;
  const ClientHelloRow rows[] = {
      {"TLS 1.1 client", nothing, [](ClientHello& c) { c.legacy_version = ProtocolVersion::tls1_1; }, A::protocol_version},
      {"SSL 3.0 client", nothing, [](ClientHello& c) { c.legacy_version = ProtocolVersion::ssl3_0; }, A::protocol_version},
      // RFC 8446 §D.5: legacy_version 0x0300 or less is refused whatever supported_versions says.
      {"legacy_version 0x0300, supported_versions offers 1.2", nothing,
       [](ClientHello& c) {
         c.legacy_version = ProtocolVersion::ssl3_0;
         replace_ext(c.extensions, ExtensionType::supported_versions,
                     *SupportedVersionsClientHello{{ProtocolVersion::tls1_2}}.encode());
       },
       A::protocol_version},
      {"legacy_version 0x0200, supported_versions offers 1.3 and 1.2", nothing,
       [](ClientHello& c) {
         c.legacy_version = static_cast<ProtocolVersion>(0x0200);
         replace_ext(c.extensions, ExtensionType::supported_versions,
                     *SupportedVersionsClientHello{{ProtocolVersion::tls1_3, ProtocolVersion::tls1_2}}.encode());
       },
       A::protocol_version},
      {"supported_versions without 1.2", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::supported_versions,
                                        *SupportedVersionsClientHello{{ProtocolVersion::tls1_1}}.encode()); },
       A::protocol_version},
      {"only CBC / RSA key exchange / RC4 / NULL suites", nothing,
       [](ClientHello& c) {
         c.cipher_suites = {static_cast<CipherSuite>(0xc013), static_cast<CipherSuite>(0x002f),
                            static_cast<CipherSuite>(0x0005), static_cast<CipherSuite>(0x0002),
                            static_cast<CipherSuite>(0x009e) /* DHE (FFDHE) GCM */};
       },
       A::handshake_failure},
      {"only FFDHE groups", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::supported_groups,
                                        *SupportedGroups{{NamedGroup::ffdhe2048}}.encode()); },
       A::handshake_failure},
      {"no signature_algorithms (SHA-1 only)", nothing,
       [](ClientHello& c) { c.extensions.remove(ExtensionType::signature_algorithms); }, A::handshake_failure},
      {"ECDSA certificate on a curve the client does not list", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::supported_groups,
                                        *SupportedGroups{{NamedGroup::x25519, NamedGroup::secp384r1}}.encode()); },
       A::handshake_failure},
      {"compression without null", nothing, [](ClientHello& c) { c.legacy_compression_methods = {1}; },
       A::illegal_parameter},
      {"ec_point_formats without uncompressed", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::ec_point_formats, *EcPointFormats{{1}}.encode()); },
       A::illegal_parameter},
      {"renegotiation_info not empty", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::renegotiation_info,
                                        *RenegotiationInfo{Bytes(12, 1)}.encode()); },
       A::handshake_failure},
      {"max_fragment_length value 5", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::max_fragment_length, Bytes{5}); },
       A::illegal_parameter},
      {"TLS_FALLBACK_SCSV to a 1.3-capable server", [](Pair12& p) { p.server_config.tls13_enabled = true; },
       [](ClientHello& c) { c.cipher_suites.push_back(CipherSuite::TLS_FALLBACK_SCSV); }, A::inappropriate_fallback},
      {"no EMS, server requires it", [](Pair12& p) { p.server_config.require_extended_master_secret = true; },
       [](ClientHello& c) { c.extensions.remove(ExtensionType::extended_master_secret); }, A::handshake_failure},
      {"EMS extension with a body", nothing,
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::extended_master_secret, Bytes{0}); },
       A::decode_error},
      {"duplicate extension", nothing,
       [](ClientHello& c) { c.extensions.add(ExtensionType::extended_master_secret, {}); }, A::illegal_parameter},
      {"NPN extension with a body", [](Pair12& p) { p.client_config.npn = {"h2"}; },
       [](ClientHello& c) { replace_ext(c.extensions, ExtensionType::next_protocol_negotiation, Bytes{0}); },
       A::decode_error},
  };
  for (const auto& row : rows) {
    std::string rule = row.rule;
    CAPTURE(rule);
    Pair12 p = fresh();
    row.setup(p);
    CHECK_ALERT(server_reads_client_hello(p, row.edit), row.alert);
  }
  // The SCSV alone is as good as the empty extension (RFC 5746 §3.6).
  Pair12 scsv = fresh();
  REQUIRE(server_reads_client_hello(scsv, [](ClientHello& c) {
            c.extensions.remove(ExtensionType::renegotiation_info);
            c.cipher_suites.push_back(CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
          }).ok());
  auto sh = ServerHello::decode(body_of(*scsv.to_client.front(), HandshakeType::server_hello));
  REQUIRE(sh.ok());
  CHECK(sh->extensions.has(ExtensionType::renegotiation_info));
}

TEST_CASE("server12 rules: EMS mismatch on resumption (RFC 7627 §5.3)") {
  SessionCache12 cache(4, 3600);
  Pair12 first = fresh();
  first.server_config.session_cache = &cache;
  REQUIRE(first.start().ok());
  REQUIRE(first.run().ok());
  auto session = first.client_connected().session;
  REQUIRE(session);
  Pair12 p = fresh();
  p.server_config.session_cache = &cache;
  REQUIRE(p.start(session).ok());
  auto ch = ClientHello::decode(body_of(*p.to_server.front(), HandshakeType::client_hello));
  ch->extensions.remove(ExtensionType::extended_master_secret);
  p.to_server.front() = *ch->encode();
  CHECK_ALERT(p.step_server(), AlertDescription::handshake_failure);

  // The client side: the server resumes but drops the extension.
  Pair12 q = fresh();
  q.server_config.session_cache = &cache;
  CHECK_ALERT(client_reads_server_hello(q, [](ServerHello& s) { s.extensions.remove(ExtensionType::extended_master_secret); },
                                        session),
              AlertDescription::handshake_failure);

  // §7.4.1.3: a resumed session keeps its cipher suite.
  Pair12 r = fresh();
  r.server_config.session_cache = &cache;
  CHECK_ALERT(client_reads_server_hello(r, [](ServerHello& s) {
                s.cipher_suite = s.cipher_suite == CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                                     ? CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                                     : CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
              }, session),
              AlertDescription::illegal_parameter);
}

TEST_CASE("client12 rules: ServerHello") {
  using A = AlertDescription;
  const ServerHelloRow rows[] = {
      {"TLS 1.1 server", nothing, [](ServerHello& s) { s.legacy_version = ProtocolVersion::tls1_1; }, A::protocol_version},
      {"SSL 3.0 server", nothing, [](ServerHello& s) { s.legacy_version = ProtocolVersion::ssl3_0; }, A::protocol_version},
      {"suite not offered", [](Pair12& p) { p.client_config.cipher_suites_12 = {CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}; },
       [](ServerHello& s) { s.cipher_suite = CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; }, A::illegal_parameter},
      {"a TLS 1.3 suite", nothing, [](ServerHello& s) { s.cipher_suite = CipherSuite::TLS_AES_128_GCM_SHA256; },
       A::illegal_parameter},
      {"CBC suite", nothing, [](ServerHello& s) { s.cipher_suite = static_cast<CipherSuite>(0xc013); }, A::illegal_parameter},
      {"non-null compression", nothing, [](ServerHello& s) { s.legacy_compression_method = 1; }, A::illegal_parameter},
      {"unsolicited ALPN", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::application_layer_protocol_negotiation, {0, 3, 2, 'h', '2'}); },
       A::unsupported_extension},
      {"unsolicited supported_versions", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::supported_versions, {3, 3}); }, A::unsupported_extension},
      {"unsolicited NPN", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::next_protocol_negotiation, {2, 'h', '2'}); },
       A::unsupported_extension},
      {"unsolicited max_fragment_length", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::max_fragment_length, {1}); }, A::unsupported_extension},
      {"unsolicited session_ticket", [](Pair12& p) { p.client_config.session_tickets = false; },
       [](ServerHello& s) { s.extensions.add(ExtensionType::session_ticket, {}); }, A::unsupported_extension},
      {"unsolicited server_name", [](Pair12& p) { p.client_config.server_name.clear(); },
       [](ServerHello& s) { s.extensions.add(ExtensionType::server_name, {}); }, A::unsupported_extension},
      {"duplicate extension", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::extended_master_secret, {}); }, A::illegal_parameter},
      {"unsolicited unknown extension", nothing,
       [](ServerHello& s) { s.extensions.add(static_cast<ExtensionType>(0x7777), {}); }, A::unsupported_extension},
      {"no renegotiation_info", nothing, [](ServerHello& s) { s.extensions.remove(ExtensionType::renegotiation_info); },
       A::handshake_failure},
      {"renegotiation_info not empty", nothing,
       [](ServerHello& s) { replace_ext(s.extensions, ExtensionType::renegotiation_info, *RenegotiationInfo{Bytes(24, 2)}.encode()); },
       A::handshake_failure},
      {"max_fragment_length differs", [](Pair12& p) { p.client_config.max_fragment_length = 1; },
       [](ServerHello& s) { replace_ext(s.extensions, ExtensionType::max_fragment_length, Bytes{2}); }, A::illegal_parameter},
      {"ec_point_formats without uncompressed", nothing,
       [](ServerHello& s) { replace_ext(s.extensions, ExtensionType::ec_point_formats, *EcPointFormats{{2}}.encode()); },
       A::illegal_parameter},
      {"no EMS, client requires it", [](Pair12& p) { p.client_config.require_extended_master_secret = true; },
       [](ServerHello& s) { s.extensions.remove(ExtensionType::extended_master_secret); }, A::handshake_failure},
      {"ALPN and NPN both", [](Pair12& p) { p.client_config.npn = {"h2"}; p.client_config.alpn = {"h2"}; p.server_config.alpn = {"h2"}; },
       [](ServerHello& s) { s.extensions.add(ExtensionType::next_protocol_negotiation, {2, 'h', '2'}); }, A::illegal_parameter},
      {"session_ticket with a body", nothing,
       [](ServerHello& s) { s.extensions.add(ExtensionType::session_ticket, {1}); }, A::decode_error},
      {"downgrade sentinel, client offered 1.3", [](Pair12& p) { p.client_config.supported_versions = {ProtocolVersion::tls1_3, ProtocolVersion::tls1_2}; },
       [](ServerHello& s) { std::copy(kDowngradeSentinelTls11.begin(), kDowngradeSentinelTls11.end(), s.random.end() - 8); },
       A::illegal_parameter},
  };
  for (const auto& row : rows) {
    std::string rule = row.rule;
    CAPTURE(rule);
    Pair12 p = fresh();
    row.setup(p);
    CHECK_ALERT(client_reads_server_hello(p, row.edit), row.alert);
  }
}

TEST_CASE("pair12 rules: Finished, signatures, key exchange values") {
  using A = AlertDescription;
  auto flip_last = [](Bytes& m) { m.back() ^= 0x01; };
  SUBCASE("bad client Finished -> decrypt_error") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::finished).ok());
    flip_last(*p.to_server.front());
    CHECK_ALERT(p.step_server(), A::decrypt_error);
  }
  SUBCASE("bad server Finished -> decrypt_error") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_client_gets(HandshakeType::finished).ok());
    flip_last(*p.to_client.front());
    CHECK_ALERT(p.step_client(), A::decrypt_error);
  }
  SUBCASE("bad ServerKeyExchange signature -> decrypt_error") {
    for (const char* key : {"ec_p256", "rsa2048", "ed25519"}) {
      CAPTURE(key);
      Pair12 p;
      p.add_server_identity(make_identity(key, "srv"));
      REQUIRE(p.start().ok());
      REQUIRE(p.run_until_client_gets(HandshakeType::server_key_exchange).ok());
      auto ske = ServerKeyExchangeEcdhe::decode(body_of(*p.to_client.front(), HandshakeType::server_key_exchange));
      REQUIRE(ske.ok());
      ske->public_point.back() ^= 0x01;  // the signature no longer covers these params
      p.to_client.front() = *ske->encode();
      CHECK_ALERT(p.step_client(), A::decrypt_error);
    }
  }
  auto with_ske = [&](const std::function<void(ServerKeyExchangeEcdhe&)>& edit) {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_client_gets(HandshakeType::server_key_exchange).ok());
    auto ske = ServerKeyExchangeEcdhe::decode(body_of(*p.to_client.front(), HandshakeType::server_key_exchange));
    REQUIRE(ske.ok());
    edit(*ske);
    p.to_client.front() = *ske->encode();
    return p.step_client();
  };
  SUBCASE("ServerKeyExchange scheme not offered -> illegal_parameter") {
    CHECK_ALERT(with_ske([](ServerKeyExchangeEcdhe& s) { s.algorithm = SignatureScheme::ecdsa_sha1; }), A::illegal_parameter);
    CHECK_ALERT(with_ske([](ServerKeyExchangeEcdhe& s) { s.algorithm = SignatureScheme::rsa_pss_rsae_sha256; }),
                A::illegal_parameter);  // offered, but not for an EC key
  }
  SUBCASE("ServerKeyExchange group not offered -> illegal_parameter") {
    CHECK_ALERT(with_ske([](ServerKeyExchangeEcdhe& s) { s.group = NamedGroup::secp521r1; }), A::illegal_parameter);
    CHECK_ALERT(with_ske([](ServerKeyExchangeEcdhe& s) { s.group = NamedGroup::ffdhe2048; }), A::illegal_parameter);
  }
  SUBCASE("ClientKeyExchange point not on the curve -> illegal_parameter") {
    Pair12 p = fresh();
    p.client_config.groups = {NamedGroup::secp256r1};
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::client_key_exchange).ok());
    Bytes bad(65, 0x11);
    bad[0] = 4;
    p.to_server.front() = *ClientKeyExchangeEcdhe{bad}.encode();
    CHECK_ALERT(p.step_server(), A::illegal_parameter);
  }
  SUBCASE("bad client CertificateVerify -> decrypt_error; scheme not requested -> illegal_parameter") {
    for (bool wrong_scheme : {false, true}) {
      Pair12 p = fresh();
      p.set_client_identity(make_identity("ec_p256", "cli"));
      p.server_config.client_auth = ClientAuth::required;
      REQUIRE(p.start().ok());
      REQUIRE(p.run_until_server_gets(HandshakeType::certificate_verify).ok());
      auto cv = CertificateVerify::decode(body_of(*p.to_server.front(), HandshakeType::certificate_verify));
      REQUIRE(cv.ok());
      if (wrong_scheme) {
        cv->algorithm = SignatureScheme::ecdsa_sha1;
      } else {
        cv->signature.back() ^= 0x01;
      }
      p.to_server.front() = *cv->encode();
      CHECK_ALERT(p.step_server(), wrong_scheme ? A::illegal_parameter : A::decrypt_error);
    }
  }
  SUBCASE("server certificate key cannot sign for the suite -> unsupported_certificate") {
    Pair12 p;
    auto id = make_identity("ec_p256", "srv");
    p.server_config.certificates.push_back(id.certified);
    // The verifier says the leaf holds an RSA key: wrong for an ECDHE_ECDSA suite.
    REQUIRE(p.server_verifier.pin(id.certified.chain.front(), key_file("rsa2048.spki.der")).ok());
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());  // ServerHello
    CHECK_ALERT(p.step_client(), A::unsupported_certificate);
  }
  SUBCASE("server ECDSA key on a curve our supported_groups did not offer -> illegal_parameter") {
    Pair12 p;
    auto id = make_identity("ec_p256", "srv");
    p.server_config.certificates.push_back(id.certified);
    p.client_config.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
    // RFC 8422 §5.3: the verifier says the leaf holds a P-384 key, a curve we did not list.
    REQUIRE(p.server_verifier.pin(id.certified.chain.front(), key_file("ec_p384.spki.der")).ok());
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());  // ServerHello
    CHECK_ALERT(p.step_client(), A::illegal_parameter);
  }
}

TEST_CASE("pair12 rules: wrong message order -> unexpected_message") {
  using A = AlertDescription;
  SUBCASE("client: ServerHelloDone instead of Certificate") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());           // ServerHello
    p.to_client.erase(p.to_client.begin(), p.to_client.begin() + 2);  // drop Certificate, SKE
    CHECK_ALERT(p.step_client(), A::unexpected_message);
  }
  SUBCASE("client: ServerHelloDone before ServerKeyExchange") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    REQUIRE(p.step_client().ok());
    REQUIRE(p.step_client().ok());           // Certificate
    p.to_client.pop_front();                 // drop SKE
    CHECK_ALERT(p.step_client(), A::unexpected_message);
  }
  SUBCASE("server: Finished without ChangeCipherSpec") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::client_key_exchange).ok());
    REQUIRE(p.step_server().ok());           // ClientKeyExchange
    REQUIRE_FALSE(p.to_server.front());      // the ChangeCipherSpec
    p.to_server.pop_front();
    CHECK_ALERT(p.step_server(), A::unexpected_message);
  }
  SUBCASE("server: ChangeCipherSpec before ClientKeyExchange") {
    CHECK_ALERT(server_change_cipher_spec(server_start()), A::unexpected_message);
  }
  SUBCASE("server: ClientKeyExchange without the requested Certificate") {
    Pair12 p = fresh();
    p.server_config.client_auth = ClientAuth::optional;
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::certificate).ok());
    p.to_server.pop_front();
    CHECK_ALERT(p.step_server(), A::unexpected_message);
  }
  SUBCASE("client: Finished when a NewSessionTicket was announced") {
    TicketSealer sealer;
    Pair12 p = fresh();
    p.server_config.tickets = &sealer;
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_client_gets(HandshakeType::new_session_ticket).ok());
    p.to_client.pop_front();
    CHECK_ALERT(p.step_client(), A::unexpected_message);  // the ChangeCipherSpec comes too early
  }
  SUBCASE("client: NewSessionTicket that was not announced (RFC 5077 §3.3)") {
    Pair12 p = fresh();  // no ticket sealer: the ServerHello announces no ticket
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::finished).ok());
    REQUIRE(p.step_server().ok());  // the server answers with ChangeCipherSpec, Finished
    NewSessionTicket12 nst;
    nst.ticket = Bytes{1, 2, 3};
    p.to_client.push_front(*nst.encode());
    CHECK_ALERT(p.step_client(), A::unexpected_message);
  }
  SUBCASE("server: a second ClientHello during the handshake") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    Bytes hello = *p.to_server.front();
    REQUIRE(p.step_server().ok());
    p.to_server.push_back(hello);
    CHECK_ALERT(p.step_server(), A::unexpected_message);
  }
  SUBCASE("server: a client Certificate that was not requested") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::client_key_exchange).ok());
    p.to_server.front() = *Certificate12{{Bytes{0x30, 0x00}}}.encode();
    CHECK_ALERT(p.step_server(), A::unexpected_message);
  }
  SUBCASE("client: HelloRequest during the handshake is ignored (§7.4.1.1)") {
    Pair12 p = fresh();
    REQUIRE(p.start().ok());
    REQUIRE(p.step_server().ok());
    p.to_client.push_front(*HelloRequest{}.encode());
    REQUIRE(p.run().ok());
    CHECK(p.connected());
    CHECK(!p.client_warning);
  }
  SUBCASE("server: NextProtocol missing") {
    Pair12 p = fresh();
    p.client_config.npn = {"h2"};
    p.server_config.npn = {"h2"};
    REQUIRE(p.start().ok());
    REQUIRE(p.run_until_server_gets(HandshakeType::next_protocol).ok());
    p.to_server.pop_front();
    CHECK_ALERT(p.step_server(), A::unexpected_message);
  }
}
