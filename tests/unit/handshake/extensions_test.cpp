// Typed extension codecs and the RFC 8446 §4.2 extension rules, with exact alerts.
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/certificate_authorities.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/early_data.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/messages/client_hello.hpp"
#include "test_support.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

// Every strict prefix and the body plus one byte fail with decode_error.
template <typename Decode>
void check_framing(const Bytes& body, Decode decode) {
  for (size_t n = 0; n < body.size(); ++n) {
    INFO("prefix length " << n);
    CHECK_ALERT(decode(ByteView(body).first(n)), AlertDescription::decode_error);
  }
  Bytes longer = body;
  longer.push_back(0);
  CHECK_ALERT(decode(longer), AlertDescription::decode_error);
}

template <typename T>
Bytes encoded(const T& v) {
  auto r = v.encode();
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("server_name") {
  Bytes body = encoded(ServerNameList{"server"});
  CHECK(to_hex(body) == "0009000006736572766572");
  auto d = ServerNameList::decode(body);
  REQUIRE(d.ok());
  CHECK(d->host_name == "server");
  check_framing(body, ServerNameList::decode);
  // Two host_name entries.
  CHECK_ALERT(ServerNameList::decode(hex("0008 00000161 00000162")),
              AlertDescription::illegal_parameter);
  // Trailing dot, NUL byte.
  CHECK_ALERT(ServerNameList::decode(hex("0005 0000022e2e")), AlertDescription::illegal_parameter);
  CHECK_ALERT(ServerNameList::decode(hex("0005 00000261 00")), AlertDescription::illegal_parameter);
  // An unknown name type is skipped.
  auto other = ServerNameList::decode(hex("0004 07000161"));
  REQUIRE(other.ok());
  CHECK(other->host_name.empty());
  // server_name_list<1..2^16-1>, HostName<1..2^16-1>
  CHECK_ALERT(ServerNameList::decode(hex("0000")), AlertDescription::decode_error);
  CHECK_ALERT(ServerNameList::decode(hex("0003 000000")), AlertDescription::decode_error);
}

TEST_CASE("supported_groups and signature_algorithms keep GREASE") {
  SupportedGroups g{{static_cast<NamedGroup>(0x4a4a), NamedGroup::x25519, NamedGroup::secp256r1}};
  Bytes body = encoded(g);
  auto d = SupportedGroups::decode(body);
  REQUIRE(d.ok());
  CHECK(d->groups == g.groups);
  check_framing(body, SupportedGroups::decode);
  CHECK_ALERT(SupportedGroups::decode(hex("0000")), AlertDescription::decode_error);
  CHECK_ALERT(SupportedGroups::decode(hex("0003 001d00")), AlertDescription::decode_error);

  SignatureSchemeList s{{SignatureScheme::ed25519, static_cast<SignatureScheme>(0x0a0a)}};
  Bytes sbody = encoded(s);
  auto sd = SignatureSchemeList::decode(sbody);
  REQUIRE(sd.ok());
  CHECK(sd->schemes == s.schemes);
  CHECK(sd->contains(SignatureScheme::ed25519));
  check_framing(sbody, [](ByteView b) { return SignatureSchemeList::decode(b); });
}

TEST_CASE("key_share forms") {
  KeyShareClientHello ch{{{NamedGroup::x25519, Bytes(32, 1)}, {NamedGroup::secp256r1, Bytes(65, 4)}}};
  Bytes body = encoded(ch);
  auto d = KeyShareClientHello::decode(body);
  REQUIRE(d.ok());
  CHECK(d->shares == ch.shares);
  CHECK(d->find(NamedGroup::secp256r1) != nullptr);
  CHECK(d->find(NamedGroup::secp384r1) == nullptr);
  check_framing(body, KeyShareClientHello::decode);
  // An empty client_shares list is legal (the client asks for HRR).
  auto empty = KeyShareClientHello::decode(hex("0000"));
  REQUIRE(empty.ok());
  CHECK(empty->shares.empty());
  // Two shares of one group; an empty key_exchange.
  CHECK_ALERT(KeyShareClientHello::decode(hex("000a 001d000101 001d000102")),
              AlertDescription::illegal_parameter);
  CHECK_ALERT(KeyShareClientHello::decode(hex("0004 001d0000")), AlertDescription::illegal_parameter);

  KeyShareServerHello sh{{NamedGroup::x25519, Bytes(32, 9)}};
  Bytes shb = encoded(sh);
  auto shd = KeyShareServerHello::decode(shb);
  REQUIRE(shd.ok());
  CHECK(shd->share == sh.share);
  check_framing(shb, KeyShareServerHello::decode);

  Bytes hrr = encoded(KeyShareHelloRetryRequest{NamedGroup::secp384r1});
  CHECK(to_hex(hrr) == "0018");
  check_framing(hrr, KeyShareHelloRetryRequest::decode);
}

TEST_CASE("supported_versions forms") {
  SupportedVersionsClientHello ch{{static_cast<ProtocolVersion>(0x7a7a), ProtocolVersion::tls1_3,
                                   ProtocolVersion::tls1_2}};
  Bytes body = encoded(ch);
  CHECK(to_hex(body) == "067a7a03040303");
  auto d = SupportedVersionsClientHello::decode(body);
  REQUIRE(d.ok());
  CHECK(d->versions == ch.versions);
  CHECK(d->contains(ProtocolVersion::tls1_3));
  check_framing(body, SupportedVersionsClientHello::decode);
  CHECK_ALERT(SupportedVersionsClientHello::decode(hex("00")), AlertDescription::decode_error);
  CHECK_ALERT(SupportedVersionsClientHello::decode(hex("03030403")), AlertDescription::decode_error);
  Bytes sh = encoded(SupportedVersionsServerHello{ProtocolVersion::tls1_3});
  CHECK(to_hex(sh) == "0304");
  check_framing(sh, SupportedVersionsServerHello::decode);
}

TEST_CASE("psk_key_exchange_modes, cookie, early_data, record_size_limit") {
  Bytes modes = encoded(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}});
  CHECK(to_hex(modes) == "0101");
  check_framing(modes, PskKeyExchangeModes::decode);
  auto md = PskKeyExchangeModes::decode(hex("020001"));
  REQUIRE(md.ok());
  CHECK(md->contains(PskKeyExchangeMode::psk_ke));
  CHECK_ALERT(PskKeyExchangeModes::decode(hex("00")), AlertDescription::decode_error);

  Bytes cookie = encoded(Cookie{hex("aabb")});
  check_framing(cookie, Cookie::decode);
  CHECK_ALERT(Cookie::decode(hex("0000")), AlertDescription::decode_error);

  Bytes ed = encoded(EarlyDataTicket{0x400});
  check_framing(ed, EarlyDataTicket::decode);
  CHECK(expect_empty_extension({}, "early_data").ok());
  CHECK_ALERT(expect_empty_extension(hex("00"), "early_data"), AlertDescription::decode_error);

  Bytes rsl = encoded(RecordSizeLimit{0x4001});
  check_framing(rsl, RecordSizeLimit::decode);
  CHECK(RecordSizeLimit::decode(hex("0040"))->limit == 64);
  // RFC 8449 §4: below 64 -> illegal_parameter.
  CHECK_ALERT(RecordSizeLimit::decode(hex("003f")), AlertDescription::illegal_parameter);
}

