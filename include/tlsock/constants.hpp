// The constants and enums of Python's ssl module, with Python's names and numeric values.
//
// Python exports the members of its IntEnum/IntFlag classes at module level (ssl.CERT_REQUIRED,
// ssl.OP_NO_TICKET, ssl.PROTOCOL_TLS_CLIENT), so those enums are unscoped here: both
// tlsock::CERT_REQUIRED and tlsock::VerifyMode::CERT_REQUIRED name the member, and members
// convert to integers as IntEnum members do. TLSVersion's members (SSLv3, TLSv1_3, ...) are not
// exported by Python, so it is a scoped enum: tlsock::TLSVersion::TLSv1_3.
// Options and VerifyFlags are bitmasks: |, &, ^, ~ and their compound forms keep the type.
// The SSL_ERROR_* numbers live with the exceptions, in errors.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace tlsock {

// ssl.TLSVersion: the values of the wire's ProtocolVersion, plus two sentinels that mean
// "the lowest / highest version this library supports".
enum class TLSVersion : int {
  MINIMUM_SUPPORTED = -2,
  MAXIMUM_SUPPORTED = -1,
  SSLv3 = 0x0300,
  TLSv1 = 0x0301,
  TLSv1_1 = 0x0302,
  TLSv1_2 = 0x0303,
  TLSv1_3 = 0x0304,
};

// ssl._SSLMethod (a leading underscore before a capital is reserved in C++, hence the name).
// PROTOCOL_SSLv23 is Python's old alias of PROTOCOL_TLS; TLSv1..TLSv1_2 are the deprecated
// fixed-version methods, listed so their numbers are known; HAS_TLSv1/HAS_TLSv1_1 tell
// whether the versions exist at all.
enum SSLMethod : int {
  PROTOCOL_SSLv23 = 2,
  PROTOCOL_TLS = 2,
  PROTOCOL_TLSv1 = 3,
  PROTOCOL_TLSv1_1 = 4,
  PROTOCOL_TLSv1_2 = 5,
  PROTOCOL_TLS_CLIENT = 16,
  PROTOCOL_TLS_SERVER = 17,
};

// ssl.VerifyMode.
enum VerifyMode : int {
  CERT_NONE = 0,
  CERT_OPTIONAL = 1,
  CERT_REQUIRED = 2,
};

// ssl.VerifyFlags: OpenSSL's X509_V_FLAG_* bits, which Python exposes unchanged.
enum VerifyFlags : uint32_t {
  VERIFY_DEFAULT = 0,
  VERIFY_CRL_CHECK_LEAF = 0x4,
  VERIFY_CRL_CHECK_CHAIN = 0xc,  // includes VERIFY_CRL_CHECK_LEAF
  VERIFY_X509_STRICT = 0x20,
  VERIFY_ALLOW_PROXY_CERTS = 0x40,
  VERIFY_X509_TRUSTED_FIRST = 0x8000,
  VERIFY_X509_PARTIAL_CHAIN = 0x80000,
};

// ssl.Options: OpenSSL 3's SSL_OP_* bits (64-bit since OpenSSL 3.0), which Python exposes
// unchanged (Python's ssl docs, SSLContext.options). The zero members are options OpenSSL
// made permanent; Python keeps the names so old code still runs.
enum Options : uint64_t {
  // OpenSSL's bug workarounds less DONT_INSERT_EMPTY_FRAGMENTS (0x800), which CPython clears:
  // Python 3.11 on OpenSSL 3.0 prints hex(ssl.OP_ALL) == 0x80000050.
  OP_ALL = 0x80000050,
  OP_NO_SSLv2 = 0,
  OP_SINGLE_DH_USE = 0,
  OP_SINGLE_ECDH_USE = 0,
  OP_LEGACY_SERVER_CONNECT = 0x4,
  OP_ENABLE_KTLS = 0x8,
  OP_IGNORE_UNEXPECTED_EOF = 0x80,
  OP_NO_TICKET = 0x4000,
  OP_NO_COMPRESSION = 0x20000,
  OP_ENABLE_MIDDLEBOX_COMPAT = 0x100000,
  OP_CIPHER_SERVER_PREFERENCE = 0x400000,
  OP_NO_SSLv3 = 0x2000000,
  OP_NO_TLSv1 = 0x4000000,
  OP_NO_TLSv1_2 = 0x8000000,
  OP_NO_TLSv1_1 = 0x10000000,
  OP_NO_TLSv1_3 = 0x20000000,
  OP_NO_RENEGOTIATION = 0x40000000,
};

// Bitwise operators that keep the enum type (the built-in ones would decay to an integer).
template <typename E>
struct is_bitmask_enum : std::false_type {};
template <>
struct is_bitmask_enum<Options> : std::true_type {};
template <>
struct is_bitmask_enum<VerifyFlags> : std::true_type {};

template <typename E>
concept BitmaskEnum = is_bitmask_enum<E>::value;

template <BitmaskEnum E>
constexpr E operator|(E a, E b) {
  using U = std::underlying_type_t<E>;
  return static_cast<E>(static_cast<U>(a) | static_cast<U>(b));
}
template <BitmaskEnum E>
constexpr E operator&(E a, E b) {
  using U = std::underlying_type_t<E>;
  return static_cast<E>(static_cast<U>(a) & static_cast<U>(b));
}
template <BitmaskEnum E>
constexpr E operator^(E a, E b) {
  using U = std::underlying_type_t<E>;
  return static_cast<E>(static_cast<U>(a) ^ static_cast<U>(b));
}
template <BitmaskEnum E>
constexpr E operator~(E a) {
  using U = std::underlying_type_t<E>;
  return static_cast<E>(~static_cast<U>(a));
}
template <BitmaskEnum E>
constexpr E& operator|=(E& a, E b) {
  return a = a | b;
}
template <BitmaskEnum E>
constexpr E& operator&=(E& a, E b) {
  return a = a & b;
}
template <BitmaskEnum E>
constexpr E& operator^=(E& a, E b) {
  return a = a ^ b;
}

