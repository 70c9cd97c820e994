// TLS 1.2 message and extension codecs: round trips, truncations and bad values with their
// alerts, and the messages of a real OpenSSL handshake decoding (and re-encoding) exactly.
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/next_protocol_negotiation.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/next_protocol.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "handshake/messages/server_key_exchange.hpp"
#include "crypto/key_exchange.hpp"
#include "handshake/signature_schemes_12.hpp"
#include "unit/handshake/test_support.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {
// Every strict prefix of a body fails with decode_error, and so does one trailing byte.
template <typename Decode>
void check_truncations(const Bytes& body, Decode decode) {
  for (size_t n = 0; n < body.size(); ++n) {
    CAPTURE(n);
    CHECK_ALERT(decode(ByteView(body).first(n)), AlertDescription::decode_error);
  }
  Bytes longer = body;
  longer.push_back(0);
  CHECK_ALERT(decode(longer), AlertDescription::decode_error);
}
}  // namespace

TEST_CASE("ServerKeyExchange (ECDHE) round trip and negatives") {
  ServerKeyExchangeEcdhe ske{NamedGroup::x25519, Bytes(32, 9), SignatureScheme::ed25519, Bytes(64, 7)};
  auto whole = ske.encode();
  REQUIRE(whole.ok());
  Bytes body(whole->begin() + 4, whole->end());
  CHECK(body[0] == 3);  // named_curve
  auto back = ServerKeyExchangeEcdhe::decode(body);
  REQUIRE(back.ok());
  CHECK(back->group == NamedGroup::x25519);
  CHECK(back->public_point == ske.public_point);
  CHECK(back->signature == ske.signature);
  check_truncations(body, [](ByteView b) { return ServerKeyExchangeEcdhe::decode(b); });
  Bytes explicit_prime = body;
  explicit_prime[0] = 1;  // RFC 8422 §5.4: deprecated curve types
  CHECK_ALERT(ServerKeyExchangeEcdhe::decode(explicit_prime), AlertDescription::illegal_parameter);
  Bytes empty_point = {3, 0, 0x1d, 0, 0x08, 0x07, 0, 0};
  CHECK_ALERT(ServerKeyExchangeEcdhe::decode(empty_point), AlertDescription::decode_error);
  auto content = ske.signed_content(Bytes(32, 1), Bytes(32, 2));
  REQUIRE(content.ok());
  CHECK(content->size() == 64 + 4 + 32);
}

TEST_CASE("ClientKeyExchange, HelloRequest, ServerHelloDone, NextProtocol") {
  auto cke = ClientKeyExchangeEcdhe{Bytes(65, 4)}.encode();
  REQUIRE(cke.ok());
  Bytes body(cke->begin() + 4, cke->end());
  CHECK(ClientKeyExchangeEcdhe::decode(body)->public_point == Bytes(65, 4));
  check_truncations(body, [](ByteView b) { return ClientKeyExchangeEcdhe::decode(b); });
  CHECK_ALERT(ClientKeyExchangeEcdhe::decode(Bytes{0}), AlertDescription::decode_error);  // empty point

  CHECK(*HelloRequest{}.encode() == Bytes{0, 0, 0, 0});
  CHECK(*ServerHelloDone{}.encode() == Bytes{14, 0, 0, 0});
  CHECK_ALERT(HelloRequest::decode(Bytes{0}), AlertDescription::decode_error);
  CHECK_ALERT(ServerHelloDone::decode(Bytes{0}), AlertDescription::decode_error);

  // draft-agl-tls-nextprotoneg §3: padding = 32 - ((len + 2) % 32), so the body is a multiple of 32.
  for (const std::string& p : std::vector<std::string>{"", "h2", "http/1.1", std::string(30, 'x'), std::string(200, 'y')}) {
    auto np = NextProtocol::with_padding(p).encode();
    REQUIRE(np.ok());
    CHECK((np->size() - 4) % 32 == 0);
    auto back = NextProtocol::decode(ByteView(*np).subspan(4));
    REQUIRE(back.ok());
    CHECK(back->selected_protocol == p);
  }
  Bytes np_whole = *NextProtocol::with_padding("h2").encode();
  Bytes np_body(np_whole.begin() + 4, np_whole.end());
  check_truncations(np_body, [](ByteView b) { return NextProtocol::decode(b); });
  CHECK_FALSE(NextProtocol{std::string(256, 'z'), {}}.encode().ok());
}

