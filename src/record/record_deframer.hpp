// RecordDeframer: the incoming byte stream -> one record at a time, no crypto.
//
// Bytes arrive split anywhere (one at a time is fine). The deframer keeps them in one buffer
// (two maximal records, so a full record plus the start of the next always fit) and hands out
// each complete record as a view into that buffer: nothing is copied after the bytes land, and
// the protector decrypts the body in place there. The buffer is allocated when bytes arrive
// and can be released whenever nothing is held (release_if_idle()), so an idle connection
// does not keep 36 KiB it is not using. The 5-byte header
// is checked as soon as it is complete, before any of the body is looked at: a bad type,
// version or length fails at once instead of after 18 KiB have been buffered.
//
// A RecordView stays valid until the next call to next(), feed(), input_space() or commit().
// Errors are sticky: once the stream is broken every later call returns the same error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

// Which version rules apply to record headers.
enum class RecordVersion {
  unknown,  // before the version is negotiated: any {03,XX} (RFC 5246 Appendix E.1)
  tls12,    // exactly 0x0303 (RFC 5246 §6.2.1: the version of the protocol being employed)
  tls13,    // legacy_record_version "MUST be ignored for all purposes" (RFC 8446 §5.1)
};

struct RecordHeader {
  ContentType type = ContentType::invalid;
  uint16_t version = 0;
  uint16_t length = 0;
};

// Parses and checks a 5-byte header (the first 5 bytes of `bytes`):
//   unknown content type                    -> unexpected_message (RFC 8446 §5, RFC 5246 §6)
//   version not allowed by `version` rule   -> protocol_version
//   length > max_body_length                -> record_overflow (RFC 8446 §5.1/§5.2, 5246 §6.2)
// decode_error when fewer than 5 bytes are given.
Result<RecordHeader> parse_record_header(ByteView bytes, RecordVersion version,
                                         size_t max_body_length);

// Writes a header into out[0, 5).
void write_record_header(MutableByteView out, ContentType type, uint16_t version,
                         uint16_t length);

// True for the four content types TLS 1.2 and 1.3 carry.
bool is_known_content_type(ContentType type);

// One complete record in the deframer's buffer.
struct RecordView {
  ContentType type = ContentType::invalid;
  uint16_t version = 0;
  ByteView header;       // the 5 header bytes (TLS 1.3 AAD)
  MutableByteView body;  // the fragment, writable so it can be decrypted in place
};

class RecordDeframer {
 public:
  // One maximal record: the record layer takes one record at a time (RecordLayer::feed), so
  // the buffer never holds more. Standalone, feed() takes what fits and next() makes room.
  static constexpr size_t kBufferSize = kMaxRecordLength;

  RecordDeframer() = default;

  // Header rules for records parsed from now on.
  void set_version(RecordVersion version) { version_ = version; }
  RecordVersion version() const { return version_; }
  // Largest accepted body (TLSPlaintext/TLSCiphertext.length). Default 2^14: the plaintext
  // limit, right until protection is on. The record layer raises it when keys are installed.
  void set_max_body_length(size_t n) { max_body_length_ = n < kMaxRecordBodyLength ? n : kMaxRecordBodyLength; }
  size_t max_body_length() const { return max_body_length_; }

  // Copies as much of `data` as fits; returns how many bytes were taken (less than
  // data.size() only when the buffer is full of records not yet taken with next()).
  size_t feed(ByteView data);
  // Zero-copy alternative to feed(): read from the transport straight into input_space(),
  // then commit() the number of bytes written.
  MutableByteView input_space();
  void commit(size_t n);

  // The next complete record, std::nullopt when more bytes are needed, or the header error.
  Result<std::optional<RecordView>> next();

  // Frees the buffer when it holds no byte (no partial record, no record not yet taken). The
  // record last returned by next() is given up, as by the next call to next().
  void release_if_idle();

  // Bytes held that have not been returned as records (a partial record, or whole records).
  size_t buffered() const { return end_ - begin_ - pending_release_; }
  // The stream stopped at a record boundary (nothing partial held).
  bool at_record_boundary() const { return buffered() == 0; }

 private:
  void release();
  void compact();

  std::unique_ptr<uint8_t[]> buffer_;  // kBufferSize bytes, or null while idle
  size_t begin_ = 0;            // first byte not yet handed out
  size_t end_ = 0;              // one past the last byte received
  size_t pending_release_ = 0;  // size of the record last handed out (freed on the next call)
  size_t max_body_length_ = kMaxPlaintextLength;
  RecordVersion version_ = RecordVersion::unknown;
  std::optional<Error> error_;
};

}  // namespace tlsock
