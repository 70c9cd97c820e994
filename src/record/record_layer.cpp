#include "record/record_layer.hpp"

#include <algorithm>
#include <utility>

namespace tlsock {

void RecordLayer::set_version(RecordVersion version) {
  version_ = version;
  deframer_.set_version(version);
  update_deframer_limit();
}

void RecordLayer::update_deframer_limit() {
  if (!read_) {
    // RFC 8446 §5.1, RFC 5246 §6.2.1: TLSPlaintext.length MUST NOT exceed 2^14.
    deframer_.set_max_body_length(kMaxPlaintextLength);
  } else if (read_->version() == RecordVersion::tls13) {
    // RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256.
    deframer_.set_max_body_length(kMaxCiphertextLength13);
  } else {
    // RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048.
    deframer_.set_max_body_length(kMaxCiphertextLength12);
  }
}

void RecordLayer::install_read_protector(RecordProtector protector) {
  read_.emplace(std::move(protector));
  if (receive_record_size_limit_ != 0) read_->set_record_size_limit(receive_record_size_limit_);
  update_deframer_limit();
}

void RecordLayer::set_receive_record_size_limit(size_t limit) {
  receive_record_size_limit_ = limit;
  if (read_) read_->set_record_size_limit(limit);
}

void RecordLayer::install_write_protector(RecordProtector protector) {
  write_.emplace(std::move(protector));
  if (write_rekey_threshold_ != 0) write_->lower_soft_limit(write_rekey_threshold_);
}

void RecordLayer::skip_early_data(uint32_t max_bytes) {
  skipper_ = std::make_unique<EarlyDataSkipper>(EarlyDataSkipper::Until::handshake_keys_open,
                                                max_bytes);
}

void RecordLayer::skip_early_data_until_client_hello(uint32_t max_bytes) {
  skipper_ = std::make_unique<EarlyDataSkipper>(EarlyDataSkipper::Until::second_client_hello,
                                                max_bytes);
}

void RecordLayer::set_early_data_trial(RecordProtector trial) {
  if (skipper_) skipper_->set_trial(std::move(trial));
}

size_t RecordLayer::feed(ByteView data) {
  if (error_) return 0;
  ByteView part = data.first(boundary_.span(data));
  if (skipper_ && !skipper_->waiting_for_trial()) {
    boundary_.advance(part);
    feed_early_data(part);
    return part.size();
  }
  size_t took = deframer_.feed(part);
  boundary_.advance(part.first(took));
  return took;
}

MutableByteView RecordLayer::input_space() {
  input_ = {};
  if (error_) return input_;
  const size_t wanted = boundary_.wanted();
  if (skipper_ && !skipper_->waiting_for_trial()) {
    staged_input_.resize(wanted);
    input_ = staged_input_;
  } else {
    MutableByteView space = deframer_.input_space();
    input_ = space.first(std::min(wanted, space.size()));
  }
  return input_;
}

size_t RecordLayer::commit_input(size_t n) {
  const MutableByteView given = std::exchange(input_, {});
  n = std::min(n, given.size());
  if (!given.empty() && given.data() == staged_input_.data()) {
    const Bytes staged = std::exchange(staged_input_, {});
    return feed(ByteView(staged).first(n));
  }
  deframer_.commit(n);
  boundary_.advance(given.first(n));
  return n;
}

// Bytes of one record while declined early data is skipped: collected until the record is
// whole, then dropped or handed on to the deframer (the caller's next read() takes it).
void RecordLayer::feed_early_data(ByteView part) {
  Status collected = skipper_->collect(part);
  if (!collected.ok()) {
    error_ = collected.error();
    return;
  }
  if (!boundary_.at_boundary()) return;
  auto handed_on = skipper_->finish_record();
  if (!handed_on.ok()) {
    error_ = handed_on.error();
    return;
  }
  if (*handed_on) deframer_.feed(**handed_on);
  if (skipper_->done()) skipper_.reset();
}

Result<std::optional<ReceivedRecord>> RecordLayer::fail(Error e) {
  error_ = e;
  return e;
}

// TLS 1.3 middlebox compatibility (RFC 8446 §5, Appendix D.4). The check comes before
// deprotection: the CCS arrives unprotected where protected records are expected.
bool RecordLayer::is_compat_ccs(const RecordView& record) const {
  return record.type == ContentType::change_cipher_spec &&
         (version_ == RecordVersion::tls13 ||
          (version_ == RecordVersion::unknown && compat_ccs_allowed_));
}

Status RecordLayer::drop_compat_ccs(const RecordView& record) {
  if (!compat_ccs_allowed_) {
    return protocol_error(AlertDescription::unexpected_message,
                          "record: ChangeCipherSpec outside the TLS 1.3 compatibility window");
  }
  if (record.body.size() != 1 || record.body[0] != 0x01) {
    // "An implementation which receives any other change_cipher_spec value ... MUST abort
    // the handshake with an unexpected_message alert."
    return protocol_error(AlertDescription::unexpected_message,
                          "record: TLS 1.3 ChangeCipherSpec is not the single byte 0x01");
  }
  // Appendix D.4: each side sends it once ("either immediately after its first ClientHello
  // or immediately before its second flight"); a second one has no reason to exist.
  if (compat_ccs_seen_) {
    return protocol_error(AlertDescription::unexpected_message,
                          "record: too many TLS 1.3 ChangeCipherSpecs: a second one");
  }
  compat_ccs_seen_ = true;
  return {};
}

// The content of a record about to be returned: empty records and the 1.2 ChangeCipherSpec.
Status RecordLayer::check_content(const ReceivedRecord& r) {
  if (r.content.empty()) {
    if (r.type != ContentType::application_data) {
      // RFC 8446 §5.1 / RFC 5246 §6.2.1: zero-length fragments of handshake, alert (and, in
      // 1.2, ChangeCipherSpec) MUST NOT be sent.
      return protocol_error(AlertDescription::unexpected_message,
                            "record: zero-length " + name(r.type) + " record");
    }
    // Zero-length application data is legal once application data is (the engine decides
    // when: it is passed up); a long run of it is not (record_limits.hpp).
    if (++consecutive_empty_ > kMaxConsecutiveEmptyRecords) {
      return protocol_error(AlertDescription::unexpected_message,
                            "record: too many empty records: more than " +
                                std::to_string(kMaxConsecutiveEmptyRecords) + " in a row");
    }
    return {};
  }
  if (r.type == ContentType::change_cipher_spec &&
      (r.content.size() != 1 || r.content[0] != 0x01)) {
    // RFC 5246 §7.1: the ChangeCipherSpec message is the single byte 1; any other value is
    // no ChangeCipherSpec we know (as RFC 8446 §5 says for 1.3, and as OpenSSL answers).
    return protocol_error(AlertDescription::unexpected_message,
                          "record: ChangeCipherSpec is not the single byte 0x01");
  }
  consecutive_empty_ = 0;
  return {};
}

Result<std::optional<ReceivedRecord>> RecordLayer::read() {
  if (error_) return *error_;
  for (;;) {
    auto next = deframer_.next();
    if (!next.ok()) return fail(std::move(next).error());
    if (!next->has_value()) return std::optional<ReceivedRecord>{};
    RecordView& record = **next;

    if (is_compat_ccs(record)) {
      Status dropped = drop_compat_ccs(record);
      if (!dropped.ok()) return fail(dropped.error());
      continue;  // "MUST simply drop it without further processing"
    }

    // RFC 8446 Appendix A.1: a client "may send alerts that derive from post-ServerHello
    // messages in the clear". Taken as an alert only until the peer's first protected record.
    if (read_ && plaintext_alert_allowed_ && record.type == ContentType::alert) {
      plaintext_alert_allowed_ = false;
      return std::optional<ReceivedRecord>(ReceivedRecord{record.type, record.body});
    }

    ReceivedRecord out;
    if (read_) {
      auto opened = read_->open(record);
      if (!opened.ok()) return fail(std::move(opened).error());
      plaintext_alert_allowed_ = false;
      out.type = opened->type;
      out.content = opened->content;
    } else {
      if (record.type == ContentType::application_data) {
        // No suite tlsock negotiates sends application data in the clear.
        return fail(protocol_error(AlertDescription::unexpected_message,
                                   "record: application data before encryption"));
      }
      out.type = record.type;
      out.content = record.body;
    }
    Status checked = check_content(out);
    if (!checked.ok()) return fail(checked.error());
    return std::optional<ReceivedRecord>(out);
  }
}

Result<SealProgress> RecordLayer::seal_into(ContentType type, ByteView data, MutableByteView out) {
  RecordProtector* protector = write_ ? &*write_ : nullptr;
  uint16_t version = plaintext_version_;
  if (type == ContentType::change_cipher_spec && version_ == RecordVersion::tls13) {
    // RFC 8446 §5: the compatibility ChangeCipherSpec is sent unprotected, as legacy 0x0303.
    protector = nullptr;
    version = static_cast<uint16_t>(ProtocolVersion::tls1_2);
  }
  if (protector == nullptr && type == ContentType::application_data) {
    return internal_error("record: application data before write keys are installed");
  }
  return fragmenter_.seal(protector, version, type, data, out);
}

Status RecordLayer::seal(ContentType type, ByteView data) {
  size_t bound = sealed_size_bound(data.size());
  MutableByteView space = output_.reserve(bound);
  auto sealed = seal_into(type, data, space);
  output_.commit(bound, sealed.ok() ? sealed->written : 0);
  if (!sealed.ok()) return std::move(sealed).error();
  if (sealed->consumed != data.size()) return internal_error("record: sealed_size_bound too small");
  return {};
}

size_t RecordLayer::sealed_size_bound(size_t data_length) const {
  return fragmenter_.sealed_size_bound(write_ ? &*write_ : nullptr, data_length);
}

}  // namespace tlsock