TEST_CASE("ALPN") {
  ProtocolNameList list{{"h2", "http/1.1"}};
  Bytes body = encoded(list);
  CHECK(to_hex(body) == "000c02683208687474702f312e31");
  auto d = ProtocolNameList::decode(body);
  REQUIRE(d.ok());
  CHECK(d->protocols == list.protocols);
  check_framing(body, ProtocolNameList::decode);
  CHECK_ALERT(ProtocolNameList::decode(hex("0001 00")), AlertDescription::decode_error);
  CHECK_ALERT(ProtocolNameList::decode(hex("0002 0000")), AlertDescription::decode_error);  // empty name
  auto sel = ProtocolNameList::decode_selected(hex("0003 026832"));
  REQUIRE(sel.ok());
  CHECK(*sel == "h2");
  // RFC 7301 §3.1: the server's list MUST contain exactly one name.
  CHECK_ALERT(ProtocolNameList::decode_selected(body), AlertDescription::illegal_parameter);
  CHECK_FALSE(ProtocolNameList{{""}}.encode().ok());
  CHECK_FALSE(ProtocolNameList{{std::string(256, 'a')}}.encode().ok());
}

TEST_CASE("pre_shared_key forms") {
  OfferedPsks psks;
  psks.identities = {{hex("0102030405"), 0x11223344}, {hex("aa"), 7}};
  psks.binders = {Bytes(32, 0xbb), Bytes(48, 0xcc)};
  Bytes body = encoded(psks);
  auto d = OfferedPsks::decode(body);
  REQUIRE(d.ok());
  CHECK(d->identities == psks.identities);
  CHECK(d->binders == psks.binders);
  CHECK(psks.binders_length() == 2 + 33 + 49);
  CHECK(binders_list_length({32, 48}) == psks.binders_length());
  check_framing(body, OfferedPsks::decode);
  // One identity, two binders.
  OfferedPsks mismatch;
  mismatch.identities = {{hex("01"), 0}};
  mismatch.binders = {Bytes(32, 1), Bytes(32, 2)};
  CHECK_ALERT(OfferedPsks::decode(encoded(mismatch)), AlertDescription::illegal_parameter);
  // A binder shorter than 32 bytes.
  OfferedPsks short_binder;
  short_binder.identities = {{hex("01"), 0}};
  short_binder.binders = {Bytes(31, 1)};
  CHECK_ALERT(OfferedPsks::decode(encoded(short_binder)), AlertDescription::decode_error);

  Bytes sh = encoded(PreSharedKeyServerHello{3});
  CHECK(to_hex(sh) == "0003");
  check_framing(sh, PreSharedKeyServerHello::decode);
}

