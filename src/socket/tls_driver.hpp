// The TLS object of SSLSocket and SSLObject (Python's _ssl._SSLSocket), internal.
//
// How it works
// - A TlsDriver owns one engine Connection, built from a snapshot of the SSLContext
//   (config_snapshot): suites, groups, ALPN, certificates, and a VerifyPolicy from the verify
//   mode, trust store and hostname settings.
// - It pumps bytes between the engine and a TlsTransport: SSLObject's is the MemoryBIO pair,
//   SSLSocket's the fd with the call's deadline. A transport that would block makes the
//   operation raise SSLWantReadError / SSLWantWriteError; the operation can be called again
//   and continues where it stopped (a write that was sealed but not yet sent is not sealed
//   twice: OpenSSL's "retry with the same data").
// - Progress: every loop that pumps the engine feeds it input, sends its output,
//   finishes, or waits on the transport for new bytes; otherwise it ends with an error. The
//   engine takes nothing once the peer's close_notify is in (or while application data waits
//   to be read), so bytes it leaves are never progress: a receive happens only while the
//   engine wants input, and each loop checks those states first (a close_notify during the
//   handshake is SSLZeroReturnError, an EOF SSLEOFError).
// - Engine Errors become Python's exceptions here (tls_driver_error.hpp); no protocol logic.
// - Input: the transport is read straight into the engine's receive buffer, the 5-byte header
//   of a record, then its body (Connection::input_space()): nothing is copied, no byte past a
//   record the engine stops at (close_notify) is taken from the transport.
// - Output: the engine's sealed records are handed over as a buffer (take_output_buffer) and
//   sent from it; sent buffers go back to the thread's cache (common/buffer_cache.hpp).
// - Threads: one reader and one writer may run at once. engine_mutex_ guards the engine;
//   recv_mutex_ the receive buffer while the transport writes into it; send_mutex_ serialises writing the output (kept in order, and a
//   partly sent record stays in outbox_). A write holds send_mutex_ from sealing its records
//   until they are sent, so they are never in a reader's hands. A reader never waits for
//   send_mutex_ and never waits to send (flush_for_reader): it would stop reading while the
//   peer may wait for it to read before it reads more itself. Output a reader cannot send now
//   waits for the sender, or the reader waits for the transport to be readable or writable.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "engine/connection.hpp"
#include "socket/explaining_verifier.hpp"
#include "socket/ssl_context_config.hpp"
#include "tlsock/ssl_connection.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_session.hpp"

namespace tlsock::detail {

// Where the TLS bytes go and come from.
class TlsTransport {
 public:
  // What a transport is ready for (wait()).
  enum class Ready { read, write, none };

  virtual ~TlsTransport() = default;
  // Bytes taken (at least 1), or nullopt when the transport would block.
  virtual std::optional<size_t> send(ByteView data) = 0;
  // send() that never waits, whatever the call's mode: nullopt when nothing goes now.
  virtual std::optional<size_t> send_now(ByteView data) = 0;
  // Bytes received, 0 at EOF, nullopt when nothing is there yet and the call must not wait.
  virtual std::optional<size_t> recv(MutableByteView out) = 0;
  // Waits, as recv() would, until recv() has bytes (or EOF): Ready::read; with `or_writable`
  // also until send_now() would take some: Ready::write. Ready::none when the call must not
  // wait and neither is so now.
  virtual Ready wait(bool or_writable) = 0;
  // Best effort, never waits: drops what has arrived, after the connection failed. Left unread
  // in a socket, it would make close() reset the connection (RST) before the peer reads our
  // alert.
  virtual void discard_available() noexcept = 0;
};

class TlsDriver {
 public:
  // `owner` is what an SNI callback receives (set_owner() follows it when it moves).
  TlsDriver(const SSLContext& context, bool server_side,
             const std::optional<std::string>& server_hostname,
             const std::optional<SSLSession>& session, SSLConnection& owner);
  ~TlsDriver();

  void do_handshake(TlsTransport& transport);
  // Bytes read into out (not empty); 0 at the end of the stream: the peer's close_notify, or
  // a TCP EOF when ragged EOFs are suppressed (else SSLEOFError). Implicit handshake first.
  size_t read(TlsTransport& transport, MutableByteView out, bool suppress_ragged_eofs);
  // All of data (not empty) sealed and sent; implicit handshake first.
  size_t write(TlsTransport& transport, ByteView data);
  // close_notify sent and the peer's received. What follows the peer's close_notify stays in
  // the transport, unread (it belongs to whatever the transport carries next).
  void unwrap(TlsTransport& transport);

  bool handshake_done() const;
  std::optional<std::string> version() const;
  std::optional<Cipher> cipher() const;
  // Server, after the handshake: our suites (TLS 1.3 first) that the client offered.
  std::optional<std::vector<Cipher>> shared_ciphers() const;
  std::optional<std::string> selected_alpn_protocol() const;
  std::optional<std::string> group() const;
  std::optional<std::string> peer_signature_scheme() const;
  std::optional<std::string> tls_unique() const;
  std::optional<std::string> tls_exporter() const;
  std::optional<std::string> export_keying_material(std::string_view label, size_t length,
                                                    std::optional<std::string_view> context) const;
  // Queues a KeyUpdate (no I/O): the next write or read sends it.
  void key_update(bool update_requested);
  std::optional<PeerCertificate> getpeercert() const;
  std::optional<std::string> getpeercert_der() const;
  std::vector<std::string> get_verified_chain() const;
  std::vector<std::string> get_unverified_chain() const;
  size_t pending() const;
  void verify_client_post_handshake();
  // Queues close_notify (no I/O): the next read flushes it.
  void close_notify();
  std::optional<SSLSession> session() const;
  bool session_reused() const;
  void set_owner(SSLConnection& owner);
  // Python's `sslobj.context = ctx`: getpeercert() reads its verify_mode from now on, and
  // during an SNI callback it is the context whose certificates the handshake serves.
  void set_context(const SSLContext& context);

 private:
  template <typename F>
  auto guarded(TlsTransport& transport, F&& operation) -> decltype(operation());
  // Drives the handshake until it is done (true) or waits for the peer's input (false).
  bool do_handshake_impl(TlsTransport& transport);
  size_t read_impl(TlsTransport& transport, MutableByteView out, bool suppress_ragged_eofs);
  // read_impl() without the final flush.
  size_t read_records(TlsTransport& transport, MutableByteView out, bool suppress_ragged_eofs);
  size_t write_impl(TlsTransport& transport, ByteView data);
  void unwrap_impl(TlsTransport& transport);
  // Sends everything the engine has queued; throws SSLWantWriteError when the transport would
  // block (what was not sent stays in outbox_).
  void flush(TlsTransport& transport);
  // After a writer released send_mutex_: sends what a reader left to it (flush_wanted_). Those
  // bytes are not the writer's, so neither is their Want/timeout error: they wait for the next
  // operation.
  void flush_for_others(TlsTransport& transport);
  // flush() for the reading side, which never waits: neither behind a sender (a sender waiting
  // for the peer to read would wait forever if the peer waits for us to read) nor for the
  // transport. When a sender holds send_mutex_, it sends the reader's bytes after its own
  // (flush_wanted_). False when output is left that only this reader can send.
  bool flush_for_reader(TlsTransport& transport);
  // send_mutex_ held. Sends what the engine has queued; when the transport takes no more:
  // throws SSLWantWriteError if `wait`, else returns false.
  bool flush_locked(TlsTransport& transport, bool wait);
  // Best effort: sends a fatal alert the engine queued, before its error is thrown.
  void flush_quietly(TlsTransport& transport) noexcept;
  // recv_mutex_ held. Receives once, straight into the engine's input space (the rest of the
  // current record's header or body: Connection::input_space()), and processes it: false at
  // EOF; throws SSLWantReadError when nothing is there, and the engine's error. Does nothing
  // (true) when the engine takes no input: the caller's state checks then end its loop. With
  // `or_writable` (a reader's output is waiting for the transport), returns true without
  // receiving once the transport can take output.
  bool receive(TlsTransport& transport, bool or_writable = false);
  // receive() that returns nullopt where receive() throws SSLWantReadError.
  std::optional<bool> try_receive(TlsTransport& transport, bool or_writable = false);
  // Throws the exception for the engine's sticky error (engine_mutex_ held).
  [[noreturn]] void throw_engine_error() const;
  // Throws the exception for an error an engine call returned (not always sticky: writing
  // after close() is refused without failing the connection).
  [[noreturn]] void raise(const Error& error) const;
  // Throws a failed negotiation's exception with what each side offered, when it knows more
  // than the engine's error says; returns otherwise.
  void explain_negotiation_failure(const Error& error) const;
  void count_handshake_done();
  // The engine's ClientHello callback (server): records the client's offer, applies
  // OP_NO_TICKET to TLS 1.2, runs the context's sni_callback.
  std::optional<AlertDescription> on_client_hello(const ClientHelloOffer& hello,
                                                  ServerConfig& config);

  std::shared_ptr<const ContextConfig> config_;
  SSLContext context_;          // the one the connection started with: counters, tickets
  SSLContext current_context_;  // set_context(): Python's sslobj.context
  // The certificate checks the engine calls (when verify_mode is not CERT_NONE).
  std::shared_ptr<ExplainingVerifier> verifier_;
  bool server_side_;
  SSLConnection* owner_;
  std::vector<CipherSuite> offered_suites_;  // server: the client's cipher_suites
  std::optional<ProtocolVersion> hello_version_;  // server: the version its ClientHello gets
  bool offered_resumption_;                  // a session was offered (client) or asked for
  std::optional<std::string> sni_failure_;   // how the sni_callback ended the handshake
  std::optional<Connection> engine_;

  // Recursive: an SNI callback runs inside feed() and may query or retarget the connection.
  mutable std::recursive_mutex engine_mutex_;
  bool counted_ = false;

  std::mutex send_mutex_;
  std::atomic<bool> flush_wanted_ = false;  // a reader's output waits for the sender's flush
  Bytes outbox_;  // taken from the engine, not yet sent
  size_t outbox_sent_ = 0;
  size_t sealed_not_sent_ = 0;  // a write's size, sealed, waiting for its flush

  // Held by the reading side (handshake steps that receive, read, unwrap) for as long as it
  // works on the input: a receive writes into the engine's receive buffer without
  // engine_mutex_, so nothing that could release or move that buffer (read_app(), process())
  // may run meanwhile.
  std::mutex recv_mutex_;
};

}  // namespace tlsock::detail
