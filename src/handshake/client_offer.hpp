// The client's one ClientHello and the server's answer to it, for both versions.
//
// make_client_offer draws what the ClientHello commits to (random, legacy_session_id, the TLS
// 1.3 key shares, the sessions worth offering); build_client_hello encodes it, offering TLS 1.3
// and/or TLS 1.2 as ClientConfig::supported_versions says: the 1.3 extensions (key_share,
// supported_versions, psk_key_exchange_modes, ...), the 1.2 ones (ec_point_formats,
// extended_master_secret, renegotiation_info, session_ticket, ...), the suites and signature
// schemes of each. A second ClientHello after a HelloRetryRequest is built by the same function
// (RFC 8446 §4.1.2). The ServerHello is decoded once, into a ServerHelloAnswer, which the
// version-neutral ExpectServerHello (client.hpp) hands to the 1.3 or the 1.2 states.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "crypto/provider.hpp"
#include "handshake/client_config.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/session_12.hpp"
#include "handshake/session_13.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// What our ClientHello offered; kept until the ServerHello to check the answer against.
struct ClientOffer {
  Random random{};
  Bytes legacy_session_id;
  ClientHello hello;  // the last ClientHello sent (its extensions are the "requests")
  std::vector<std::shared_ptr<KeyExchange>> shares;  // TLS 1.3 key shares
  std::optional<ClientSession13> resumption;         // the TLS 1.3 PSK offered, if any
  std::optional<ClientSession12> resumption12;       // the TLS 1.2 session offered, if any
};

// The ServerHello (or HelloRetryRequest), decoded once.
struct ServerHelloAnswer {
  ServerHello hello;
  Bytes whole;  // the message as received, header included: the transcript's
};
Result<ServerHelloAnswer> parse_server_hello(const HandshakeMessage& m);

// The random, legacy_session_id and key shares of a first ClientHello, with the sessions that
// suit this config (others are dropped): a TLS 1.3 ticket with the same SNI, not expired, a
// suite of its hash offered; a TLS 1.2 session with extended master secret (RFC 7627 §5.3),
// the same SNI, not expired, its suite still configured, and a session ID or a ticket we may
// send.
Result<ClientOffer> make_client_offer(const ClientConfig& config, Provider& provider,
                                      std::optional<ClientSession13> resume13,
                                      std::optional<ClientSession12> resume12);

// Encodes the ClientHello of `offer` into offer.hello and returns the whole message, its PSK
// binder filled in. `cookie` echoes a HelloRetryRequest's; `prior` is the transcript before
// this ClientHello (after a HelloRetryRequest), which the binder covers.
Result<Bytes> build_client_hello(const ClientConfig& config, ClientOffer& offer,
                                 const Bytes* cookie, const Transcript* prior, int64_t now_ms);

}  // namespace tlsock
