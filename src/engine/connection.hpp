// The sans-IO engine: one TLS connection, client or server, as bytes in and bytes out.
//
// How this works
// --------------
// A Connection owns one RecordLayer (record/record_layer.hpp), one HandshakeDeframer (handshake
// messages joined across records) and one handshake state machine (handshake/client.hpp or
// server.hpp). It never touches a socket, a clock or an RNG of its own: the caller moves the
// bytes, the Provider supplies randomness and time.
//
//   peer bytes --feed()--> RecordLayer::read() --> handshake records --> HandshakeDeframer
//                                |                      --> state machine --> events, applied
//                                |                          in order: SendHandshake (sealed
//                                |                          into the output), InstallKeys, ...
//                                |--> alert records --> AlertReceiver (close_notify, errors)
//                                '--> application data --> read_app()
//   write_app() / close() / key_update() --> sealed records --> pending_output()
//                                                               --consume_output()--> socket
//
// Invariants
// - The record layer takes one record at a time and feed() processes it before more is taken:
//   bytes after a close_notify are left to the caller (STARTTLS), and no bytes are taken while
//   decrypted application data waits to be read (it is a view into the receive buffer).
// - Keys change only at record boundaries: read keys are installed only when no byte of a
//   further handshake message is buffered (RFC 8446 §5.1).
// - Errors are sticky: the first fatal error queues its alert (one function decides which:
//   engine/error_alert.hpp), the handshake state is destroyed (its secrets wiped), and every
//   later call returns the same Error. A fatal alert from the peer is an Error of kind
//   peer_alert whose `alert` is what the peer sent; no alert answers it.
// - Application data (empty records included) is accepted only after the peer's verified
//   Finished, and nothing is queued after our close_notify (RFC 8446 §6.1). Requests that
//   make us work without progress are bounded: KeyUpdates and 1.2 renegotiation refusals in a
//   row without application data (engine), empty records and warning alerts (record layer).
// - Buffers are allocated when needed and released when idle: the output buffer is freed once
//   everything queued has been taken, the handshake deframer's buffer once no message is in
//   progress. (The record layer's receive buffer is allocated with the layer; see the report
//   in bench/handshake_bench.cpp for what an idle connection holds.)
//
// Versions: the engine dispatches every handshake message through one `HandshakeSide` variant
// of {Client, Server}. ConnectionOptions::min_version/max_version say what is offered. Each
// role's handshake negotiates by itself: the client sends one ClientHello offering both and its
// ServerHello state hands over to its 1.2 or 1.3 states (handshake/client.hpp); the server's
// ClientHello state chooses the version and hands over likewise (handshake/server.hpp). Both
// say which with a VersionSelected event. TLS 1.2's ChangeCipherSpec records drive the 1.2 machines' read
// key changes; post-handshake, 1.2 only refuses renegotiation (no_renegotiation warning).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/provider.hpp"
#include "engine/key_log.hpp"
#include "engine/x509_cert_verifier.hpp"
#include "handshake/client_config.hpp"
#include "handshake/session_12.hpp"
#include "handshake/server_config.hpp"
#include "handshake/session_13.hpp"

