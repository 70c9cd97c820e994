// What a handshake transition asks the engine to do, in order.
//
// A transition consumes the old state and one message (or an application request) and
// returns the next state plus a list of events. The engine applies them in order: e.g. a
// server answering a ClientHello yields SendHandshake(ServerHello, initial),
// SendChangeCipherSpec, InstallKeys(write, handshake), InstallKeys(read, handshake),
// SendHandshake(EncryptedExtensions, handshake), ..., InstallKeys(write, application).
// Keys are installed between the messages they separate, so the engine can flush records at
// each InstallKeys (RFC 8446 §5.1: a key change happens at a record boundary).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "common/bytes.hpp"
#include "common/wire_enums.hpp"
#include "handshake/key_schedule_13.hpp"
#include "handshake/session_13.hpp"

namespace tlsock {

// Which keys protect a record (RFC 8446 §2: initial = plaintext).
enum class Epoch : uint8_t { initial, early_data, handshake, application };
enum class Direction : uint8_t { read, write };

// Send one whole handshake message (header included) under the keys of `epoch`.
struct SendHandshake {
  Bytes message;
  Epoch epoch;
};

// Middlebox compatibility (RFC 8446 §D.4): send one plaintext change_cipher_spec record.
struct SendChangeCipherSpec {};

// Install new record keys for one direction. For application keys after a KeyUpdate,
// generation counts the updates (0 for the first application keys).
struct InstallKeys {
  Direction direction;
  Epoch epoch;
  CipherSuite suite;
  uint64_t generation = 0;
  Secret traffic_secret;
  TrafficKeys keys;
};

// The peer's certificate chain (DER, leaf first), after the verifier accepted it.
struct PeerCertificates {
  std::vector<Bytes> chain;
};

struct AlpnSelected {
  std::string protocol;
};

// The server declined 0-RTT: skip up to max_bytes of records that fail to decrypt with the
// handshake keys (RFC 8446 §4.2.10), until the client's handshake-protected flight arrives.
struct SkipEarlyData {
  uint32_t max_bytes;
  // After a HelloRetryRequest there are no such keys: every application_data record is
  // skipped until the second ClientHello arrives (RFC 8446 §4.2.10).
  bool until_second_client_hello = false;
};


// RFC 8449 in TLS 1.3: record_size_limit applies from here on, each direction on its own.
// `send` (the peer's value) bounds the protected records we send; `receive` (ours, once the
// peer has shown it knows the extension) bounds the protected records we accept. 0 leaves a
// direction as it is. The server emits it with its handshake keys, before EncryptedExtensions;
// the client when it reads EncryptedExtensions.
struct RecordSizeLimits {
  uint16_t send = 0;
  uint16_t receive = 0;
};

// NSS key log line: label, client random, secret (SSLKEYLOGFILE format).
struct KeyLogSecret {
  std::string label;
  Bytes client_random;
  Secret secret;
};

// A ticket from the server, ready for a later ClientConfig resumption (client side only).
struct SessionTicketReceived {
  ClientSession13 session;
};

// What was negotiated; emitted once, when the handshake completes.
struct HandshakeSummary {
  ProtocolVersion version = ProtocolVersion::tls1_3;
  CipherSuite suite{};
  NamedGroup group{};                       // key exchange group
  std::optional<SignatureScheme> peer_signature_scheme;  // nullopt when resumed / no client cert
  std::string alpn;                         // empty: none
  std::string server_name;                  // SNI sent (client) or received (server)
  bool resumed = false;
  bool peer_authenticated = false;          // the peer proved a certificate
  uint16_t peer_record_size_limit = 0;      // 0: extension not negotiated
  Secret exporter_master_secret;            // for RFC 8446 §7.5 exporters
};

struct HandshakeDone {
  HandshakeSummary summary;
};

// TLS 1.2 max_fragment_length (RFC 6066 §4) was negotiated: from here on, every record sent
// and received carries at most max_plaintext bytes (a larger one received: record_overflow).
struct LimitRecordPlaintext {
  size_t max_plaintext;
};

// The handshake settled the version: the client on accepting the ServerHello (client.hpp), the
// server with the first ClientHello (server.hpp's ExpectClientHello, the transition's last
// event). From here on the record layer applies that version's rules (TLS 1.2: record version
// 0x0303 and real ChangeCipherSpec records, RFC 5246 §6.2.1, §7.1; TLS 1.3: RFC 8446 §5.1, and
// a server accepts compatibility ChangeCipherSpec records, RFC 8446 §5).
struct VersionSelected {
  ProtocolVersion version;
};

using Event = std::variant<SendHandshake, SendChangeCipherSpec, InstallKeys, PeerCertificates,
                           AlpnSelected, SkipEarlyData, RecordSizeLimits, KeyLogSecret,
                           SessionTicketReceived, HandshakeDone, LimitRecordPlaintext,
                           VersionSelected>;
using Events = std::vector<Event>;

}  // namespace tlsock
