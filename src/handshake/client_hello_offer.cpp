// The checks cite the section that requires them: RFC 8446 for TLS 1.3, RFC 5246 for TLS 1.2
// unless another RFC is named.
#include "handshake/client_hello_offer.hpp"

#include <algorithm>

#include "crypto/key_exchange.hpp"
#include "handshake/code_point_set.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/limits.hpp"

namespace tlsock {

namespace {

// RFC 8446 §4.1.2, §4.2.9, §4.2.11: the MUSTs of a TLS 1.3 ClientHello that need no
// extension decoded.
Status check_client_hello_13(const ClientHello& ch) {
  // RFC 8446 §4.1.2: legacy_compression_methods MUST be exactly one zero byte in TLS 1.3
  // -> illegal_parameter.
  if (ch.legacy_compression_methods != Bytes{0}) {
    return illegal("ClientHello: legacy_compression_methods is not {null}");
  }
  TLSOCK_TRY(check_extensions(ExtensionContext::client_hello, ch.extensions, nullptr));
  // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension -> illegal_parameter.
  const auto& items = ch.extensions.items();
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    if (items[i].type == ExtensionType::pre_shared_key) {
      return illegal("ClientHello: pre_shared_key is not the last extension");
    }
  }
  // RFC 8446 §4.2.9: "If clients offer "pre_shared_key" without a "psk_key_exchange_modes"
  // extension, servers MUST abort the handshake."
  if (ch.extensions.has(ExtensionType::pre_shared_key) &&
      !ch.extensions.has(ExtensionType::psk_key_exchange_modes)) {
    return protocol_error(AlertDescription::missing_extension,
                          "ClientHello: pre_shared_key without psk_key_exchange_modes");
  }
  return {};
}

// The highest version the ClientHello offers (for RFC 7507's fallback check).
ProtocolVersion client_max_version(const ClientHello& ch) {
  const Extension* sv = ch.extensions.find(ExtensionType::supported_versions);
  if (sv == nullptr) return ch.legacy_version;
  auto v = SupportedVersionsClientHello::decode(sv->body);
  if (!v.ok()) return ch.legacy_version;
  return v->contains(ProtocolVersion::tls1_3) ? ProtocolVersion::tls1_3 : ProtocolVersion::tls1_2;
}

Status check_client_hello_12(const ClientHello& ch, bool tls13_capable) {
  // RFC 7507 §3: "If TLS_FALLBACK_SCSV appears in ClientHello.cipher_suites and the highest
  // protocol version supported by the server is higher than the version indicated by the
  // client, the server MUST respond with a fatal inappropriate_fallback alert".
  if (tls13_capable && contains(ch.cipher_suites, CipherSuite::TLS_FALLBACK_SCSV) &&
      client_max_version(ch) < ProtocolVersion::tls1_3) {
    return protocol_error(AlertDescription::inappropriate_fallback,
                          "ClientHello: TLS_FALLBACK_SCSV from a client whose best is TLS 1.2");
  }
  // §7.4.1.2: compression_methods "MUST contain, and all implementations MUST support,
  // CompressionMethod.null"; we choose null (and never anything else, RFC 7457 §2.6 CRIME).
  if (std::find(ch.legacy_compression_methods.begin(), ch.legacy_compression_methods.end(), 0) ==
      ch.legacy_compression_methods.end()) {
    return illegal("ClientHello: compression_methods lacks null");
  }
  return check_extensions(ExtensionContext::client_hello, ch.extensions, nullptr);
}

Status parse_key_shares_13(ClientHelloOffer& offer) {
  const Extensions& e = offer.client_hello.extensions;
  if (const Extension* x = e.find(ExtensionType::key_share)) {
    TLSOCK_TRY_ASSIGN(offer.shares, KeyShareClientHello::decode(x->body));
  }
  // RFC 8446 §9.2: "If containing a "supported_groups" extension, it MUST also contain a
  // "key_share" extension, and vice versa." -> missing_extension.
  if (e.has(ExtensionType::supported_groups) != e.has(ExtensionType::key_share)) {
    return protocol_error(AlertDescription::missing_extension,
                          "ClientHello: supported_groups and key_share must come together");
  }
  CodePointSet groups;
  for (NamedGroup g : offer.groups) groups.insert(static_cast<uint16_t>(g));
  for (const auto& s : offer.shares.shares) {
    // RFC 8446 §4.2.8: "Clients MUST NOT offer any KeyShareEntry values for groups not listed
    // in the client's "supported_groups" extension" (servers MAY check: illegal_parameter).
    if (!groups.contains(static_cast<uint16_t>(s.group))) {
      return illegal("ClientHello: key share for " + name(s.group) + " not in supported_groups");
    }
    // RFC 8446 §4.2.8.2: a share of the wrong length for its group is no valid public value;
    // every share of a group we know is checked, not only the one we take.
    size_t want = key_exchange_public_length(s.group);
    if (want != 0 && s.key_exchange.size() != want) {
      return illegal("ClientHello: key share for " + name(s.group) + " of " +
                     std::to_string(s.key_exchange.size()) + " bytes, not " + std::to_string(want));
    }
  }
  return {};
}

Status parse_tail_13(ClientHelloOffer& offer) {
  const Extensions& e = offer.client_hello.extensions;
  if (const Extension* x = e.find(ExtensionType::psk_key_exchange_modes)) {
    TLSOCK_TRY_ASSIGN(offer.psk_modes, PskKeyExchangeModes::decode(x->body));
  }
  if (const Extension* x = e.find(ExtensionType::record_size_limit)) {
    TLSOCK_TRY_ASSIGN(RecordSizeLimit l, RecordSizeLimit::decode(x->body));
    offer.record_size_limit = std::min(l.limit, kMaxRecordSizeLimit13);
  }
  if (const Extension* x = e.find(ExtensionType::post_handshake_auth)) {
    TLSOCK_TRY(expect_empty_extension(x->body, "post_handshake_auth"));
  }
  offer.offers_resumption = e.has(ExtensionType::pre_shared_key);
  return {};
}

Status parse_ec_point_formats_12(ClientHelloOffer& offer) {
  if (const Extension* x = offer.client_hello.extensions.find(ExtensionType::ec_point_formats)) {
    TLSOCK_TRY_ASSIGN(EcPointFormats f, EcPointFormats::decode(x->body));
    // RFC 8422 §5.1.2: "If the client sends the extension and the extension does not contain
    // the uncompressed point format, ... the server MUST abort the handshake and return an
    // illegal_parameter alert."
    if (!f.has_uncompressed()) return illegal("ClientHello: ec_point_formats lacks uncompressed");
    offer.ec_point_formats = true;
  }
  return {};
}

Status parse_tail_12(ClientHelloOffer& offer) {
  const ClientHello& ch = offer.client_hello;
  const Extensions& e = ch.extensions;
  if (const Extension* x = e.find(ExtensionType::extended_master_secret)) {
    TLSOCK_TRY(expect_empty_extension(x->body, "extended_master_secret"));
    offer.extended_master_secret = true;
  }
  if (const Extension* x = e.find(ExtensionType::renegotiation_info)) {
    TLSOCK_TRY_ASSIGN(RenegotiationInfo ri, RenegotiationInfo::decode(x->body));
    // RFC 5746 §3.6: the server "MUST then verify that the length of the
    // "renegotiated_connection" field is zero, and if it is not, MUST abort the handshake"
    // (handshake_failure).
    if (!ri.renegotiated_connection.empty()) {
      return protocol_error(AlertDescription::handshake_failure,
                            "ClientHello: renegotiation_info is not empty in an initial handshake");
    }
    offer.secure_renegotiation = true;
  }
  // RFC 5746 §3.6: the SCSV signals the same as the empty extension.
  if (contains(ch.cipher_suites, CipherSuite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
    offer.secure_renegotiation = true;
  }
  if (const Extension* x = e.find(ExtensionType::session_ticket)) offer.ticket = x->body;
  if (const Extension* x = e.find(ExtensionType::next_protocol_negotiation)) {
    // draft-agl-tls-nextprotoneg §3: the client's extension_data is empty.
    TLSOCK_TRY(expect_empty_extension(x->body, "next_protocol_negotiation"));
    offer.npn = true;
  }
  if (const Extension* x = e.find(ExtensionType::max_fragment_length)) {
    TLSOCK_TRY_ASSIGN(MaxFragmentLength m, MaxFragmentLength::decode(x->body));
    offer.max_fragment_length = m.code;
  }
  offer.offers_resumption =
      !ch.legacy_session_id.empty() || (offer.ticket.has_value() && !offer.ticket->empty());
  return {};
}

// The extensions both versions use, with each version's own in between, in one fixed order.
Status parse_extensions(ClientHelloOffer& offer) {
  const Extensions& e = offer.client_hello.extensions;
  bool v13 = offer.version == ProtocolVersion::tls1_3;
  if (const Extension* x = e.find(ExtensionType::supported_groups)) {
    TLSOCK_TRY_ASSIGN(SupportedGroups g, SupportedGroups::decode(x->body));
    offer.groups = std::move(g.groups);
    offer.groups_sent = true;
  }
  TLSOCK_TRY(v13 ? parse_key_shares_13(offer) : parse_ec_point_formats_12(offer));
  // §7.4.1.4.1 (TLS 1.2): without signature_algorithms the client is assumed to do only SHA-1,
  // which we never use, so no certificate will suit it.
  if (const Extension* x = e.find(ExtensionType::signature_algorithms)) {
    TLSOCK_TRY_ASSIGN(SignatureSchemeList l, SignatureSchemeList::decode(x->body));
    offer.signature_schemes = std::move(l.schemes);
  }
  if (const Extension* x = e.find(ExtensionType::signature_algorithms_cert); x && v13) {
    TLSOCK_TRY_ASSIGN(SignatureSchemeList l,
                      SignatureSchemeList::decode(x->body, "signature_algorithms_cert"));
    offer.signature_schemes_cert = std::move(l.schemes);
  }
  if (const Extension* x = e.find(ExtensionType::server_name)) {
    TLSOCK_TRY_ASSIGN(ServerNameList s, ServerNameList::decode(x->body));
    offer.server_name = std::move(s.host_name);
  }
  if (const Extension* x = e.find(ExtensionType::application_layer_protocol_negotiation)) {
    TLSOCK_TRY_ASSIGN(ProtocolNameList l, ProtocolNameList::decode(x->body));
    offer.alpn = std::move(l.protocols);
  }
  return v13 ? parse_tail_13(offer) : parse_tail_12(offer);
}

}  // namespace

Result<ProtocolVersion> negotiate_server_version(const ClientHello& hello, ProtocolVersion min,
                                                 ProtocolVersion max) {
  TLSOCK_TRY(check_hello_legacy_version(hello.legacy_version, "ClientHello"));
  bool offers13 = false;
  bool offers12 = false;
  if (const Extension* sv = hello.extensions.find(ExtensionType::supported_versions)) {
    // RFC 8446 §4.2.1: with supported_versions, legacy_version is ignored.
    TLSOCK_TRY_ASSIGN(SupportedVersionsClientHello v,
                      SupportedVersionsClientHello::decode(sv->body));
    offers13 = v.contains(ProtocolVersion::tls1_3);
    offers12 = v.contains(ProtocolVersion::tls1_2);
  } else {
    // RFC 5246 §E.1: the client's highest version is legacy_version; a higher one than ours
    // means "at least 1.2".
    offers12 = hello.legacy_version >= ProtocolVersion::tls1_2;
  }
  if (offers13 && max >= ProtocolVersion::tls1_3) return ProtocolVersion::tls1_3;
  if (offers12 && min <= ProtocolVersion::tls1_2 && max >= ProtocolVersion::tls1_2) {
    return ProtocolVersion::tls1_2;
  }
  // RFC 8446 §4.2.1 / RFC 5246 §E.1: no common version -> protocol_version. RFC 8996 §5:
  // TLS 1.0 and 1.1 "MUST NOT" be negotiated; SSL 3.0 neither (RFC 7568 §3).
  if (min == ProtocolVersion::tls1_3) {
    return protocol_error(AlertDescription::protocol_version, "ClientHello: TLS 1.3 not offered");
  }
  return protocol_error(AlertDescription::protocol_version,
                        "ClientHello: no protocol version in common (client offers at most " +
                            name(offers13 ? ProtocolVersion::tls1_3 : hello.legacy_version) +
                            "; tlsock speaks TLS 1.2 and 1.3 only)");
}

Result<ClientHelloOffer> read_client_hello(const HandshakeMessage& m, ProtocolVersion min,
                                           ProtocolVersion max, bool tls13_capable) {
  ClientHelloOffer offer;
  TLSOCK_TRY_ASSIGN(offer.client_hello, ClientHello::decode(m.body));
  offer.encoded.assign(m.encoded.begin(), m.encoded.end());
  TLSOCK_TRY_ASSIGN(offer.version, negotiate_server_version(offer.client_hello, min, max));
  if (offer.version == ProtocolVersion::tls1_3) {
    TLSOCK_TRY(check_client_hello_13(offer.client_hello));
  } else {
    TLSOCK_TRY(check_client_hello_12(offer.client_hello, tls13_capable));
  }
  TLSOCK_TRY(parse_extensions(offer));
  return offer;
}

}  // namespace tlsock
