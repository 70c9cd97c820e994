// Fragmenter: how outgoing data is cut into records, and the sealing loop.
//
// A write is cut into records whose content is at most max_fragment_length(): 2^14 by default
// (RFC 8446 §5.1, RFC 5246 §6.2.1), less when the peer advertised a record_size_limit
// (RFC 8449) or negotiated a max_fragment_length (RFC 6066 §4). Each record is copied once
// into the caller's output buffer at the place its content belongs and sealed there in place:
// a large write becomes record after record with no allocation.
//
// TLS 1.3 padding (RFC 8446 §5.4) is a policy: none by default, or pad every protected record's
// TLSInnerPlaintext to a multiple of a block size, never past the record limit.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/record_deframer.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

class RecordProtector;

struct PaddingPolicy {
  // 0: no padding. Otherwise TLSInnerPlaintext (content + type + zeros) is padded up to a
  // multiple of block_size, capped by the record limit.
  size_t block_size = 0;

  // Zeros to add after a content of `content_length`, at most `max_padding`.
  size_t padding_for(size_t content_length, size_t max_padding) const;
};

// RFC 8449 §4: the peer's record_size_limit -> the largest content we may put in a protected
// record: in TLS 1.3 the limit counts the content type (and padding), so content = limit - 1,
// capped at 2^14; in TLS 1.2 content = limit, capped at 2^14. A value under 64 is
// illegal_parameter ("MUST treat receipt of a smaller value as a fatal error").
Result<size_t> fragment_limit_from_record_size_limit(uint16_t record_size_limit,
                                                     RecordVersion version);

// RFC 6066 §4: MaxFragmentLength code 1..4 -> 2^9, 2^10, 2^11, 2^12; any other value is
// illegal_parameter.
Result<size_t> fragment_limit_from_max_fragment_length(uint8_t code);

// What a sealing loop did: input bytes taken, output bytes written, records produced.
struct SealProgress {
  size_t consumed = 0;
  size_t written = 0;
  size_t records = 0;
};

class Fragmenter {
 public:
  // The smallest limit a peer can impose: record_size_limit 64 in TLS 1.3, minus the content
  // type byte (RFC 8449 §4). It keeps a 2-byte alert in one record (RFC 8446 §5.1: alerts
  // MUST NOT be fragmented).
  static constexpr size_t kMinFragmentLength = kMinRecordSizeLimit - 1;

  // Largest content per record; n is clamped to [kMinFragmentLength, 2^14].
  void set_max_fragment_length(size_t n);
  size_t max_fragment_length() const { return max_fragment_; }

  void set_padding(PaddingPolicy policy) { padding_ = policy; }
  const PaddingPolicy& padding() const { return padding_; }

  // Cuts `data` into records of `type` and writes them to `out`, sealed by `protector` or,
  // when it is null, as plaintext records with header version `plaintext_version`. Stops when
  // the data is done or the next record does not fit in `out` (consumed < data.size()).
  // Empty data produces one empty record (zero-length application data is legal). Errors come
  // from the protector (key exhausted). Records already written stay written.
  Result<SealProgress> seal(RecordProtector* protector, uint16_t plaintext_version,
                            ContentType type, ByteView data, MutableByteView out) const;

  // An upper bound of the bytes seal() writes for `data_length` bytes of data.
  size_t sealed_size_bound(const RecordProtector* protector, size_t data_length) const;

 private:
  size_t max_fragment_ = kMaxPlaintextLength;
  PaddingPolicy padding_;
};

}  // namespace tlsock
