#include "common/wire_enums.hpp"

#include <cstdio>

namespace tlsock {

static std::string unknown_name(unsigned value, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "unknown(0x%0*x)", digits, value);
  return buf;
}

std::string name(ContentType v) {
  switch (v) {
    case ContentType::invalid: return "invalid";
    case ContentType::change_cipher_spec: return "change_cipher_spec";
    case ContentType::alert: return "alert";
    case ContentType::handshake: return "handshake";
    case ContentType::application_data: return "application_data";
    case ContentType::heartbeat: return "heartbeat";
  }
  return unknown_name(static_cast<unsigned>(v), 2);
}

std::string name(ProtocolVersion v) {
  switch (v) {
    case ProtocolVersion::ssl3_0: return "ssl3_0";
    case ProtocolVersion::tls1_0: return "tls1_0";
    case ProtocolVersion::tls1_1: return "tls1_1";
    case ProtocolVersion::tls1_2: return "tls1_2";
    case ProtocolVersion::tls1_3: return "tls1_3";
  }
  return unknown_name(static_cast<unsigned>(v), 4);
}

std::string name(HandshakeType v) {
  switch (v) {
    case HandshakeType::hello_request: return "hello_request";
    case HandshakeType::client_hello: return "client_hello";
    case HandshakeType::server_hello: return "server_hello";
    case HandshakeType::hello_verify_request: return "hello_verify_request";
    case HandshakeType::new_session_ticket: return "new_session_ticket";
    case HandshakeType::end_of_early_data: return "end_of_early_data";
    case HandshakeType::hello_retry_request: return "hello_retry_request";
    case HandshakeType::encrypted_extensions: return "encrypted_extensions";
    case HandshakeType::certificate: return "certificate";
    case HandshakeType::server_key_exchange: return "server_key_exchange";
    case HandshakeType::certificate_request: return "certificate_request";
    case HandshakeType::server_hello_done: return "server_hello_done";
    case HandshakeType::certificate_verify: return "certificate_verify";
    case HandshakeType::client_key_exchange: return "client_key_exchange";
    case HandshakeType::finished: return "finished";
    case HandshakeType::certificate_url: return "certificate_url";
    case HandshakeType::certificate_status: return "certificate_status";
    case HandshakeType::key_update: return "key_update";
    case HandshakeType::compressed_certificate: return "compressed_certificate";
    case HandshakeType::next_protocol: return "next_protocol";
    case HandshakeType::message_hash: return "message_hash";
  }
  return unknown_name(static_cast<unsigned>(v), 2);
}

std::string name(ExtensionType v) {
  switch (v) {
    case ExtensionType::server_name: return "server_name";
    case ExtensionType::max_fragment_length: return "max_fragment_length";
    case ExtensionType::status_request: return "status_request";
    case ExtensionType::supported_groups: return "supported_groups";
    case ExtensionType::ec_point_formats: return "ec_point_formats";
    case ExtensionType::signature_algorithms: return "signature_algorithms";
    case ExtensionType::use_srtp: return "use_srtp";
    case ExtensionType::heartbeat: return "heartbeat";
    case ExtensionType::application_layer_protocol_negotiation: return "application_layer_protocol_negotiation";
    case ExtensionType::signed_certificate_timestamp: return "signed_certificate_timestamp";
    case ExtensionType::client_certificate_type: return "client_certificate_type";
    case ExtensionType::server_certificate_type: return "server_certificate_type";
    case ExtensionType::padding: return "padding";
    case ExtensionType::encrypt_then_mac: return "encrypt_then_mac";
    case ExtensionType::extended_master_secret: return "extended_master_secret";
    case ExtensionType::compress_certificate: return "compress_certificate";
    case ExtensionType::record_size_limit: return "record_size_limit";
    case ExtensionType::session_ticket: return "session_ticket";
    case ExtensionType::pre_shared_key: return "pre_shared_key";
    case ExtensionType::early_data: return "early_data";
    case ExtensionType::supported_versions: return "supported_versions";
    case ExtensionType::cookie: return "cookie";
    case ExtensionType::psk_key_exchange_modes: return "psk_key_exchange_modes";
    case ExtensionType::certificate_authorities: return "certificate_authorities";
    case ExtensionType::oid_filters: return "oid_filters";
    case ExtensionType::post_handshake_auth: return "post_handshake_auth";
    case ExtensionType::signature_algorithms_cert: return "signature_algorithms_cert";
    case ExtensionType::key_share: return "key_share";
    case ExtensionType::next_protocol_negotiation: return "next_protocol_negotiation";
    case ExtensionType::renegotiation_info: return "renegotiation_info";
  }
  return unknown_name(static_cast<unsigned>(v), 4);
}

std::string name(NamedGroup v) {
  switch (v) {
    case NamedGroup::secp256r1: return "secp256r1";
    case NamedGroup::secp384r1: return "secp384r1";
    case NamedGroup::secp521r1: return "secp521r1";
    case NamedGroup::x25519: return "x25519";
    case NamedGroup::x448: return "x448";
    case NamedGroup::ffdhe2048: return "ffdhe2048";
    case NamedGroup::ffdhe3072: return "ffdhe3072";
    case NamedGroup::ffdhe4096: return "ffdhe4096";
    case NamedGroup::ffdhe6144: return "ffdhe6144";
    case NamedGroup::ffdhe8192: return "ffdhe8192";
  }
  return unknown_name(static_cast<unsigned>(v), 4);
}