namespace tlsock {

enum class Role : uint8_t { client, server };

// BearSSL-style status bits of Connection::status().
enum ConnectionStatus : unsigned {
  kSendRecord = 1u << 0,  // has_output(): records wait to be written to the peer
  kRecvRecord = 1u << 1,  // wants_input(): feed() takes bytes now
  kSendApp = 1u << 2,     // write_app() takes data now
  kRecvApp = 1u << 3,     // read_app() has data now
  kEnded = 1u << 4,       // over: failed, or close_notify both sent and received
};

// What a message observer is told (the `tlsock --trace` hook; Python's private _msg_callback):
// every handshake message (4-byte header + body), ChangeCipherSpec (1 byte) and alert (level,
// description) this connection sends or receives, in the clear, in wire order, TLS 1.2 and 1.3.
enum class MessageDirection : uint8_t { sent, received };
using MessageObserver =
    std::function<void(MessageDirection direction, ContentType type, ByteView message)>;

struct ConnectionOptions {
  // NSS key log lines (SSLKEYLOGFILE). Empty: no secrets are logged.
  KeyLogCallback key_log;
  // Client: a session (from latest_session() of an earlier connection) to resume.
  std::optional<ClientSession13> session;
  // Certificates go through the X.509 layer with this policy: the engine installs an
  // X509CertVerifier as the config's verifier (client) / client_verifier (server) and keeps
  // its outcome (verify_outcome()). Unset: the config's own CertVerifier pointer is used.
  std::optional<VerifyPolicy> verify;
  // Server: called with the first ClientHello (see ClientHelloHook; the engine's own settings
  // of the config, verifier and key log, stay whatever the hook does). Empty: none.
  ClientHelloHook client_hello;
  // RFC 8446 §5.5: send a KeyUpdate before the write key reaches its usage limit (AES-GCM:
  // 2^24.5 records). Only for tests of the limit itself would one turn this off.
  bool auto_key_update = true;
  // With auto_key_update: rekey once a write key has protected this many records (0: at the
  // AEAD's usage limit above). Sooner is always safe; tests use it to reach the limit.
  uint64_t rekey_after_records = 0;
  // The versions this endpoint negotiates, each tls1_2 or tls1_3 (SSL 3.0, TLS 1.0 and 1.1
  // are never negotiated, RFC 8996). The default keeps the engine TLS 1.3-only.
  ProtocolVersion min_version = ProtocolVersion::tls1_3;
  ProtocolVersion max_version = ProtocolVersion::tls1_3;
  // Client: a TLS 1.2 session (latest_session12() of an earlier connection) to resume.
  std::optional<ClientSession12> session12;
  // Told of every handshake message, ChangeCipherSpec and alert (see MessageObserver). Empty:
  // nobody is told.
  MessageObserver message_observer;
};

class Connection {
 public:
  // A client: the ClientHello is in pending_output() at once. config_error for an unusable
  // configuration (no verifier, no suite...).
  static Result<Connection> client(ClientConfig config, Provider provider,
                                   ConnectionOptions options = {});
  // A server: waits for a ClientHello.
  static Result<Connection> server(ServerConfig config, Provider provider,
                                   ConnectionOptions options = {});

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  Role role() const;

  // --- bytes from the peer --------------------------------------------------------------------
  // Takes bytes received from the peer and processes every record they complete. Returns how
  // many bytes were taken: fewer than data.size() when a close_notify was received (the rest
  // belongs to whatever follows TLS on the transport) or when decrypted application data waits
  // for read_app() (call it, then feed the rest). The sticky Error after a fatal error.
  Result<size_t> feed(ByteView data);
  // feed() without the copy, for a caller reading from a transport: receive into
  // input_space(), then commit_input(bytes received), which processes them as feed() does. The
  // space covers what is left of the current record only (its 5-byte header, then its body):
  // two reads per record, and nothing past a close_notify is ever taken from the transport.
  // Empty when feed() would take nothing. The view is valid until the next non-const call;
  // commit_input(0) gives the receive buffer back when the read brought nothing.
  MutableByteView input_space();
  Result<size_t> commit_input(size_t n);

  // --- bytes to the peer ----------------------------------------------------------------------
  // The sealed records waiting to be sent, as one contiguous view (valid until the next
  // non-const call). Write them to the transport, then consume_output(bytes written).
  ByteView pending_output() const;
  void consume_output(size_t n);
  // Copies up to out.size() bytes of pending output into `out` and consumes them.
  size_t take_output(MutableByteView out);
  // Moves the sealed records into `out`, for a caller that sends them from there without a
  // copy: out[offset, size) is the pending output, offset returned; nothing is pending here
  // afterwards. Give `out` back to common/buffer_cache.hpp once sent.
  size_t take_output_buffer(Bytes& out);
  bool has_output() const;

  // --- application data -----------------------------------------------------------------------
  // All or nothing: seals all of `data` and returns data.size(), or takes nothing and returns
  // 0: before the handshake is done (drive it with feed/take_output first), for empty data,
  // and while more than kOutputHighWater bytes of earlier output are still pending (write
  // them first). So a caller that could not send may retry later with the same data.
  // Error kind closed after close(); the sticky Error after a failure.
  static constexpr size_t kOutputHighWater = size_t{1} << 16;
  Result<size_t> write_app(ByteView data);
  // Copies decrypted application data into `out`. 0 when none is available: then either
  // peer_closed() (end of stream: close_notify received) or more input is needed.
  Result<size_t> read_app(MutableByteView out);
  // Decrypted bytes ready for read_app() (Python's pending(): what the current record holds).
  size_t pending_app() const;

