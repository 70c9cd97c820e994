// describe_handshake_message (tlsock/inspect.hpp): RFC 8448's messages read by the handshake's
// decoders, field by field and extension by extension, and garbage described, never thrown.
#include "tlsock/inspect.hpp"

#include <algorithm>

#include "handshake/messages/client_hello.hpp"
#include "unit/handshake/test_support.hpp"

using namespace tlsock;
using tlsock::test::VectorFile;

namespace {

bool has_line(const HandshakeMessageDescription& d, const std::string& line) {
  return std::find(d.lines.begin(), d.lines.end(), line) != d.lines.end();
}

// The lines one to a line, for failure messages.
std::string text(const HandshakeMessageDescription& d) {
  std::string out;
  for (const std::string& line : d.lines) out += "\n" + line;
  return out;
}

bool any_malformed(const HandshakeMessageDescription& d) {
  return std::any_of(d.lines.begin(), d.lines.end(),
                     [](const std::string& l) { return l.find("malformed") != std::string::npos; });
}

}  // namespace

TEST_CASE("inspect: RFC 8448 §3 ClientHello, every field and extension") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  HandshakeMessageDescription d = describe_handshake_message(v["client_hello"], false);
  CAPTURE(text(d));
  CHECK(d.title == "ClientHello");
  CHECK(d.type == 1);
  CHECK(d.length == 192);
  CHECK_FALSE(d.selects_tls13);
  std::vector<std::string> expected = {
      "version tls1_2, random 32 bytes, session_id 0 bytes",
      "cipher_suites: TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256, "
      "TLS_AES_256_GCM_SHA384",
      "compression_methods: 1 methods",
      "extension server_name (0), 11 bytes: server",
      "extension renegotiation_info (65281), 1 bytes: renegotiated_connection 0 bytes",
      "extension supported_groups (10), 20 bytes: x25519, secp256r1, secp384r1, secp521r1, "
      "ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192",
      "extension session_ticket (35), 0 bytes: (empty)",
      "extension key_share (51), 38 bytes: x25519 (32 bytes)",
      "extension supported_versions (43), 3 bytes: tls1_3",
      "extension signature_algorithms (13), 32 bytes: ecdsa_secp256r1_sha256, "
      "ecdsa_secp384r1_sha384, ecdsa_secp521r1_sha512, ecdsa_sha1, rsa_pss_rsae_sha256, "
      "rsa_pss_rsae_sha384, rsa_pss_rsae_sha512, rsa_pkcs1_sha256, rsa_pkcs1_sha384, "
      "rsa_pkcs1_sha512, rsa_pkcs1_sha1, unknown(0x0402), unknown(0x0502), unknown(0x0602), "
      "unknown(0x0202)",
      "extension psk_key_exchange_modes (45), 2 bytes: psk_dhe_ke",
      "extension record_size_limit (28), 2 bytes: 16385",
  };
  CHECK(d.lines == expected);
}

TEST_CASE("inspect: the server's messages read by the version the ServerHello chose") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  HandshakeMessageDescription sh = describe_handshake_message(v["server_hello"], false);
  CAPTURE(text(sh));
  CHECK(sh.title == "ServerHello");
  CHECK(sh.selects_tls13);
  CHECK(has_line(sh, "version tls1_2, random 32 bytes, session_id 0 bytes, "
                     "cipher_suite TLS_AES_128_GCM_SHA256"));
  CHECK(has_line(sh, "extension key_share (51), 36 bytes: x25519 (32 bytes)"));
  CHECK(has_line(sh, "extension supported_versions (43), 2 bytes: tls1_3"));

  HandshakeMessageDescription cert = describe_handshake_message(v["server_certificate"], true);
  CAPTURE(text(cert));
  CHECK(cert.lines == std::vector<std::string>{
                          "request_context 0 bytes",
                          "certificate 0: 432 bytes, subject CN=rsa; issuer CN=rsa"});
  // The same bytes read as TLS 1.2's Certificate do not parse.
  HandshakeMessageDescription as12 = describe_handshake_message(v["server_certificate"], false);
  CHECK(any_malformed(as12));

  HandshakeMessageDescription nst = describe_handshake_message(v["new_session_ticket"], true);
  CAPTURE(text(nst));
  CHECK(nst.lines == std::vector<std::string>{
                         "lifetime 30 s, nonce 2 bytes, ticket 178 bytes",
                         "extension early_data (42), 4 bytes: max_early_data_size 1024"});

  CHECK(describe_handshake_message(v["server_certificate_verify"], true).lines ==
        std::vector<std::string>{"signed with rsa_pss_rsae_sha256 (128 bytes)"});
  CHECK(describe_handshake_message(v["server_finished"], true).lines ==
        std::vector<std::string>{"verify_data 32 bytes"});
  HandshakeMessageDescription ee = describe_handshake_message(v["encrypted_extensions"], true);
  CHECK(ee.title == "EncryptedExtensions");
  CHECK(has_line(ee, "extension server_name (0), 0 bytes: (acknowledged)"));
}