TEST_CASE("RFC 8448 §4 binder sits at the end of the ClientHello") {
  VectorFile v("rfc8448/sec4_handshake_messages.txt");
  const Bytes& whole = v["client_hello"];
  auto ch = ClientHello::decode(body_of(whole, HandshakeType::client_hello));
  REQUIRE(ch.ok());
  REQUIRE(ch->extensions.items().back().type == ExtensionType::pre_shared_key);
  auto psks = OfferedPsks::decode(ch->extensions.items().back().body);
  REQUIRE(psks.ok());
  REQUIRE(psks->binders.size() == 1);
  CHECK(psks->binders[0] == v["binder"]);
  Bytes truncated(whole.begin(), whole.end() - static_cast<ptrdiff_t>(psks->binders_length()));
  CHECK(truncated == v["binder_truncated_client_hello"]);
}

TEST_CASE("certificate_authorities") {
  CertificateAuthorities ca{{hex("300b3109300706035504031300"), hex("3000")}};
  Bytes body = encoded(ca);
  auto d = CertificateAuthorities::decode(body);
  REQUIRE(d.ok());
  CHECK(d->names == ca.names);
  check_framing(body, CertificateAuthorities::decode);
  CHECK_ALERT(CertificateAuthorities::decode(hex("0000")), AlertDescription::decode_error);
}

