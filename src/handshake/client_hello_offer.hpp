// Reading a ClientHello, the server's first step in both versions: decode the message once,
// choose the version (negotiate_server_version), check the MUSTs that version puts on a
// ClientHello, and parse the extensions that version uses into one ClientHelloOffer. The
// version's state machine (server_13 / server_12) then negotiates from the offer
// (server_negotiation.hpp) and emits its flight.
//
// Each version decodes only the extensions it uses, in a fixed order, so a malformed
// extension the other version would have used is no error here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/client_hello.hpp"

namespace tlsock {

struct ClientHelloOffer {
  ClientHello client_hello;  // as decoded
  Bytes encoded;             // the whole message, header included (transcript, PSK binder)
  ProtocolVersion version = ProtocolVersion::tls1_3;  // the version this server answers with
  std::span<const CipherSuite> cipher_suites() const { return client_hello.cipher_suites; }

  // Both versions.
  std::vector<NamedGroup> groups;
  bool groups_sent = false;  // supported_groups present
  std::vector<SignatureScheme> signature_schemes;
  std::string server_name;  // SNI host_name; empty: none sent
  std::vector<std::string> alpn;
  bool offers_resumption = false;  // a PSK (1.3), a session ticket or a session ID (1.2)

  // TLS 1.3.
  KeyShareClientHello shares;
  std::vector<SignatureScheme> signature_schemes_cert;
  std::optional<PskKeyExchangeModes> psk_modes;
  uint16_t record_size_limit = 0;

  // TLS 1.2.
  bool extended_master_secret = false;
  bool secure_renegotiation = false;  // renegotiation_info or the SCSV (RFC 5746 §3.6)
  bool ec_point_formats = false;
  std::optional<Bytes> ticket;  // session_ticket present (possibly empty)
  bool npn = false;
  uint8_t max_fragment_length = 0;
};

// The version a server allowing [min, max] (each tls1_2 or tls1_3) answers a ClientHello with:
// 1.3 when the client offers it in supported_versions and max allows it; else 1.2 when the
// client offers it (supported_versions, or legacy_version >= 0x0303 without it) and min allows
// it; else protocol_version (RFC 8446 §4.2.1, RFC 5246 §E.1; SSL 3.0, TLS 1.0 and 1.1 are
// never negotiated, RFC 8996).
Result<ProtocolVersion> negotiate_server_version(const ClientHello& hello, ProtocolVersion min,
                                                 ProtocolVersion max);

// Decodes the ClientHello `m`, chooses the version in [min, max], checks that version's MUSTs
// and parses its extensions. `tls13_capable`: this server could negotiate TLS 1.3 (RFC 7507's
// fallback check in TLS 1.2).
Result<ClientHelloOffer> read_client_hello(const HandshakeMessage& m, ProtocolVersion min,
                                           ProtocolVersion max, bool tls13_capable);

}  // namespace tlsock
