// Python's ssl constants: names, numeric values, and the bitmask arithmetic of IntFlag.
#include <doctest/doctest.h>

#include <algorithm>
#include <type_traits>

#include "tlsock/constants.hpp"

using namespace tlsock;

TEST_CASE("constants: TLSVersion values") {
  CHECK(static_cast<int>(TLSVersion::MINIMUM_SUPPORTED) == -2);
  CHECK(static_cast<int>(TLSVersion::MAXIMUM_SUPPORTED) == -1);
  CHECK(static_cast<int>(TLSVersion::SSLv3) == 0x300);
  CHECK(static_cast<int>(TLSVersion::TLSv1) == 0x301);
  CHECK(static_cast<int>(TLSVersion::TLSv1_1) == 0x302);
  CHECK(static_cast<int>(TLSVersion::TLSv1_2) == 0x303);
  CHECK(static_cast<int>(TLSVersion::TLSv1_3) == 0x304);
}

TEST_CASE("constants: protocols and verify modes, at module level and in their enums") {
  CHECK(PROTOCOL_TLS_CLIENT == 16);
  CHECK(PROTOCOL_TLS_SERVER == 17);
  CHECK(PROTOCOL_TLS == 2);
  CHECK(PROTOCOL_SSLv23 == PROTOCOL_TLS);
  CHECK(SSLMethod::PROTOCOL_TLS_CLIENT == PROTOCOL_TLS_CLIENT);
  CHECK(CERT_NONE == 0);
  CHECK(CERT_OPTIONAL == 1);
  CHECK(CERT_REQUIRED == 2);
  static_assert(std::is_same_v<decltype(tlsock::CERT_REQUIRED), VerifyMode>);
  CHECK(VerifyMode::CERT_REQUIRED == tlsock::CERT_REQUIRED);
}

TEST_CASE("constants: Options are OpenSSL 3's bits and combine as a bitmask") {
  CHECK(OP_ALL == 0x80000050u);  // hex(ssl.OP_ALL) in Python 3.11 + OpenSSL 3.0
  CHECK(OP_NO_TICKET == 0x4000);
  CHECK(OP_NO_COMPRESSION == 0x20000);
  CHECK(OP_ENABLE_MIDDLEBOX_COMPAT == 0x100000);
  CHECK(OP_CIPHER_SERVER_PREFERENCE == 0x400000);
  CHECK(OP_NO_SSLv3 == 0x2000000);
  CHECK(OP_NO_TLSv1 == 0x4000000);
  CHECK(OP_NO_TLSv1_2 == 0x8000000);
  CHECK(OP_NO_TLSv1_1 == 0x10000000);
  CHECK(OP_NO_TLSv1_3 == 0x20000000);
  CHECK(OP_NO_RENEGOTIATION == 0x40000000);
  CHECK(OP_IGNORE_UNEXPECTED_EOF == 0x80);
  CHECK(OP_LEGACY_SERVER_CONNECT == 0x4);
  CHECK(OP_NO_SSLv2 == 0);
  CHECK(OP_SINGLE_DH_USE == 0);
  CHECK(OP_SINGLE_ECDH_USE == 0);

  // SSLContext's default options (Python's ssl docs, SSLContext.options).
  Options defaults = OP_ALL | OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_COMPRESSION |
                     OP_CIPHER_SERVER_PREFERENCE | OP_SINGLE_DH_USE | OP_SINGLE_ECDH_USE |
                     OP_ENABLE_MIDDLEBOX_COMPAT;
  CHECK(defaults == 0x82520050u);  // ssl.SSLContext(PROTOCOL_TLS_CLIENT).options
  static_assert(std::is_same_v<decltype(OP_ALL | OP_NO_TICKET), Options>);
  static_assert(std::is_same_v<decltype(~OP_NO_TICKET), Options>);
  Options o = defaults;
  o |= OP_NO_TICKET;
  CHECK((o & OP_NO_TICKET));
  o &= ~OP_NO_TICKET;
  CHECK_FALSE((o & OP_NO_TICKET));
  CHECK(o == defaults);
  o ^= OP_NO_TLSv1_3;
  CHECK((o & OP_NO_TLSv1_3) == OP_NO_TLSv1_3);
  CHECK(Options::OP_NO_TICKET == OP_NO_TICKET);
}

TEST_CASE("constants: VerifyFlags") {
  CHECK(VERIFY_DEFAULT == 0);
  CHECK(VERIFY_CRL_CHECK_LEAF == 0x4);
  CHECK(VERIFY_CRL_CHECK_CHAIN == 0xc);
  CHECK(VERIFY_X509_STRICT == 0x20);
  CHECK(VERIFY_ALLOW_PROXY_CERTS == 0x40);
  CHECK(VERIFY_X509_TRUSTED_FIRST == 0x8000);
  CHECK(VERIFY_X509_PARTIAL_CHAIN == 0x80000);
  VerifyFlags f = VERIFY_X509_TRUSTED_FIRST | VERIFY_X509_PARTIAL_CHAIN | VERIFY_X509_STRICT;
  static_assert(std::is_same_v<decltype(f & VERIFY_X509_STRICT), VerifyFlags>);
  CHECK((f & VERIFY_CRL_CHECK_LEAF) == VERIFY_DEFAULT);
}

TEST_CASE("constants: Purpose, alerts, channel bindings, feature flags") {
  CHECK(oid(Purpose::SERVER_AUTH) == "1.3.6.1.5.5.7.3.1");
  CHECK(oid(Purpose::CLIENT_AUTH) == "1.3.6.1.5.5.7.3.2");
  CHECK(static_cast<int>(ALERT_DESCRIPTION_HANDSHAKE_FAILURE) == 40);
  CHECK(static_cast<int>(ALERT_DESCRIPTION_UNKNOWN_CA) == 48);
  CHECK(static_cast<int>(ALERT_DESCRIPTION_INTERNAL_ERROR) == 80);
  CHECK(static_cast<int>(ALERT_DESCRIPTION_USER_CANCELLED) == 90);
  CHECK(static_cast<int>(ALERT_DESCRIPTION_UNRECOGNIZED_NAME) == 112);
  CHECK(static_cast<int>(ALERT_DESCRIPTION_CERTIFICATE_REQUIRED) == 116);
  CHECK(std::find(CHANNEL_BINDING_TYPES.begin(), CHANNEL_BINDING_TYPES.end(), "tls-unique") !=
        CHANNEL_BINDING_TYPES.end());
  CHECK(std::find(CHANNEL_BINDING_TYPES.begin(), CHANNEL_BINDING_TYPES.end(),
                  "tls-exporter") != CHANNEL_BINDING_TYPES.end());
  static_assert(HAS_SNI && HAS_ALPN && HAS_ECDH && HAS_TLSv1_2 && HAS_TLSv1_3 && HAS_PHA);
  static_assert(!HAS_SSLv2 && !HAS_SSLv3 && !HAS_TLSv1 && !HAS_TLSv1_1 && !HAS_NPN);
}
