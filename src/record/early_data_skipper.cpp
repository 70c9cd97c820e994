#include "record/early_data_skipper.hpp"

#include "record/record_limits.hpp"

namespace tlsock {

Status EarlyDataSkipper::collect(ByteView part) {
  if (handed_on_) {
    record_.clear();
    handed_on_ = false;
  }
  record_.insert(record_.end(), part.begin(), part.end());
  if (record_.size() > kRecordHeaderLength + kMaxCiphertextLength13) {
    // RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256.
    return protocol_error(AlertDescription::record_overflow, "early data record too long");
  }
  return {};
}

bool EarlyDataSkipper::is_early_data(ByteView record) {
  if (static_cast<ContentType>(record[0]) != ContentType::application_data) return false;
  // RFC 8446 §4.2.10, after a HelloRetryRequest: "skipping all records with an external
  // content type of "application_data"".
  if (!trial_) return true;
  scratch_.assign(record.begin(), record.end());
  MutableByteView body = MutableByteView(scratch_).subspan(kRecordHeaderLength);
  return !trial_->open(ByteView(scratch_).first(kRecordHeaderLength), body).ok();
}

Result<std::optional<ByteView>> EarlyDataSkipper::finish_record() {
  ByteView record(record_);
  if (!is_early_data(record)) {
    auto type = static_cast<ContentType>(record[0]);
    // The client's handshake flight (the first record under its handshake keys, or the
    // second ClientHello) ends the skipping. That record, a compatibility ChangeCipherSpec or
    // an alert goes on to be read.
    if (type == ContentType::application_data || type == ContentType::handshake) done_ = true;
    handed_on_ = true;
    return std::optional<ByteView>(record);
  }
  // RFC 8446 §4.2.10: the server "skips past early data" it cannot decrypt, "up to the
  // configured max_early_data_size", beyond which it MUST abort with unexpected_message.
  size_t skipped = record.size() - kRecordHeaderLength;
  if (skipped > budget_) {
    return protocol_error(AlertDescription::unexpected_message,
                          "more early data than we are willing to skip");
  }
  budget_ -= static_cast<uint32_t>(skipped);
  record_.clear();
  return std::optional<ByteView>{};
}

}  // namespace tlsock
