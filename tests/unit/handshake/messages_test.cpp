// Per-message codec tests: RFC 8448 messages round-trip byte for byte; truncated, over-long,
// trailing-byte and bad-value inputs fail with the exact alert.
#include <set>

#include "handshake/extensions/key_share.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/end_of_early_data.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/key_update.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"
#include "test_support.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

// Every strict prefix of body fails with decode_error, except the lengths in `valid` (a TLS 1.2
// hello may end before its extensions); body + one byte fails with decode_error too.
template <typename Decode>
void check_truncations(const Bytes& body, Decode decode, std::set<size_t> valid = {}) {
  for (size_t n = 0; n < body.size(); ++n) {
    if (valid.count(n)) continue;
    auto r = decode(ByteView(body).first(n));
    INFO("prefix length " << n);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().alert == AlertDescription::decode_error);
  }
  Bytes longer = body;
  longer.push_back(0);
  CHECK_ALERT(decode(longer), AlertDescription::decode_error);
}

template <typename M, typename Decode>
void check_round_trip(const Bytes& whole, HandshakeType type, Decode decode) {
  auto m = decode(body_of(whole, type));
  REQUIRE(m.ok());
  auto again = m->encode();
  REQUIRE(again.ok());
  CHECK(to_hex(*again) == to_hex(whole));
}

}  // namespace

TEST_CASE("handshake header codec") {
  Bytes m = hex("14 000003 aabbcc");
  auto h = decode_handshake_header(m);
  REQUIRE(h.ok());
  CHECK(h->type == HandshakeType::finished);
  CHECK(h->length == 3);
  auto whole = decode_handshake_message(m);
  REQUIRE(whole.ok());
  CHECK(whole->body.size() == 3);
  CHECK_ALERT(decode_handshake_header(hex("14 0000")), AlertDescription::decode_error);
  CHECK_ALERT(decode_handshake_message(hex("14 000004 aabbcc")), AlertDescription::decode_error);
  CHECK_ALERT(decode_handshake_message(hex("14 000002 aabbcc")), AlertDescription::decode_error);
  auto enc = encode_handshake_message(HandshakeType::finished, hex("aabbcc"));
  REQUIRE(enc.ok());
  CHECK(*enc == m);
}

TEST_CASE("ClientHello: RFC 8448 messages round-trip") {
  for (const char* file : {"rfc8448/sec3_handshake_messages.txt",
                           "rfc8448/sec4_handshake_messages.txt",
                           "rfc8448/sec6_handshake_messages.txt",
                           "rfc8448/sec7_handshake_messages.txt"}) {
    CAPTURE(file);
    VectorFile v(file);
    check_round_trip<ClientHello>(v["client_hello"], HandshakeType::client_hello,
                                  ClientHello::decode);
  }
  VectorFile v5("rfc8448/sec5_handshake_messages.txt");
  check_round_trip<ClientHello>(v5["client_hello_2"], HandshakeType::client_hello,
                                ClientHello::decode);
}

TEST_CASE("ClientHello: fields of RFC 8448 §3") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  auto ch = ClientHello::decode(body_of(v["client_hello"], HandshakeType::client_hello));
  REQUIRE(ch.ok());
  CHECK(ch->legacy_version == ProtocolVersion::tls1_2);
  CHECK(ch->legacy_session_id.empty());
  REQUIRE(ch->cipher_suites.size() == 3);
  CHECK(ch->cipher_suites[0] == CipherSuite::TLS_AES_128_GCM_SHA256);
  CHECK(ch->legacy_compression_methods == Bytes{0});
  CHECK(ch->extensions.has(ExtensionType::key_share));
  CHECK(ch->extensions.has(ExtensionType::supported_versions));
  auto ks = KeyShareClientHello::decode(ch->extensions.find(ExtensionType::key_share)->body);
  REQUIRE(ks.ok());
  REQUIRE(ks->shares.size() == 1);
  CHECK(ks->shares[0].group == NamedGroup::x25519);
  CHECK(ks->shares[0].key_exchange == v["client_x25519_public"]);
}

