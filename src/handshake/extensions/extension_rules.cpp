#include "handshake/extensions/extension_rules.hpp"

namespace tlsock {

namespace {

using C = ExtensionContext;
using E = ExtensionType;

constexpr uint8_t bit(C c) { return static_cast<uint8_t>(1u << static_cast<uint8_t>(c)); }

constexpr uint8_t CH = bit(C::client_hello);
constexpr uint8_t SH = bit(C::server_hello);
constexpr uint8_t HRR = bit(C::hello_retry_request);
constexpr uint8_t EE = bit(C::encrypted_extensions);
constexpr uint8_t CR = bit(C::certificate_request);
constexpr uint8_t CT = bit(C::certificate);
constexpr uint8_t NST = bit(C::new_session_ticket);

struct Rule {
  ExtensionType type;
  uint8_t contexts;  // 0: recognised, but TLS 1.2 only (allowed in no 1.3 message but CH)
};

// RFC 8446 §4.2 table, plus record_size_limit (RFC 8449 §5: CH, EE) and compress_certificate
// (RFC 8879 §3: CH, CR). TLS 1.2-only extensions we know are allowed only in a ClientHello
// (which may offer 1.2 as well).
constexpr Rule kRules[] = {
    {E::server_name, CH | EE},
    {E::max_fragment_length, CH | EE},
    {E::status_request, CH | CR | CT},
    {E::supported_groups, CH | EE},
    {E::signature_algorithms, CH | CR},
    {E::use_srtp, CH | EE},
    {E::heartbeat, CH | EE},
    {E::application_layer_protocol_negotiation, CH | EE},
    {E::signed_certificate_timestamp, CH | CR | CT},
    {E::client_certificate_type, CH | EE},
    {E::server_certificate_type, CH | EE},
    {E::padding, CH},
    {E::pre_shared_key, CH | SH},
    {E::early_data, CH | EE | NST},
    {E::psk_key_exchange_modes, CH},
    {E::cookie, CH | HRR},
    {E::supported_versions, CH | SH | HRR},
    {E::certificate_authorities, CH | CR},
    {E::oid_filters, CR},
    {E::post_handshake_auth, CH},
    {E::signature_algorithms_cert, CH | CR},
    {E::key_share, CH | SH | HRR},
    {E::record_size_limit, CH | EE},
    {E::compress_certificate, CH | CR},
    {E::ec_point_formats, CH},
    {E::encrypt_then_mac, CH},
    {E::extended_master_secret, CH},
    {E::session_ticket, CH},
    {E::renegotiation_info, CH},
    {E::next_protocol_negotiation, CH},
};

const Rule* find_rule(ExtensionType type) {
  for (const auto& r : kRules) {
    if (r.type == type) return &r;
  }
  return nullptr;
}

bool is_request_context(C c) {
  return c == C::client_hello || c == C::certificate_request || c == C::new_session_ticket;
}

}  // namespace

const char* name(ExtensionContext c) {
  switch (c) {
    case C::client_hello: return "ClientHello";
    case C::server_hello: return "ServerHello";
    case C::hello_retry_request: return "HelloRetryRequest";
    case C::encrypted_extensions: return "EncryptedExtensions";
    case C::certificate_request: return "CertificateRequest";
    case C::certificate: return "Certificate";
    case C::new_session_ticket: return "NewSessionTicket";
  }
  return "?";
}

bool extension_recognized(ExtensionType type) { return find_rule(type) != nullptr; }

bool extension_allowed(ExtensionType type, ExtensionContext context) {
  const Rule* r = find_rule(type);
  return r != nullptr && (r->contexts & bit(context)) != 0;
}

Status check_extensions(ExtensionContext context, const Extensions& received,
                        const Extensions* requested) {
  for (const auto& e : received) {
    bool recognized = extension_recognized(e.type);
    // RFC 8446 §4.2: a recognised extension outside its messages -> illegal_parameter.
    if (recognized && !extension_allowed(e.type, context)) {
      return protocol_error(AlertDescription::illegal_parameter,
                            std::string(name(context)) + ": extension " + name(e.type) +
                                " is not allowed in this message");
    }
    if (is_request_context(context)) continue;  // unknown requests are ignored
    // RFC 8446 §4.2: responses only to requests, except cookie in HRR -> unsupported_extension.
    bool cookie_in_hrr = context == C::hello_retry_request && e.type == E::cookie;
    if (!cookie_in_hrr && (requested == nullptr || !requested->has(e.type))) {
      return protocol_error(AlertDescription::unsupported_extension,
                            std::string(name(context)) + ": unsolicited extension " +
                                name(e.type));
    }
  }
  return {};
}

}  // namespace tlsock