TEST_CASE("inspect: HelloRetryRequest, PSK offer and early_data (RFC 8448 §4, §5)") {
  VectorFile v5("rfc8448/sec5_handshake_messages.txt");
  HandshakeMessageDescription hrr = describe_handshake_message(v5["hello_retry_request"], false);
  CAPTURE(text(hrr));
  CHECK(hrr.title == "HelloRetryRequest");
  CHECK(hrr.selects_tls13);
  CHECK(has_line(hrr, "extension key_share (51), 2 bytes: selected secp256r1"));
  CHECK_FALSE(any_malformed(hrr));

  VectorFile v4("rfc8448/sec4_handshake_messages.txt");
  HandshakeMessageDescription ch = describe_handshake_message(v4["client_hello"], false);
  CAPTURE(text(ch));
  CHECK(has_line(ch, "extension early_data (42), 0 bytes: (empty)"));
  CHECK(has_line(ch, "extension pre_shared_key (41), 221 bytes: 1 identities, binders 33 bytes"));
  CHECK_FALSE(any_malformed(ch));
}

TEST_CASE("inspect: an extension its decoder refuses is described as malformed") {
  ClientHello hello;
  hello.cipher_suites = {CipherSuite::TLS_AES_128_GCM_SHA256};
  hello.extensions.add(ExtensionType::key_share, {0x00, 0x03, 0x00, 0x1d, 0x00});  // cut short
  auto message = hello.encode();
  REQUIRE(message.ok());
  HandshakeMessageDescription d = describe_handshake_message(*message, false);
  CAPTURE(text(d));
  REQUIRE(d.lines.size() == 4);
  CHECK(d.lines[3].rfind("extension key_share (51), 5 bytes: (malformed: ", 0) == 0);
}

TEST_CASE("inspect: garbage is described, never thrown") {
  VectorFile v("rfc8448/sec3_handshake_messages.txt");
  const Bytes& whole = v["client_hello"];
  Bytes cut(whole.begin(), whole.begin() + 100);
  HandshakeMessageDescription d = describe_handshake_message(cut, false);
  CAPTURE(text(d));
  CHECK(d.title == "ClientHello");
  CHECK(d.length == 192);
  REQUIRE(d.lines.size() == 2);
  CHECK(d.lines[0].rfind("(malformed: the message does not parse as ClientHello: ", 0) == 0);
  CHECK(d.lines[1] == "(malformed: the header gives 192 bytes, the body has 96 bytes)");

  CHECK(describe_handshake_message(Bytes{2, 0}, false).lines ==
        std::vector<std::string>{"(malformed: the 4-byte header is truncated)"});
  CHECK(describe_handshake_message(Bytes{}, false).lines.size() == 1);

  // Every type, known or not, with bodies of every shape: a description, never an exception.
  Bytes noise = {0x00, 0x00, 0xff, 0x03, 0x03, 0x01, 0x00, 0x20, 0xff, 0xff, 0x00, 0x1d};
  for (int type = 0; type < 256; ++type) {
    for (size_t n = 0; n <= noise.size(); ++n) {
      Bytes m = {static_cast<uint8_t>(type), 0, 0, static_cast<uint8_t>(n)};
      m.insert(m.end(), noise.begin(), noise.begin() + static_cast<ptrdiff_t>(n));
      for (bool tls13 : {false, true}) CHECK_NOTHROW(describe_handshake_message(m, tls13));
    }
  }
}
