#include "record/fragmenter.hpp"

#include <algorithm>
#include <cstring>

#include "record/record_protector.hpp"

namespace tlsock {

size_t PaddingPolicy::padding_for(size_t content_length, size_t max_padding) const {
  if (block_size == 0) return 0;
  size_t inner = content_length + 1;
  size_t pad = (block_size - inner % block_size) % block_size;
  return std::min(pad, max_padding);
}

Result<size_t> fragment_limit_from_record_size_limit(uint16_t value, RecordVersion version) {
  if (value < kMinRecordSizeLimit) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "record_size_limit " + std::to_string(value) + " is below 64");
  }
  size_t limit = value;
  if (version == RecordVersion::tls13) return std::min(limit - 1, kMaxPlaintextLength);
  return std::min(limit, kMaxPlaintextLength);
}

Result<size_t> fragment_limit_from_max_fragment_length(uint8_t code) {
  if (code < 1 || code > 4) {
    return protocol_error(AlertDescription::illegal_parameter,
                          "max_fragment_length: unknown code " + std::to_string(code));
  }
  return size_t{1} << (8 + code);
}

void Fragmenter::set_max_fragment_length(size_t n) {
  max_fragment_ = std::clamp<size_t>(n, kMinFragmentLength, kMaxPlaintextLength);
}

size_t Fragmenter::sealed_size_bound(const RecordProtector* protector, size_t data_length) const {
  size_t records = data_length == 0 ? 1 : (data_length + max_fragment_ - 1) / max_fragment_;
  size_t per_record = protector ? protector->overhead() : kRecordHeaderLength;
  size_t padding = 0;
  if (protector && protector->version() == RecordVersion::tls13) padding = padding_.block_size;
  return data_length + records * (per_record + padding);
}

Result<SealProgress> Fragmenter::seal(RecordProtector* protector, uint16_t plaintext_version,
                                      ContentType type, ByteView data,
                                      MutableByteView out) const {
  SealProgress progress;
  bool padded = protector && protector->version() == RecordVersion::tls13;
  size_t offset = protector ? protector->content_offset() : kRecordHeaderLength;
  do {
    size_t content = std::min(data.size() - progress.consumed, max_fragment_);
    size_t padding = 0;
    if (padded) {
      // The record limit covers the whole TLSInnerPlaintext (RFC 8446 §5.4, RFC 8449 §4):
      // content + type + padding <= max_fragment + 1.
      padding = padding_.padding_for(content, max_fragment_ - content);
    }
    size_t need = protector ? protector->sealed_length(content, padding)
                            : kRecordHeaderLength + content;
    MutableByteView rest = out.subspan(progress.written);
    if (rest.size() < need) break;
    if (content != 0) std::memcpy(rest.data() + offset, data.data() + progress.consumed, content);
    size_t written;
    if (protector) {
      TLSOCK_TRY_ASSIGN(written, protector->seal(type, rest, content, padding));
    } else {
      write_record_header(rest, type, plaintext_version, static_cast<uint16_t>(content));
      written = need;
    }
    progress.consumed += content;
    progress.written += written;
    ++progress.records;
  } while (progress.consumed < data.size());
  return progress;
}

}  // namespace tlsock
