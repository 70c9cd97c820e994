// The OpenSSL cipher-string parser behind SSLContext::set_ciphers(), checked against OpenSSL
// itself (vectors/api/context/cipher_strings.txt: Python's set_ciphers over OpenSSL 3,
// restricted to tlsock's TLS 1.2 suites) and on the rules one by one.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "socket/cipher_catalog.hpp"
#include "socket/cipher_string.hpp"

using namespace tlsock;
using detail::parse_cipher_string;

namespace {

// "ECDHE-RSA-AES128-GCM-SHA256:..." or "ERROR".
std::string names(std::string_view rule) {
  auto r = parse_cipher_string(rule);
  if (!r) return "ERROR";
  std::string out;
  for (CipherSuite s : r->suites) {
    if (!out.empty()) out += ':';
    out += std::string(detail::find_cipher(s)->name);
  }
  return out;
}

// Short names for the hand-written cases: E/R (ECDSA/RSA) + 128/256/CC.
std::string shorthand(std::string_view rule) {
  auto r = parse_cipher_string(rule);
  if (!r) return "ERROR";
  std::string out;
  for (CipherSuite s : r->suites) {
    const auto* c = detail::find_cipher(s);
    if (!out.empty()) out += ' ';
    out += c->auth == detail::CipherAuth::ecdsa ? "E" : "R";
    out += c->enc == detail::CipherEnc::aes128gcm   ? "128"
           : c->enc == detail::CipherEnc::aes256gcm ? "256"
                                                     : "CC";
  }
  return out;
}

}  // namespace

TEST_CASE("cipher_string: every string gives OpenSSL's answer for our suites") {
  std::ifstream in(TLSOCK_VECTORS_DIR "/api/context/cipher_strings.txt");
  REQUIRE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("#")) continue;
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const std::string rule = line.substr(0, tab);
    const std::string expected = line.substr(tab + 1);
    CAPTURE(rule);
    CHECK(names(rule) == expected);
    ++cases;
  }
  CHECK(cases > 80);
}

TEST_CASE("cipher_string: the default rank and the aliases") {
  CHECK(shorthand("ALL") == "E256 R256 ECC RCC E128 R128");
  CHECK(shorthand("DEFAULT") == shorthand("ALL"));
  CHECK(shorthand("AESGCM") == "E256 R256 E128 R128");
  CHECK(shorthand("CHACHA20") == "ECC RCC");
  CHECK(shorthand("aRSA") == "R256 RCC R128");
  CHECK(shorthand("aECDSA") == shorthand("ECDSA"));
  // RSA is the RSA key exchange, which we do not have; aRSA is RSA authentication.
  CHECK(shorthand("RSA") == "ERROR");
  CHECK(shorthand("ECDHE-RSA-AES128-GCM-SHA256") == "R128");
  // Python's default string.
  CHECK(shorthand("@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:"
                  "!SHA1:!AESCCM") == "E256 R256 E128 R128 ECC RCC");
}

TEST_CASE("cipher_string: prefixes") {
  // '+' moves active suites to the end.
  CHECK(shorthand("ALL:+aRSA") == "E256 ECC E128 R256 RCC R128");
  // '-' parks suites at the front, so adding them again puts them back before the others.
  CHECK(shorthand("ALL:-CHACHA20:-AES256:ALL") == "E128 R128 E256 R256 ECC RCC");
  CHECK(shorthand("ALL:-AES128:AES128") == shorthand("ALL"));
  // '!' is for good.
  CHECK(shorthand("ALL:!AES128:AES128") == "E256 R256 ECC RCC");
  CHECK(shorthand("!CHACHA20:ALL") == "E256 R256 E128 R128");
  // '-' and '+' on inactive suites do nothing.
  CHECK(shorthand("-CHACHA20:ALL") == shorthand("ALL"));
}

TEST_CASE("cipher_string: intersections, separators, @STRENGTH") {
  CHECK(shorthand("ECDHE+AESGCM+aRSA") == "R256 R128");
  CHECK(shorthand("aRSA+ECDSA") == "ERROR");
  CHECK(shorthand("AES128,AES256 CHACHA20;aRSA") == "E128 R128 E256 R256 ECC RCC");
  CHECK(shorthand("CHACHA20:AES128:AES256:@STRENGTH") == "ECC RCC E256 R256 E128 R128");
}

TEST_CASE("cipher_string: errors and ignored words") {
  CHECK(shorthand("") == "ERROR");
  CHECK(shorthand("FOO") == "ERROR");
  CHECK(shorthand("FOO:AESGCM") == shorthand("AESGCM"));
  // A character that starts nothing fails the whole string ...
  CHECK(shorthand("ALL:^") == "ERROR");
  CHECK(shorthand("AES128+") == "ERROR");
  CHECK(shorthand("ALL:!") == "ERROR");
  // ... unless it sits in an element already abandoned for an unknown word.
  CHECK(shorthand("FOO^:AESGCM") == shorthand("AESGCM"));
  CHECK(shorthand("^$:,;?*'dorothyx") == "ERROR");
  CHECK(shorthand("@FOO:ALL") == "ERROR");
  CHECK(shorthand("@STRENGTH") == "ERROR");
}

TEST_CASE("cipher_string: @SECLEVEL") {
  auto r = parse_cipher_string("DEFAULT:@SECLEVEL=4");
  REQUIRE(r);
  CHECK(r->security_level == 4);
  CHECK(r->suites.size() == 6);  // the level limits handshakes, not the list
  CHECK(parse_cipher_string("ALL")->security_level == std::nullopt);
  CHECK(parse_cipher_string("@SECLEVEL=0:ALL")->security_level == 0);
  CHECK(!parse_cipher_string("@SECLEVEL=6:ALL"));
  CHECK(!parse_cipher_string("@SECLEVEL=10:ALL"));
  CHECK(!parse_cipher_string("ALL:@SECLEVEL=x"));
}

TEST_CASE("cipher_catalog: get_ciphers() dicts as OpenSSL describes the suites") {
  auto d = detail::describe(*detail::find_cipher(CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384));
  CHECK(d.id == 50380844u);
  CHECK(d.name == "ECDHE-ECDSA-AES256-GCM-SHA384");
  CHECK(d.protocol == "TLSv1.2");
  CHECK(d.description ==
        "ECDHE-ECDSA-AES256-GCM-SHA384  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(256)            "
        "Mac=AEAD");
  CHECK(d.strength_bits == 256);
  CHECK(d.alg_bits == 256);
  CHECK(d.aead);
  CHECK(d.symmetric == "aes-256-gcm");
  CHECK(d.digest == std::nullopt);
  CHECK(d.kea == "kx-ecdhe");
  CHECK(d.auth == "auth-ecdsa");

  auto t = detail::describe(*detail::find_cipher(CipherSuite::TLS_CHACHA20_POLY1305_SHA256));
  CHECK(t.id == 50336515u);
  CHECK(t.description ==
        "TLS_CHACHA20_POLY1305_SHA256   TLSv1.3 Kx=any      Au=any   Enc=CHACHA20/POLY1305(256) "
        "Mac=AEAD");
  CHECK(t.symmetric == "chacha20-poly1305");
  CHECK(t.kea == "kx-any");
  CHECK(t.auth == "auth-any");

  auto r = detail::describe(*detail::find_cipher(CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
  CHECK(r.description ==
        "ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            "
        "Mac=AEAD");
  CHECK(r.strength_bits == 128);
  CHECK(detail::find_cipher(CipherSuite::TLS_FALLBACK_SCSV) == nullptr);
}