TEST_CASE("ClientHello: negative cases") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  Bytes body = [&] {
    auto b = body_of(v["client_hello"], HandshakeType::client_hello);
    return Bytes(b.begin(), b.end());
  }();
  // 2 + 32 + 1 + (2 + 6) + (1 + 1) = 45: a TLS 1.2 ClientHello without extensions.
  check_truncations(body, ClientHello::decode, {45});
  auto no_ext = ClientHello::decode(ByteView(body).first(45));
  REQUIRE(no_ext.ok());
  CHECK_FALSE(no_ext->extensions_present);

  SUBCASE("odd cipher suite length") {
    Bytes b = body;
    b[35] = 0x00;
    b[36] = 0x05;  // cipher_suites length 5
    CHECK_ALERT(ClientHello::decode(b), AlertDescription::decode_error);
  }
  SUBCASE("session id longer than 32") {
    Bytes b = hex("0303") ;
    b.resize(34, 0x11);
    b.push_back(33);
    b.resize(b.size() + 33, 0);
    b.insert(b.end(), {0x00, 0x02, 0x13, 0x01, 0x01, 0x00});
    CHECK_ALERT(ClientHello::decode(b), AlertDescription::decode_error);
  }
  SUBCASE("empty cipher suites and empty compression") {
    Bytes b(34, 0x03);
    b.push_back(0);                 // session id
    b.insert(b.end(), {0, 0});      // cipher_suites<2..>
    b.insert(b.end(), {1, 0});
    CHECK_ALERT(ClientHello::decode(b), AlertDescription::decode_error);
    Bytes c(34, 0x03);
    c.push_back(0);
    c.insert(c.end(), {0, 2, 0x13, 0x01});
    c.insert(c.end(), {0});         // compression<1..>
    CHECK_ALERT(ClientHello::decode(c), AlertDescription::decode_error);
  }
  SUBCASE("duplicate extension") {
    ClientHello ch;
    ch.cipher_suites = {CipherSuite::TLS_AES_128_GCM_SHA256};
    ch.extensions.add(ExtensionType::supported_groups, hex("0002001d"));
    ch.extensions.add(ExtensionType::supported_groups, hex("0002001d"));
    auto enc = ch.encode();
    REQUIRE(enc.ok());
    CHECK_ALERT(ClientHello::decode(body_of(*enc, HandshakeType::client_hello)),
                AlertDescription::illegal_parameter);
  }
  SUBCASE("extension body longer than the block") {
    ClientHello ch;
    ch.cipher_suites = {CipherSuite::TLS_AES_128_GCM_SHA256};
    ch.extensions.add(ExtensionType::supported_groups, hex("0002001d"));
    auto enc = ch.encode();
    REQUIRE(enc.ok());
    Bytes b(enc->begin() + 4, enc->end());
    b[b.size() - 5] = 0x05;  // extension_data length 4 -> 5
    CHECK_ALERT(ClientHello::decode(b), AlertDescription::decode_error);
  }
}

TEST_CASE("ClientHello: GREASE and unknown values survive a round trip") {
  ClientHello ch;
  ch.random.fill(0x42);
  ch.legacy_session_id = Bytes(32, 0x07);
  ch.cipher_suites = {static_cast<CipherSuite>(0x2a2a), CipherSuite::TLS_AES_128_GCM_SHA256,
                      static_cast<CipherSuite>(0x1399)};
  ch.extensions.add(static_cast<ExtensionType>(0x3a3a), {});
  ch.extensions.add(static_cast<ExtensionType>(0xfe0d), hex("0102"));
  ch.extensions.add(ExtensionType::supported_groups, hex("00041a1a001d"));
  auto enc = ch.encode();
  REQUIRE(enc.ok());
  auto dec = ClientHello::decode(body_of(*enc, HandshakeType::client_hello));
  REQUIRE(dec.ok());
  CHECK(dec->cipher_suites == ch.cipher_suites);
  CHECK(dec->extensions == ch.extensions);
  CHECK(dec->legacy_session_id == ch.legacy_session_id);
  CHECK(*dec->encode() == *enc);
}

TEST_CASE("ServerHello: RFC 8448 messages round-trip, HRR detection") {
  for (const char* file : {"rfc8448/sec3_handshake_messages.txt",
                           "rfc8448/sec4_handshake_messages.txt",
                           "rfc8448/sec5_handshake_messages.txt",
                           "rfc8448/sec7_handshake_messages.txt"}) {
    CAPTURE(file);
    VectorFile v(file);
    check_round_trip<ServerHello>(v["server_hello"], HandshakeType::server_hello,
                                  ServerHello::decode);
    auto sh = ServerHello::decode(body_of(v["server_hello"], HandshakeType::server_hello));
    REQUIRE(sh.ok());
    CHECK_FALSE(sh->is_hello_retry_request());
    CHECK_FALSE(sh->has_downgrade_sentinel());
  }
  VectorFile v5("rfc8448/sec5_handshake_messages.txt");
  check_round_trip<ServerHello>(v5["hello_retry_request"], HandshakeType::server_hello,
                                ServerHello::decode);
  auto hrr = ServerHello::decode(body_of(v5["hello_retry_request"], HandshakeType::server_hello));
  REQUIRE(hrr.ok());
  CHECK(hrr->is_hello_retry_request());
  CHECK(hrr->extensions.has(ExtensionType::cookie));
}

TEST_CASE("ServerHello: negative cases and downgrade sentinels") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  auto view = body_of(v["server_hello"], HandshakeType::server_hello);
  Bytes body(view.begin(), view.end());
  // 2 + 32 + 1 + 2 + 1 = 38: a TLS 1.2 ServerHello without extensions.
  check_truncations(body, ServerHello::decode, {38});
  ServerHello sh;
  std::copy(kDowngradeSentinelTls12.begin(), kDowngradeSentinelTls12.end(), sh.random.end() - 8);
  CHECK(sh.has_downgrade_sentinel());
  std::copy(kDowngradeSentinelTls11.begin(), kDowngradeSentinelTls11.end(), sh.random.end() - 8);
  CHECK(sh.has_downgrade_sentinel());
}

TEST_CASE("EncryptedExtensions round trip and negatives") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  check_round_trip<EncryptedExtensions>(v["encrypted_extensions"],
                                        HandshakeType::encrypted_extensions,
                                        EncryptedExtensions::decode);
  auto view = body_of(v["encrypted_extensions"], HandshakeType::encrypted_extensions);
  check_truncations(Bytes(view.begin(), view.end()), EncryptedExtensions::decode);
  CHECK(EncryptedExtensions::decode(hex("0000")).ok());
  CHECK_ALERT(EncryptedExtensions::decode(hex("0008 000a00020000 000a0000")),
              AlertDescription::decode_error);
  CHECK_ALERT(EncryptedExtensions::decode(hex("0008 00000000 00000000")),
              AlertDescription::illegal_parameter);
}

TEST_CASE("Certificate (1.3) round trip and negatives") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  check_round_trip<Certificate13>(v["server_certificate"], HandshakeType::certificate,
                                  Certificate13::decode);
  VectorFile v6("rfc8448/sec6_handshake_messages.txt");
  check_round_trip<Certificate13>(v6["client_certificate"], HandshakeType::certificate,
                                  Certificate13::decode);
  auto view = body_of(v["server_certificate"], HandshakeType::certificate);
  Bytes body(view.begin(), view.end());
  check_truncations(body, Certificate13::decode);
  auto c = Certificate13::decode(body);
  REQUIRE(c.ok());
  CHECK(c->request_context.empty());
  REQUIRE(c->entries.size() == 1);
  CHECK(c->chain().size() == 1);

  // An empty certificate (client without a certificate) is well-formed.
  auto empty = Certificate13::decode(hex("00 000000"));
  REQUIRE(empty.ok());
  CHECK(empty->entries.empty());
  // cert_data<1..2^24-1>: an empty certificate entry is malformed.
  CHECK_ALERT(Certificate13::decode(hex("00 000005 000000 0000")), AlertDescription::decode_error);
  // Duplicate extensions inside an entry.
  CHECK_ALERT(Certificate13::decode(hex("00 00000e 000001 aa 0008 00050000 00050000")),
              AlertDescription::illegal_parameter);

  SUBCASE("chain length limit") {
    Certificate13 big;
    for (size_t i = 0; i < 17; ++i) big.entries.push_back({Bytes{0x30}, {}});
    auto enc = big.encode();
    REQUIRE(enc.ok());
    auto r = Certificate13::decode(body_of(*enc, HandshakeType::certificate));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::limit);
    CHECK(r.error().alert == AlertDescription::bad_certificate);
  }
}

TEST_CASE("Certificate (1.2) round trip and negatives") {
  Certificate12 c{{hex("3082"), hex("308201")}};
  auto enc = c.encode();
  REQUIRE(enc.ok());
  auto view = body_of(*enc, HandshakeType::certificate);
  check_truncations(Bytes(view.begin(), view.end()), Certificate12::decode);
  auto d = Certificate12::decode(view);
  REQUIRE(d.ok());
  CHECK(d->chain == c.chain);
  CHECK_ALERT(Certificate12::decode(hex("000003 000000")), AlertDescription::decode_error);
}