TEST_CASE("extension rules: allowed per message (RFC 8446 §4.2 table)") {
  using C = ExtensionContext;
  CHECK(extension_allowed(ExtensionType::key_share, C::server_hello));
  CHECK(extension_allowed(ExtensionType::cookie, C::hello_retry_request));
  CHECK_FALSE(extension_allowed(ExtensionType::cookie, C::server_hello));
  CHECK_FALSE(extension_allowed(ExtensionType::server_name, C::server_hello));
  CHECK(extension_allowed(ExtensionType::early_data, C::new_session_ticket));
  CHECK(extension_allowed(ExtensionType::record_size_limit, C::encrypted_extensions));
  CHECK_FALSE(extension_allowed(ExtensionType::extended_master_secret, C::encrypted_extensions));

  Extensions offered;
  offered.add_empty(ExtensionType::server_name);
  offered.add_empty(ExtensionType::key_share);
  offered.add_empty(ExtensionType::supported_versions);

  Extensions sh;
  sh.add_empty(ExtensionType::key_share);
  sh.add_empty(ExtensionType::supported_versions);
  CHECK(check_extensions(C::server_hello, sh, &offered).ok());

  SUBCASE("recognised but not allowed -> illegal_parameter") {
    Extensions bad = sh;
    bad.add_empty(ExtensionType::server_name);
    CHECK_ALERT(check_extensions(C::server_hello, bad, &offered),
                AlertDescription::illegal_parameter);
    Extensions ee;
    ee.add_empty(ExtensionType::key_share);
    CHECK_ALERT(check_extensions(C::encrypted_extensions, ee, &offered),
                AlertDescription::illegal_parameter);
  }
  SUBCASE("unsolicited -> unsupported_extension") {
    Extensions ee;
    ee.add_empty(ExtensionType::application_layer_protocol_negotiation);
    CHECK_ALERT(check_extensions(C::encrypted_extensions, ee, &offered),
                AlertDescription::unsupported_extension);
    Extensions grease;
    grease.add_empty(static_cast<ExtensionType>(0x1a1a));
    CHECK_ALERT(check_extensions(C::encrypted_extensions, grease, &offered),
                AlertDescription::unsupported_extension);
  }
  SUBCASE("cookie in HRR needs no request") {
    Extensions hrr;
    hrr.add_empty(ExtensionType::cookie);
    hrr.add_empty(ExtensionType::key_share);
    CHECK(check_extensions(C::hello_retry_request, hrr, &offered).ok());
  }
  SUBCASE("requests ignore unknown extensions, not misplaced ones") {
    Extensions ch;
    ch.add_empty(static_cast<ExtensionType>(0x1a1a));
    ch.add_empty(static_cast<ExtensionType>(0xfe0d));
    CHECK(check_extensions(C::client_hello, ch, nullptr).ok());
    Extensions cr;
    cr.add_empty(static_cast<ExtensionType>(0x2a2a));
    cr.add_empty(ExtensionType::signature_algorithms);
    CHECK(check_extensions(C::certificate_request, cr, nullptr).ok());
    cr.add_empty(ExtensionType::key_share);
    CHECK_ALERT(check_extensions(C::certificate_request, cr, nullptr),
                AlertDescription::illegal_parameter);
    Extensions nst;
    nst.add_empty(static_cast<ExtensionType>(0x3a3a));
    CHECK(check_extensions(C::new_session_ticket, nst, nullptr).ok());
  }
}

TEST_CASE("Extensions block: duplicates and framing") {
  CHECK_ALERT(Extensions::decode(hex("000a0000 000a0000"), "test"),
              AlertDescription::illegal_parameter);
  CHECK_ALERT(Extensions::decode(hex("000a00"), "test"), AlertDescription::decode_error);
  CHECK_ALERT(Extensions::decode(hex("000a0001"), "test"), AlertDescription::decode_error);
  auto ok = Extensions::decode(hex("000a0000 fafa0001aa"), "test");
  REQUIRE(ok.ok());
  CHECK(ok->size() == 2);
  CHECK(ok->find(static_cast<ExtensionType>(0xfafa))->body == Bytes{0xaa});
  Extensions e = *ok;
  e.remove(ExtensionType::supported_groups);
  CHECK(e.size() == 1);
}