std::string name(SignatureScheme v) {
  switch (v) {
    case SignatureScheme::rsa_pkcs1_sha1: return "rsa_pkcs1_sha1";
    case SignatureScheme::ecdsa_sha1: return "ecdsa_sha1";
    case SignatureScheme::rsa_pkcs1_sha256: return "rsa_pkcs1_sha256";
    case SignatureScheme::rsa_pkcs1_sha384: return "rsa_pkcs1_sha384";
    case SignatureScheme::rsa_pkcs1_sha512: return "rsa_pkcs1_sha512";
    case SignatureScheme::ecdsa_secp256r1_sha256: return "ecdsa_secp256r1_sha256";
    case SignatureScheme::ecdsa_secp384r1_sha384: return "ecdsa_secp384r1_sha384";
    case SignatureScheme::ecdsa_secp521r1_sha512: return "ecdsa_secp521r1_sha512";
    case SignatureScheme::rsa_pss_rsae_sha256: return "rsa_pss_rsae_sha256";
    case SignatureScheme::rsa_pss_rsae_sha384: return "rsa_pss_rsae_sha384";
    case SignatureScheme::rsa_pss_rsae_sha512: return "rsa_pss_rsae_sha512";
    case SignatureScheme::ed25519: return "ed25519";
    case SignatureScheme::ed448: return "ed448";
    case SignatureScheme::rsa_pss_pss_sha256: return "rsa_pss_pss_sha256";
    case SignatureScheme::rsa_pss_pss_sha384: return "rsa_pss_pss_sha384";
    case SignatureScheme::rsa_pss_pss_sha512: return "rsa_pss_pss_sha512";
  }
  return unknown_name(static_cast<unsigned>(v), 4);
}

std::string name(CipherSuite v) {
  switch (v) {
    case CipherSuite::TLS_AES_128_GCM_SHA256: return "TLS_AES_128_GCM_SHA256";
    case CipherSuite::TLS_AES_256_GCM_SHA384: return "TLS_AES_256_GCM_SHA384";
    case CipherSuite::TLS_CHACHA20_POLY1305_SHA256: return "TLS_CHACHA20_POLY1305_SHA256";
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    case CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    case CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    case CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
    case CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    case CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV: return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
    case CipherSuite::TLS_FALLBACK_SCSV: return "TLS_FALLBACK_SCSV";
  }
  return unknown_name(static_cast<unsigned>(v), 4);
}

std::string name(AlertLevel v) {
  switch (v) {
    case AlertLevel::warning: return "warning";
    case AlertLevel::fatal: return "fatal";
  }
  return unknown_name(static_cast<unsigned>(v), 2);
}

std::string name(AlertDescription v) {
  switch (v) {
    case AlertDescription::close_notify: return "close_notify";
    case AlertDescription::unexpected_message: return "unexpected_message";
    case AlertDescription::bad_record_mac: return "bad_record_mac";
    case AlertDescription::decryption_failed: return "decryption_failed";
    case AlertDescription::record_overflow: return "record_overflow";
    case AlertDescription::decompression_failure: return "decompression_failure";
    case AlertDescription::handshake_failure: return "handshake_failure";
    case AlertDescription::no_certificate: return "no_certificate";
    case AlertDescription::bad_certificate: return "bad_certificate";
    case AlertDescription::unsupported_certificate: return "unsupported_certificate";
    case AlertDescription::certificate_revoked: return "certificate_revoked";
    case AlertDescription::certificate_expired: return "certificate_expired";
    case AlertDescription::certificate_unknown: return "certificate_unknown";
    case AlertDescription::illegal_parameter: return "illegal_parameter";
    case AlertDescription::unknown_ca: return "unknown_ca";
    case AlertDescription::access_denied: return "access_denied";
    case AlertDescription::decode_error: return "decode_error";
    case AlertDescription::decrypt_error: return "decrypt_error";
    case AlertDescription::export_restriction: return "export_restriction";
    case AlertDescription::protocol_version: return "protocol_version";
    case AlertDescription::insufficient_security: return "insufficient_security";
    case AlertDescription::internal_error: return "internal_error";
    case AlertDescription::inappropriate_fallback: return "inappropriate_fallback";
    case AlertDescription::user_canceled: return "user_canceled";
    case AlertDescription::no_renegotiation: return "no_renegotiation";
    case AlertDescription::missing_extension: return "missing_extension";
    case AlertDescription::unsupported_extension: return "unsupported_extension";
    case AlertDescription::certificate_unobtainable: return "certificate_unobtainable";
    case AlertDescription::unrecognized_name: return "unrecognized_name";
    case AlertDescription::bad_certificate_status_response: return "bad_certificate_status_response";
    case AlertDescription::bad_certificate_hash_value: return "bad_certificate_hash_value";
    case AlertDescription::unknown_psk_identity: return "unknown_psk_identity";
    case AlertDescription::certificate_required: return "certificate_required";
    case AlertDescription::no_application_protocol: return "no_application_protocol";
  }
  return unknown_name(static_cast<unsigned>(v), 2);
}

}  // namespace tlsock
