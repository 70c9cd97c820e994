#include "socket/describe_extension.hpp"

#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/certificate_authorities.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/early_data.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/next_protocol_negotiation.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"

namespace tlsock::detail {

namespace {

using C = ExtensionContext;
using T = ExtensionType;

// The text of a decoded value, or why the decoder refused the body.
template <typename V, typename Describe>
std::string decoded(const Result<V>& value, Describe describe) {
  if (!value) return "(malformed: " + value.error().detail + ")";
  return describe(*value);
}

// The items joined by ", ", "(none)" for an empty list.
template <typename Items, typename Describe>
std::string joined(const Items& items, Describe describe) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += describe(item);
  }
  return out.empty() ? "(none)" : out;
}

const auto kName = [](auto code_point) { return name(code_point); };
const auto kText = [](const std::string& s) { return text_or_hex(as_bytes(s)); };

std::string share(const KeyShareEntry& e) {
  return name(e.group) + " (" + count(e.key_exchange.size(), "bytes") + ")";
}

std::string key_share(ByteView body, C context) {
  if (context == C::client_hello)
    return decoded(KeyShareClientHello::decode(body),
                   [](const auto& k) { return joined(k.shares, share); });
  if (context == C::hello_retry_request)
    return decoded(KeyShareHelloRetryRequest::decode(body),
                   [](const auto& k) { return "selected " + name(k.selected_group); });
  return decoded(KeyShareServerHello::decode(body), [](const auto& k) { return share(k.share); });
}

std::string pre_shared_key(ByteView body, C context) {
  if (context != C::client_hello)
    return decoded(PreSharedKeyServerHello::decode(body), [](const auto& p) {
      return "selected identity " + std::to_string(p.selected_identity);
    });
  return decoded(OfferedPsks::decode(body), [](const auto& p) {
    // binders_length() counts the list's 2-byte length prefix.
    return count(p.identities.size(), "identities") + ", binders " +
           count(p.binders_length() - 2, "bytes");
  });
}

std::string supported_versions(ByteView body, C context) {
  if (context == C::client_hello)
    return decoded(SupportedVersionsClientHello::decode(body),
                   [](const auto& v) { return joined(v.versions, kName); });
  return decoded(SupportedVersionsServerHello::decode(body),
                 [](const auto& v) { return name(v.selected); });
}

std::string early_data(ByteView body, C context) {
  if (context != C::new_session_ticket) {
    Status empty = expect_empty_extension(body, "early_data");
    return empty ? "(empty)" : "(malformed: " + empty.error().detail + ")";
  }
  return decoded(EarlyDataTicket::decode(body), [](const auto& e) {
    return "max_early_data_size " + std::to_string(e.max_early_data_size);
  });
}

std::string point_format(uint8_t f) {
  return f == kEcPointFormatUncompressed ? std::string("uncompressed") : std::to_string(f);
}

std::string psk_mode(PskKeyExchangeMode m) {
  switch (m) {
    case PskKeyExchangeMode::psk_ke: return "psk_ke";
    case PskKeyExchangeMode::psk_dhe_ke: return "psk_dhe_ke";
  }
  return std::to_string(static_cast<unsigned>(m));
}

std::string value(const Extension& e, C context) {
  ByteView body = e.body;
  switch (e.type) {
    case T::server_name:  // the client's list; the server's acknowledgement is empty
      if (body.empty()) return "(acknowledged)";
      return decoded(ServerNameList::decode(body),
                     [](const auto& s) { return kText(s.host_name); });
    case T::max_fragment_length:
      return decoded(MaxFragmentLength::decode(body),
                     [](const auto& m) { return "2^" + std::to_string(8 + m.code); });
    case T::supported_groups:
      return decoded(SupportedGroups::decode(body),
                     [](const auto& g) { return joined(g.groups, kName); });
    case T::ec_point_formats:
      return decoded(EcPointFormats::decode(body),
                     [](const auto& p) { return joined(p.formats, point_format); });
    case T::signature_algorithms:
    case T::signature_algorithms_cert:
      return decoded(SignatureSchemeList::decode(body, e.type == T::signature_algorithms
                                                           ? "signature_algorithms"
                                                           : "signature_algorithms_cert"),
                     [](const auto& s) { return joined(s.schemes, kName); });
    case T::application_layer_protocol_negotiation:
      return decoded(ProtocolNameList::decode(body),
                     [](const auto& p) { return joined(p.protocols, kText); });
    case T::record_size_limit:
      return decoded(RecordSizeLimit::decode(body),
                     [](const auto& r) { return std::to_string(r.limit); });
    case T::pre_shared_key: return pre_shared_key(body, context);
    case T::early_data: return early_data(body, context);
    case T::supported_versions: return supported_versions(body, context);
    case T::cookie:
      return decoded(Cookie::decode(body),
                     [](const auto& c) { return count(c.cookie.size(), "bytes"); });
    case T::psk_key_exchange_modes:
      return decoded(PskKeyExchangeModes::decode(body),
                     [](const auto& m) { return joined(m.modes, psk_mode); });
    case T::certificate_authorities:
      return decoded(CertificateAuthorities::decode(body),
                     [](const auto& a) { return count(a.names.size(), "names"); });
    case T::key_share: return key_share(body, context);
    case T::next_protocol_negotiation:  // empty from the client; the server's list
      if (body.empty()) return "(empty)";
      return decoded(NextProtocolNegotiationServer::decode(body),
                     [](const auto& n) { return joined(n.protocols, kText); });
    case T::renegotiation_info:
      return decoded(RenegotiationInfo::decode(body), [](const auto& r) {
        return "renegotiated_connection " + count(r.renegotiated_connection.size(), "bytes");
      });
    default: return body.empty() ? "(empty)" : "0x" + short_hex(body, 16);
  }
}

}  // namespace

std::string text_or_hex(ByteView bytes) {
  for (uint8_t c : bytes)
    if (c < 0x20 || c > 0x7e) return "0x" + short_hex(bytes, 64);
  return std::string(as_chars(bytes));
}

std::string short_hex(ByteView bytes, size_t max) {
  if (bytes.size() <= max) return to_hex(bytes);
  return to_hex(bytes.first(max)) + "...";
}

std::string count(size_t n, const char* what) { return std::to_string(n) + " " + what; }

std::string describe_extension(const Extension& extension, ExtensionContext context) {
  auto code = static_cast<uint16_t>(extension.type);
  return "extension " + name(extension.type) + " (" + std::to_string(code) + "), " +
         count(extension.body.size(), "bytes") + ": " + value(extension, context);
}

}  // namespace tlsock::detail