TEST_CASE("1.2 extensions: renegotiation_info, ec_point_formats, NPN, max_fragment_length") {
  CHECK(*RenegotiationInfo{}.encode() == Bytes{0});
  CHECK(RenegotiationInfo::decode(Bytes{2, 1, 2})->renegotiated_connection == Bytes{1, 2});
  CHECK_ALERT(RenegotiationInfo::decode(Bytes{}), AlertDescription::decode_error);
  CHECK_ALERT(RenegotiationInfo::decode(Bytes{2, 1}), AlertDescription::decode_error);

  CHECK(*EcPointFormats{{0}}.encode() == Bytes{1, 0});
  CHECK(EcPointFormats::decode(Bytes{3, 1, 2, 0})->has_uncompressed());
  CHECK_FALSE(EcPointFormats::decode(Bytes{1, 1})->has_uncompressed());
  CHECK_ALERT(EcPointFormats::decode(Bytes{0}), AlertDescription::decode_error);  // <1..2^8-1>
  CHECK_ALERT(EcPointFormats::decode(Bytes{2, 0}), AlertDescription::decode_error);

  auto npn = NextProtocolNegotiationServer{{"h2", "http/1.1"}}.encode();
  REQUIRE(npn.ok());
  CHECK(NextProtocolNegotiationServer::decode(*npn)->protocols == std::vector<std::string>{"h2", "http/1.1"});
  CHECK(NextProtocolNegotiationServer::decode(Bytes{})->protocols.empty());
  CHECK_ALERT(NextProtocolNegotiationServer::decode(Bytes{3, 'a'}), AlertDescription::decode_error);
  CHECK_ALERT(NextProtocolNegotiationServer::decode(Bytes{0}), AlertDescription::decode_error);
  CHECK_FALSE(NextProtocolNegotiationServer{{""}}.encode().ok());

  for (uint8_t c = 1; c <= 4; ++c) {
    CHECK(MaxFragmentLength::decode(Bytes{c})->length() == (size_t{1} << (8 + c)));
  }
  CHECK(MaxFragmentLength::code_for_length(4096) == 4);
  CHECK(MaxFragmentLength::code_for_length(1000) == 0);
  for (uint8_t bad : {0, 5, 255}) CHECK_ALERT(MaxFragmentLength::decode(Bytes{bad}), AlertDescription::illegal_parameter);
  CHECK_ALERT(MaxFragmentLength::decode(Bytes{}), AlertDescription::decode_error);
  CHECK_ALERT(MaxFragmentLength::decode(Bytes{1, 1}), AlertDescription::decode_error);
}

TEST_CASE("an OpenSSL TLS 1.2 handshake decodes and re-encodes byte for byte") {
  VectorFile f("tls12_handshake/openssl_ecdhe_ecdsa_aes128_gcm_sha256.txt");
  auto sh = ServerHello::decode(body_of(f["msg01_server_ServerHello"], HandshakeType::server_hello));
  REQUIRE(sh.ok());
  CHECK(*sh->encode() == f["msg01_server_ServerHello"]);
  CHECK(sh->extensions.has(ExtensionType::extended_master_secret));
  CHECK(sh->extensions.has(ExtensionType::renegotiation_info));
  auto cert = Certificate12::decode(body_of(f["msg02_server_Certificate"], HandshakeType::certificate));
  REQUIRE(cert.ok());
  CHECK(cert->chain.size() == 1);
  auto ske = ServerKeyExchangeEcdhe::decode(body_of(f["msg03_server_ServerKeyExchange"], HandshakeType::server_key_exchange));
  REQUIRE(ske.ok());
  CHECK(*ske->encode() == f["msg03_server_ServerKeyExchange"]);
  CHECK(ServerHelloDone::decode(body_of(f["msg04_server_ServerHelloDone"], HandshakeType::server_hello_done)).ok());
  auto cke = ClientKeyExchangeEcdhe::decode(body_of(f["msg05_client_ClientKeyExchange"], HandshakeType::client_key_exchange));
  REQUIRE(cke.ok());
  CHECK(cke->public_point.size() == key_exchange_public_length(ske->group));
  CHECK(NewSessionTicket12::decode(body_of(f["msg07_server_NewSessionTicket"], HandshakeType::new_session_ticket)).ok());

  // OpenSSL's ServerKeyExchange signature verifies over client_random || server_random || params
  // with the key of its certificate, and not over anything else.
  auto key = PublicKey::from_spki(f["server_spki"]);
  REQUIRE(key.ok());
  auto content = ske->signed_content(f["client_random"], f["server_random"]);
  REQUIRE(content.ok());
  const auto& offered = default_signature_schemes_12();
  CHECK(check_signature_12(*key, ske->algorithm, ske->signature, *content, offered, "ServerKeyExchange").ok());
  auto swapped = ske->signed_content(f["server_random"], f["client_random"]);
  CHECK_ALERT(check_signature_12(*key, ske->algorithm, ske->signature, *swapped, offered, "ServerKeyExchange"),
              AlertDescription::decrypt_error);
}
