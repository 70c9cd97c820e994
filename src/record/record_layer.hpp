// The record layer (RFC 8446 §5, RFC 5246 §6): bytes <-> records, with protection.
//
// How this works
// --------------
// The engine owns one RecordLayer and talks to it in bytes and records; the record layer knows
// nothing of handshake logic or sockets. It owns the framing: one record at a time in, the
// early data a server declined skipped, and records sealed into one output buffer.
//
//   incoming:  feed(bytes): never past the end of the record now arriving
//              (RecordBoundaryTracker)  ->  [while skipping declined 0-RTT: EarlyDataSkipper,
//              which drops the early records and hands on the rest]  ->  RecordDeframer
//              (header checks, views into one buffer)  ->  read():
//                 TLS 1.3 compatibility ChangeCipherSpec dropped (RFC 8446 §5)
//                 RecordProtector::open() in place when read keys are installed
//                 empty records checked (handshake/alert/CCS refused; a bounded run of empty
//                 application data passed up)
//              ->  ReceivedRecord{type, content}: a view into the receive buffer, valid until
//                  the next call that touches incoming bytes.
//   outgoing:  seal(type, data)  ->  Fragmenter cuts data into records no larger than the
//              negotiated maximum, copies each once to the end of output() and seals it there
//              in place  ->  output().pending(), written to the transport by the caller.
//
// The pieces are usable alone: RecordBoundaryTracker (record_boundary_tracker.hpp),
// EarlyDataSkipper (early_data_skipper.hpp), RecordDeframer (record_deframer.hpp),
// RecordProtector (record_protector.hpp), Fragmenter (fragmenter.hpp), OutputBuffer
// (output_buffer.hpp), alerts (alert.hpp) and the HandshakeDeframer (handshake_deframer.hpp)
// that joins and splits handshake messages.
//
// Invariants
// - Nothing throws; every failure is an Error carrying the alert the RFCs name. Errors on the
//   read side are sticky.
// - One record at a time: feed() takes nothing past the end of the current record, so the
//   caller reads each record before the next is taken in (bytes after a close_notify stay
//   with the caller; see record_boundary_tracker.hpp).
// - Keys change only between records: install_read_protector() applies from the next record
//   read (the engine checks HandshakeDeframer::check_key_change_boundary() first).
// - Sequence numbers are 64-bit and never wrap; write_key_usage() tells the engine when to
//   rekey (1.3) or close (1.2); sealing past the hard limit is refused.
// - No allocation per record: the receive buffer is allocated when bytes arrive and lives
//   until the engine releases it while idle; the output buffer is allocated when records are
//   sealed and freed once they were all taken; protection is in place in both.
#pragma once

#include <memory>
#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/alert.hpp"
#include "record/early_data_skipper.hpp"
#include "record/fragmenter.hpp"
#include "record/output_buffer.hpp"
#include "record/record_boundary_tracker.hpp"
#include "record/record_deframer.hpp"
#include "record/record_limits.hpp"
#include "record/record_protector.hpp"

namespace tlsock {

// A record as the engine sees it: the real content type and the plaintext content.
struct ReceivedRecord {
  ContentType type = ContentType::invalid;
  MutableByteView content;
};

class RecordLayer {
 public:
  RecordLayer() = default;

  // The negotiated version: header rules, CCS rules, limits. Set it as soon as it is known
  // (after ServerHello / when choosing the version on the server).
  void set_version(RecordVersion version);
  RecordVersion version() const { return version_; }

  // --- incoming -------------------------------------------------------------------------------
  // Takes bytes from the peer, never past the end of the record now arriving: read() it, then
  // feed the rest. Returns how many bytes were taken (0 once read() has failed).
  size_t feed(ByteView data);
  // feed() without the copy, for a caller reading from a transport: receive into
  // input_space(), then commit_input(bytes received). The space covers what is left of the
  // record now arriving only (its 5-byte header, then its body), so a reader makes two reads
  // per record and never takes a byte past a close_notify from the transport. Empty once read()
  // has failed. Valid until the next call to the record layer; commit_input(0) cancels it.
  MutableByteView input_space();
  size_t commit_input(size_t n);

  // The next record, std::nullopt when more bytes are needed. Errors (with their alert):
  //   header: unexpected_message (type), protocol_version (version), record_overflow (length)
  //   protection: see RecordProtector::open
  //   1.3 ChangeCipherSpec other than a single 0x01 inside the allowed window, outside it, or
  //     a second one: unexpected_message (RFC 8446 §5, Appendix D.4)
  //   1.2 ChangeCipherSpec other than a single 0x01: unexpected_message
  //   zero-length handshake, alert or ChangeCipherSpec content: unexpected_message
  //   more than kMaxConsecutiveEmptyRecords empty application data records in a row:
  //     unexpected_message (shorter runs are returned, with empty content: whether application
  //     data may arrive at all is the engine's to say)
  //   application data before read keys: unexpected_message
  Result<std::optional<ReceivedRecord>> read();

  // Frees the receive buffer while it holds nothing (RecordDeframer::release_if_idle): the
  // record last returned by read() is given up.
  void release_if_idle() { deframer_.release_if_idle(); }

  // RFC 8446 §5: a TLS 1.3 endpoint drops an unprotected ChangeCipherSpec of one byte 0x01
  // "at any time after the first ClientHello message has been sent or received and before the
  // peer's Finished message has been received". The engine opens and closes the window.
  void set_compat_ccs_allowed(bool allowed) { compat_ccs_allowed_ = allowed; }

  // TLS 1.3 server, from its ServerHello on: an unprotected alert record is read as an alert
  // (RFC 8446 Appendix A.1: a client that cannot process the ServerHello has no handshake keys
  // to protect its alert) until the first protected record opens. OpenSSL and BoringSSL do the
  // same.
  void allow_plaintext_alert() { plaintext_alert_allowed_ = true; }

  // Read keys for the records after the current one (nullopt: back to plaintext).
  void install_read_protector(RecordProtector protector);
  // Our advertised record_size_limit (RFC 8449), applied to protected records received.
  void set_receive_record_size_limit(size_t limit);
  bool read_protected() const { return read_.has_value(); }

  // RFC 8446 §4.2.10, a server that declined 0-RTT (see early_data_skipper.hpp), up to
  // `max_bytes` of skipped record bodies. From the ServerHello: records the client's handshake
  // keys do not open are skipped, from set_early_data_trial() on.
  void skip_early_data(uint32_t max_bytes);
  // After a HelloRetryRequest: application_data records are skipped until the second
  // ClientHello.
  void skip_early_data_until_client_hello(uint32_t max_bytes);
  // skip_early_data() waits for the client's handshake keys: a protector of its own with them.
  bool early_data_trial_wanted() const { return skipper_ && skipper_->waiting_for_trial(); }
  void set_early_data_trial(RecordProtector trial);

  // --- outgoing -------------------------------------------------------------------------------
  void install_write_protector(RecordProtector protector);
  // Every write key from now on reports near_limit after `records` records (0: only at the
  // AEAD's usage limit). See RecordProtector::lower_soft_limit.
  void set_write_rekey_threshold(uint64_t records) { write_rekey_threshold_ = records; }
  bool write_protected() const { return write_.has_value(); }
  // Header version of plaintext records we send: 0x0301 for an initial ClientHello is allowed
  // (RFC 8446 §5.1), 0x0303 otherwise (default).
  void set_plaintext_record_version(uint16_t version) { plaintext_version_ = version; }

  Fragmenter& fragmenter() { return fragmenter_; }
  const Fragmenter& fragmenter() const { return fragmenter_; }

  // Seals `data` as records of `type` at the end of output(), in place (see Fragmenter::seal).
  // An alert is one record (RFC 8446 §5.1: never fragmented; 2 bytes fit any limit). A
  // ChangeCipherSpec is unprotected in TLS 1.3 (RFC 8446 §5, Appendix D.4) and under the
  // current write state in 1.2 (RFC 5246 §7.1). Application data without write keys is an
  // internal_error (tlsock never sends unprotected data). On an error nothing is added.
  Status seal(ContentType type, ByteView data);
  // The sealed records waiting for the transport.
  OutputBuffer& output() { return output_; }
  const OutputBuffer& output() const { return output_; }

  // What seal() does, into `out` instead of output(): stops when the next record does not fit.
  Result<SealProgress> seal_into(ContentType type, ByteView data, MutableByteView out);
  // Upper bound of seal_into()'s output for `data_length` bytes.
  size_t sealed_size_bound(size_t data_length) const;

  // KeyUsage::ok without write keys.
  KeyUsage write_key_usage() const { return write_ ? write_->key_usage() : KeyUsage::ok; }
  RecordProtector* write_protector() { return write_ ? &*write_ : nullptr; }
  RecordProtector* read_protector() { return read_ ? &*read_ : nullptr; }

 private:
  Result<std::optional<ReceivedRecord>> fail(Error e);
  bool is_compat_ccs(const RecordView& record) const;
  Status drop_compat_ccs(const RecordView& record);
  Status check_content(const ReceivedRecord& r);
  void update_deframer_limit();
  void feed_early_data(ByteView part);

  RecordBoundaryTracker boundary_;
  std::unique_ptr<EarlyDataSkipper> skipper_;  // while a server skips declined 0-RTT
  MutableByteView input_;  // what input_space() handed out
  Bytes staged_input_;     // input_space() while 0-RTT is skipped: committed through feed()
  RecordDeframer deframer_;
  Fragmenter fragmenter_;
  OutputBuffer output_;
  std::optional<RecordProtector> read_;
  std::optional<RecordProtector> write_;
  RecordVersion version_ = RecordVersion::unknown;
  uint16_t plaintext_version_ = static_cast<uint16_t>(ProtocolVersion::tls1_2);
  size_t receive_record_size_limit_ = 0;  // 0: none advertised
  uint64_t write_rekey_threshold_ = 0;     // 0: the AEAD's own limit
  uint32_t consecutive_empty_ = 0;
  bool compat_ccs_allowed_ = false;
  bool compat_ccs_seen_ = false;
  bool plaintext_alert_allowed_ = false;
  std::optional<Error> error_;
};

}  // namespace tlsock