// ssl.Purpose: what a certificate is for (its extended key usage). The values are OpenSSL's
// NIDs of the two OIDs, as Python's Purpose members are _ASN1Object(nid, ...).
enum class Purpose : int {
  SERVER_AUTH = 129,  // id-kp-serverAuth: a context that checks servers (client side)
  CLIENT_AUTH = 130,  // id-kp-clientAuth: a context that checks clients (server side)
};

// Python's Purpose.X.oid, e.g. "1.3.6.1.5.5.7.3.1" (RFC 5280 §4.2.1.12).
constexpr std::string_view oid(Purpose p) {
  return p == Purpose::SERVER_AUTH ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
}

// ssl.AlertDescription. This is the same type as the TLS layer's AlertDescription (declared
// again here without its members, so the public headers need no internal ones): an SNI
// callback's ALERT_DESCRIPTION_* goes to the wire unchanged. Values are RFC 8446 §6's.
enum class AlertDescription : uint8_t;

inline constexpr AlertDescription ALERT_DESCRIPTION_CLOSE_NOTIFY{0};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNEXPECTED_MESSAGE{10};
inline constexpr AlertDescription ALERT_DESCRIPTION_BAD_RECORD_MAC{20};
inline constexpr AlertDescription ALERT_DESCRIPTION_RECORD_OVERFLOW{22};
inline constexpr AlertDescription ALERT_DESCRIPTION_DECOMPRESSION_FAILURE{30};
inline constexpr AlertDescription ALERT_DESCRIPTION_HANDSHAKE_FAILURE{40};
inline constexpr AlertDescription ALERT_DESCRIPTION_BAD_CERTIFICATE{42};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE{43};
inline constexpr AlertDescription ALERT_DESCRIPTION_CERTIFICATE_REVOKED{44};
inline constexpr AlertDescription ALERT_DESCRIPTION_CERTIFICATE_EXPIRED{45};
inline constexpr AlertDescription ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN{46};
inline constexpr AlertDescription ALERT_DESCRIPTION_ILLEGAL_PARAMETER{47};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNKNOWN_CA{48};
inline constexpr AlertDescription ALERT_DESCRIPTION_ACCESS_DENIED{49};
inline constexpr AlertDescription ALERT_DESCRIPTION_DECODE_ERROR{50};
inline constexpr AlertDescription ALERT_DESCRIPTION_DECRYPT_ERROR{51};
inline constexpr AlertDescription ALERT_DESCRIPTION_PROTOCOL_VERSION{70};
inline constexpr AlertDescription ALERT_DESCRIPTION_INSUFFICIENT_SECURITY{71};
inline constexpr AlertDescription ALERT_DESCRIPTION_INTERNAL_ERROR{80};
inline constexpr AlertDescription ALERT_DESCRIPTION_USER_CANCELLED{90};  // Python's spelling
inline constexpr AlertDescription ALERT_DESCRIPTION_NO_RENEGOTIATION{100};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION{110};
inline constexpr AlertDescription ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE{111};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNRECOGNIZED_NAME{112};
inline constexpr AlertDescription ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE{113};
inline constexpr AlertDescription ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE{114};
inline constexpr AlertDescription ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY{115};
// Beyond Python's list: the TLS 1.3 alerts an SNI callback may reasonably want to send.
inline constexpr AlertDescription ALERT_DESCRIPTION_MISSING_EXTENSION{109};
inline constexpr AlertDescription ALERT_DESCRIPTION_CERTIFICATE_REQUIRED{116};
inline constexpr AlertDescription ALERT_DESCRIPTION_NO_APPLICATION_PROTOCOL{120};

// ssl.CHANNEL_BINDING_TYPES: tls-unique (RFC 5929) as Python has it, and tls-exporter
// (RFC 9266), the binding RFC 9266 defines for TLS 1.3, where tls-unique is undefined.
inline constexpr std::array<std::string_view, 2> CHANNEL_BINDING_TYPES{"tls-unique",
                                                                       "tls-exporter"};

// Feature flags, as Python's tests read them to skip what is absent.
inline constexpr bool HAS_SNI = true;
inline constexpr bool HAS_ALPN = true;
inline constexpr bool HAS_ECDH = true;
inline constexpr bool HAS_NPN = false;  // NPN is obsolete; selected_npn_protocol() is None
inline constexpr bool HAS_NEVER_CHECK_COMMON_NAME = true;  // hostname_checks_common_name
inline constexpr bool HAS_PHA = true;                      // post-handshake client auth, 1.3
inline constexpr bool HAS_PSK = false;                     // no external-PSK callbacks
inline constexpr bool HAS_SSLv2 = false;
inline constexpr bool HAS_SSLv3 = false;
inline constexpr bool HAS_TLSv1 = false;
inline constexpr bool HAS_TLSv1_1 = false;
inline constexpr bool HAS_TLSv1_2 = true;
inline constexpr bool HAS_TLSv1_3 = true;

}  // namespace tlsock