TEST_CASE("CertificateRequest round trip and negatives") {
  VectorFile v6("rfc8448/sec6_handshake_messages.txt");
  check_round_trip<CertificateRequest13>(v6["certificate_request"],
                                         HandshakeType::certificate_request,
                                         CertificateRequest13::decode);
  auto view = body_of(v6["certificate_request"], HandshakeType::certificate_request);
  check_truncations(Bytes(view.begin(), view.end()), CertificateRequest13::decode);
  // RFC 8446 §4.3.2: signature_algorithms MUST be present.
  CHECK_ALERT(CertificateRequest13::decode(hex("00 0004 002b0000")),
              AlertDescription::missing_extension);
  // extensions<2..2^16-1>
  CHECK_ALERT(CertificateRequest13::decode(hex("00 0000")), AlertDescription::decode_error);

  CertificateRequest12 cr12;
  cr12.certificate_types = {1, 64};
  cr12.signature_algorithms.schemes = {SignatureScheme::ecdsa_secp256r1_sha256};
  cr12.authorities.names = {hex("3000")};
  auto enc = cr12.encode();
  REQUIRE(enc.ok());
  auto b12 = body_of(*enc, HandshakeType::certificate_request);
  check_truncations(Bytes(b12.begin(), b12.end()), CertificateRequest12::decode);
  auto d12 = CertificateRequest12::decode(b12);
  REQUIRE(d12.ok());
  CHECK(d12->certificate_types == cr12.certificate_types);
  CHECK(d12->signature_algorithms.schemes == cr12.signature_algorithms.schemes);
  CHECK(d12->authorities.names == cr12.authorities.names);
}

TEST_CASE("CertificateVerify round trip and negatives") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  check_round_trip<CertificateVerify>(v["server_certificate_verify"],
                                      HandshakeType::certificate_verify,
                                      CertificateVerify::decode);
  auto view = body_of(v["server_certificate_verify"], HandshakeType::certificate_verify);
  check_truncations(Bytes(view.begin(), view.end()), CertificateVerify::decode);
  auto cv = CertificateVerify::decode(view);
  REQUIRE(cv.ok());
  CHECK(cv->algorithm == SignatureScheme::rsa_pss_rsae_sha256);
  CHECK(cv->signature.size() == 128);
}

TEST_CASE("Finished round trip and negatives") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  auto view = body_of(v["server_finished"], HandshakeType::finished);
  auto f = Finished::decode(view, 32);
  REQUIRE(f.ok());
  CHECK(f->verify_data == v["server_finished_verify_data"]);
  CHECK(*f->encode() == v["server_finished"]);
  CHECK_ALERT(Finished::decode(view.first(31), 32), AlertDescription::decode_error);
  Bytes longer(view.begin(), view.end());
  longer.push_back(0);
  CHECK_ALERT(Finished::decode(longer, 32), AlertDescription::decode_error);
  CHECK_ALERT(Finished::decode(view, 48), AlertDescription::decode_error);
}

TEST_CASE("NewSessionTicket round trip and negatives") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  check_round_trip<NewSessionTicket13>(v["new_session_ticket"], HandshakeType::new_session_ticket,
                                       NewSessionTicket13::decode);
  auto view = body_of(v["new_session_ticket"], HandshakeType::new_session_ticket);
  check_truncations(Bytes(view.begin(), view.end()), NewSessionTicket13::decode);
  auto t = NewSessionTicket13::decode(view);
  REQUIRE(t.ok());
  CHECK(t->ticket_lifetime == 30);
  CHECK(t->extensions.has(ExtensionType::early_data));
  // ticket<1..2^16-1>: an empty ticket is malformed.
  CHECK_ALERT(NewSessionTicket13::decode(hex("00000001 00000002 00 0000 0000")),
              AlertDescription::decode_error);

  NewSessionTicket12 t12{7200, hex("0102030405")};
  auto enc = t12.encode();
  REQUIRE(enc.ok());
  auto b12 = body_of(*enc, HandshakeType::new_session_ticket);
  check_truncations(Bytes(b12.begin(), b12.end()), NewSessionTicket12::decode);
  auto d12 = NewSessionTicket12::decode(b12);
  REQUIRE(d12.ok());
  CHECK(d12->ticket_lifetime_hint == 7200);
  CHECK(d12->ticket == t12.ticket);
}

TEST_CASE("KeyUpdate and EndOfEarlyData") {
  for (auto req : {KeyUpdateRequest::update_not_requested, KeyUpdateRequest::update_requested}) {
    auto enc = KeyUpdate{req}.encode();
    REQUIRE(enc.ok());
    auto d = KeyUpdate::decode(body_of(*enc, HandshakeType::key_update));
    REQUIRE(d.ok());
    CHECK(d->request_update == req);
  }
  CHECK_ALERT(KeyUpdate::decode(hex("02")), AlertDescription::illegal_parameter);
  CHECK_ALERT(KeyUpdate::decode(hex("")), AlertDescription::decode_error);
  CHECK_ALERT(KeyUpdate::decode(hex("0000")), AlertDescription::decode_error);

  VectorFile v4("rfc8448/sec4_handshake_messages.txt");
  CHECK(*EndOfEarlyData{}.encode() == v4["end_of_early_data"]);
  CHECK(EndOfEarlyData::decode({}).ok());
  CHECK_ALERT(EndOfEarlyData::decode(hex("00")), AlertDescription::decode_error);
}