  // --- control --------------------------------------------------------------------------------
  // Queues close_notify (once; RFC 8446 §6.1). Reading continues until the peer's
  // close_notify; writing application data is refused from now on.
  Status close();
  // RFC 8446 §4.6.3: send a KeyUpdate; request_peer asks the peer to update its keys too.
  // config_error (not fatal) before the handshake is done.
  Status key_update(bool request_peer);
  // Server: post-handshake client authentication (RFC 8446 §4.6.2; Python's
  // verify_client_post_handshake()). config_error (not fatal) before the handshake is done,
  // when the client did not offer post_handshake_auth, when a request is outstanding, or when
  // no client verifier is configured. The client's answer arrives through feed(); its chain
  // shows in peer_chain() / verify_outcome() once verified.
  Status request_client_certificate();
  // Server: issue `count` more NewSessionTickets (needs ServerConfig::tickets).
  Status send_session_tickets(unsigned count);

  // --- status ---------------------------------------------------------------------------------
  unsigned status() const;                      // ConnectionStatus bits
  bool handshake_done() const;
  bool wants_input() const;                     // feed() would take bytes
  bool peer_closed() const;                     // close_notify received: reads return 0
  bool close_notify_queued() const;             // close() was called: our close_notify is queued
  bool failed() const;
  const Error* error() const;                   // the sticky error, null when none
  bool post_handshake_auth_pending() const;     // server: a CertificateRequest is unanswered

  // --- what was negotiated (empty / nullopt until the handshake is done) ----------------------
  std::optional<ProtocolVersion> version() const;
  std::optional<CipherSuite> cipher_suite() const;
  std::optional<NamedGroup> group() const;
  // The scheme of the peer's CertificateVerify (nullopt: resumed, or no client certificate).
  std::optional<SignatureScheme> peer_signature_scheme() const;
  std::string_view alpn() const;                // empty: none selected
  // TLS 1.2 NPN (draft-agl-tls-nextprotoneg): the protocol the client selected, on both
  // sides; empty: none (and always in TLS 1.3).
  std::string_view npn() const;
  // TLS 1.2: the master secret is the extended one (RFC 7627). Always false in TLS 1.3, whose
  // key schedule binds the transcript by itself.
  bool extended_master_secret() const;
  std::string_view server_name() const;         // SNI sent (client) or received (server)
  bool resumed() const;
  bool peer_authenticated() const;              // the peer proved a certificate
  uint16_t peer_record_size_limit() const;      // RFC 8449; 0: not negotiated
  // The peer's chain as received (DER, leaf first), available as soon as it was accepted
  // (for the client: before the handshake completes). Python's get_unverified_chain(). The
  // views last as long as the connection.
  std::vector<ByteView> peer_chain() const;
  // The X.509 outcome of the peer's chain when ConnectionOptions::verify is set and a chain
  // was checked: verify_code/verify_message
  // (SSLCertVerificationError) when the handshake failed on the chain. Null otherwise.
  const x509::VerifyOutcome* verify_outcome() const;
  // The chain verify_outcome() accepted (DER, leaf first, trust anchor last); empty when none
  // was. Python's get_verified_chain().
  std::vector<ByteView> verified_chain() const;

  // RFC 8446 §7.5 exporter with the RFC 5705 interface. In TLS 1.3 no context and an empty
  // context give the same value; in TLS 1.2 (RFC 5705 §4) they differ. config_error before the
  // handshake is done.
  Result<Secret> export_keying_material(std::string_view label, std::optional<ByteView> context,
                                        size_t length) const;
  // RFC 5929 tls-unique, as Python computes it: the first Finished of the handshake's verify
  // data, i.e. the client's after a full handshake, the server's after a resumption. Empty
  // until the handshake is done.
  ByteView tls_unique() const;

  // Client: the latest session ticket received (for SSLSession / resumption) and how many
  // arrived on this connection.
  const std::optional<ClientSession13>& latest_session() const;
  size_t sessions_received() const;
  // Client: the TLS 1.2 session of this connection once its handshake is done (when the
  // server issued a session ID or ticket), for ConnectionOptions::session12.
  const std::optional<ClientSession12>& latest_session12() const;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsock
