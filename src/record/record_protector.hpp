// RecordProtector: AEAD protection of records for one direction (RFC 8446 §5.2-5.5, RFC 5246
// §6.2.3.3 with RFC 5288 and RFC 7905).
//
// A protector holds one traffic key, its IV and the 64-bit sequence number of one direction;
// a connection has one for reading and one for writing, replaced at every key change. Both
// seal() and open() work in place on the caller's record buffer and allocate nothing.
//
// Record layouts (H = 5-byte header, T = 16-byte tag):
//   TLS 1.3            H | content | type | zeros (padding) | T     nonce = iv xor seq
//                      AAD = H                                      (RFC 8446 §5.2, §5.3)
//   TLS 1.2 AES-GCM    H | explicit nonce (8) | content | T         nonce = salt(4) || explicit
//                      explicit = seq (RFC 5288 §3)
//   TLS 1.2 ChaCha20   H | content | T                              nonce = iv xor seq (RFC 7905)
//   TLS 1.2 AAD = seq(8) | type | version | content length (RFC 5246 §6.2.3.3)
//
// Sequence numbers never wrap; the write side reports when the key nears its usage limit
// (key_usage() == near_limit: send a KeyUpdate in 1.3, close in 1.2) and refuses to seal past
// the hard limit (record_limits.hpp: RFC 8446 §5.5).
#pragma once

#include <algorithm>
#include <memory>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "record/record_deframer.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

// A decrypted record: its real content type and its content, inside the record's buffer.
struct OpenedRecord {
  ContentType type = ContentType::invalid;
  MutableByteView content;
};

enum class KeyUsage {
  ok,
  near_limit,  // past the soft limit: rekey (1.3 KeyUpdate) or close (1.2) soon
  exhausted,   // seal() refuses: the hard limit is reached
};

// The explicit nonce that TLS 1.2 AES-GCM records carry (RFC 5288 §3).
inline constexpr size_t kGcmExplicitNonceLength12 = 8;
// The fixed (implicit) IV from the TLS 1.2 key block: 4 bytes for AES-GCM (RFC 5288 §3),
// 12 for ChaCha20-Poly1305 (RFC 7905 §2).
size_t fixed_iv_length_12(AeadAlgorithm alg);

class RecordProtector {
 public:
  // TLS 1.3: key = HKDF-Expand-Label(secret, "key", "", key_length), iv = ...("iv", "", 12)
  // (RFC 8446 §7.3).
  static Result<RecordProtector> from_traffic_secret_13(AeadAlgorithm alg, HashAlgorithm hash,
                                                        ByteView traffic_secret);
  // TLS 1.3 with the key and 12-byte IV given directly.
  static Result<RecordProtector> create_13(AeadAlgorithm alg, ByteView key, ByteView iv);
  // TLS 1.2: key and fixed IV from the key block (fixed_iv_length_12(alg) bytes).
  static Result<RecordProtector> create_12(AeadAlgorithm alg, ByteView key, ByteView fixed_iv);

  RecordProtector(RecordProtector&&) noexcept = default;
  RecordProtector& operator=(RecordProtector&&) noexcept = default;
  ~RecordProtector();

  RecordVersion version() const { return version_; }
  AeadAlgorithm algorithm() const { return aead_->algorithm(); }

  // Where the content starts in a record buffer handed to seal(): the header plus, for TLS 1.2
  // AES-GCM, the explicit nonce.
  size_t content_offset() const { return kRecordHeaderLength + explicit_nonce_length_; }
  // Length of the sealed record for `content_length` bytes and `padding` zeros (1.3 only).
  size_t sealed_length(size_t content_length, size_t padding = 0) const;
  // Bytes a record adds around its content, without padding.
  size_t overhead() const { return sealed_length(0); }

  // Seals one record in place. `record` must be at least sealed_length(content_length,
  // padding) bytes and hold the content at record[content_offset(), +content_length). Writes
  // the header, the nonce, the content type and padding (1.3), encrypts, appends the tag and
  // returns the record's length. Errors: content over 2^14 (or the inner plaintext over
  // 2^14+1) or a buffer too small (internal_error, a caller bug); key exhausted (limit).
  Result<size_t> seal(ContentType type, MutableByteView record, size_t content_length,
                      size_t padding = 0);

  // Opens one record in place (its header and body, e.g. a RecordView from the deframer).
  // The plaintext is left inside `body`. Errors, with their alert:
  //   1.3 outer type other than application_data          unexpected_message (RFC 8446 §5)
  //   body shorter than the AEAD overhead, or a bad tag   bad_record_mac (RFC 8446 §5.2)
  //   plaintext over the limit (2^14, 1.3: inner 2^14+1)  record_overflow (§5.2, §5.4; 8449)
  //   1.3 inner plaintext all zeros                       unexpected_message (§5.4)
  //   1.3 inner type change_cipher_spec or unknown        unexpected_message (§5)
  //   sequence number exhausted                           limit
  Result<OpenedRecord> open(ByteView header, MutableByteView body);
  Result<OpenedRecord> open(const RecordView& record) { return open(record.header, record.body); }

  // The sequence number of the next record.
  uint64_t sequence_number() const { return sequence_; }
  // Moves the sequence number forward (never back: a nonce is never reused). For tests of the
  // limits and for resuming a counter; config_error when n < sequence_number().
  Status advance_sequence_to(uint64_t n);
  KeyUsage key_usage() const;
  // Reports near_limit from `records` sealed on (never later than the AEAD's own soft limit):
  // an endpoint that wants to rekey sooner than RFC 8446 §5.5 requires, e.g. a test of the
  // automatic KeyUpdate that cannot seal 2^24 records first.
  void lower_soft_limit(uint64_t records) { soft_limit_ = std::min(soft_limit_, records); }

  // TLS 1.2 AES-GCM only: the explicit nonce of the record with sequence number s is
  // first + s (mod 2^64), still unique per key. Default 0: the sequence number itself, as
  // RFC 5288 §3 suggests. OpenSSL starts at a random value; replaying its records byte for byte
  // needs that start. config_error for other suites.
  Status set_explicit_nonce_start_12(uint64_t first);

  // Receive side: the record_size_limit we advertised (RFC 8449 §4): the largest plaintext
  // accepted, counting in 1.3 the content type and padding. Clamped to the protocol maximum.
  void set_record_size_limit(size_t limit);
  size_t max_plaintext_length() const { return max_plaintext_; }

 private:
  RecordProtector(RecordVersion version, std::unique_ptr<Aead> aead, Secret iv);
  void make_nonce(uint8_t* nonce) const;
  Result<size_t> seal_13(ContentType type, MutableByteView record, size_t content_length,
                         size_t padding);
  Result<size_t> seal_12(ContentType type, MutableByteView record, size_t content_length);
  Result<OpenedRecord> open_13(ByteView header, MutableByteView body);
  Result<OpenedRecord> open_12(ByteView header, MutableByteView body);

  RecordVersion version_;
  std::unique_ptr<Aead> aead_;
  Secret iv_;
  size_t explicit_nonce_length_ = 0;
  size_t max_plaintext_;  // 1.3: TLSInnerPlaintext; 1.2: TLSPlaintext
  uint64_t sequence_ = 0;
  uint64_t explicit_nonce_start_ = 0;
  uint64_t soft_limit_;
  uint64_t hard_limit_;
};

}  // namespace tlsock
